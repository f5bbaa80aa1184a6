"""Fountain (https://fountain.io/syntax) to a Script.

Notes `[[...]]` and boneyard `/* ... */` are removed before anything else, line by line,
so every element keeps the line number it has in the file.
"""

from __future__ import annotations

import re
from dataclasses import replace

from closedset.breakdown.build import Paginator, Placed, build_script, character_name
from closedset.breakdown.headings import (
    has_heading_prefix,
    is_forced_heading,
    strip_fountain_number,
)
from closedset.breakdown.model import Element, ElementKind, Script

_REMOVED = "\x1f"
_PAGE_BREAK_RE = re.compile(r"^\s*={3,}\s*$")
_TITLE_KEY_RE = re.compile(r"^([A-Za-z][\w .'/\-]{0,40}):[ \t]*(.*)$")
# A title page needs one of these; other keys may come along with them.
_TITLE_KEYS = frozenset(
    {"title", "credit", "author", "authors", "source", "draft date", "date", "contact", "notes"}
    | {"copyright", "revision", "episode", "series"}
)
_CENTERED_RE = re.compile(r"^>\s*(.*?)\s*<$")
_EXTENSION_RE = re.compile(r"\s*\([^()]*\)?")
_ESCAPED_RE = re.compile(r"\\([*_\\])")
_EMPHASIS_RES = (
    re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*"),
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"),
    re.compile(r"(?<![^\W_])_(?=\S)(.+?)(?<=\S)_(?![^\W_])"),
)
_HEADING_INITIALS = frozenset("IEie")
_ESCAPES = {"*": "\x1c", "_": "\x1d", "\\": "\x1e"}
_UNESCAPE = str.maketrans({"\x1c": "*", "\x1d": "_", "\x1e": "\\"})

Line = tuple[int, str]


def read_fountain(text: str) -> Script:
    """Parse Fountain text (already decoded, `\\n` line ends)."""
    lines = _source_lines(text)
    title_page, start = _title_page(lines)
    body = _Body()
    body.read(lines[start:])
    title = title_page.get("title")
    return build_script(
        body.placed,
        fmt="fountain",
        title=" ".join(title.split()) if title else None,
        title_page=title_page,
        end_row=body.paginator.row,
    )


def clean(text: str) -> str:
    """Remove emphasis markers (*italic*, **bold**, _underline_) and escapes."""
    escaped = "\\" in text
    if escaped:
        text = _ESCAPED_RE.sub(lambda match: _ESCAPES[match.group(1)], text)
    if "*" in text or "_" in text:
        for pattern in _EMPHASIS_RES:
            text = pattern.sub(r"\1", text)
    return text.translate(_UNESCAPE) if escaped else text


def _source_lines(text: str) -> list[Line]:
    """Numbered lines without notes and boneyard; lines that held only those are dropped."""
    if "\t" in text:
        text = "\n".join(line.expandtabs(4) for line in text.split("\n"))
    if "/*" not in text and "[[" not in text:
        return list(enumerate(text.split("\n"), start=1))
    text = _without_comments(text.replace(_REMOVED, " "))
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw
        if _REMOVED in line:
            line = line.replace(_REMOVED, "")
            if not line.strip():
                continue
        lines.append((number, line))
    return lines


def _without_comments(text: str) -> str:
    """Replace boneyard and notes with markers, keeping their line breaks.

    A note ends at "]]" and may not span a blank line; an unclosed "/*" or "[[" is text.
    One pass with `str.find` (no backtracking), so hostile input costs linear time.
    """
    parts: list[str] = []
    position = 0
    closes = {"/*": "*/", "[[": "]]"}
    next_open = {"/*": text.find("/*"), "[[": text.find("[[")}
    next_close = {"/*": -2, "[[": -2}
    while True:
        candidates = [(at, opener) for opener, at in next_open.items() if at >= 0]
        if not candidates:
            break
        start, opener = min(candidates)
        if next_close[opener] != -1 and next_close[opener] < start + 2:
            next_close[opener] = text.find(closes[opener], start + 2)
        end = next_close[opener]
        if end < 0:  # never closed: neither is any later one
            next_open[opener] = -1
            continue
        if opener == "[[":
            blank = text.find("\n\n", start, end)
            if blank >= 0:
                next_open[opener] = text.find(opener, start + 2)
                continue
        parts.append(text[position:start])
        parts.append(_REMOVED + ("\n" + _REMOVED) * text.count("\n", start, end))
        position = end + 2
        for name, at in next_open.items():
            if 0 <= at < position:
                next_open[name] = text.find(name, position)
    parts.append(text[position:])
    return "".join(parts)


def _title_page(lines: list[Line]) -> tuple[dict[str, str], int]:
    """The key: value block at the top of the file, and the index where the body starts."""
    index = 0
    while index < len(lines) and not lines[index][1].strip():
        index += 1
    if index == len(lines):
        return {}, index
    first = lines[index][1]
    match = _TITLE_KEY_RE.match(first)
    if match is None or has_heading_prefix(first) or is_forced_heading(first):
        return {}, 0
    if not match.group(2).strip() and first.upper() == first:
        return {}, 0  # "FADE IN:" and the like start the body
    fields: dict[str, list[str]] = {}
    key = ""
    while index < len(lines) and lines[index][1].strip():
        line = lines[index][1]
        match = None if line[:1].isspace() else _TITLE_KEY_RE.match(line)
        if match:
            key = match.group(1).strip().lower()
            fields.setdefault(key, [])
            value = match.group(2).strip()
        else:
            value = line.strip()
        if value:
            fields.setdefault(key, []).append(clean(value))
        index += 1
    if not fields.keys() & _TITLE_KEYS:
        return {}, 0
    return {key: "\n".join(values) for key, values in fields.items() if key}, index


def _is_upper(text: str) -> bool:
    return text.upper() == text and any(ch.isupper() for ch in text)


def _is_caps_heading(text: str) -> bool:
    stripped = text.lstrip()
    return (
        stripped[:1] in _HEADING_INITIALS and has_heading_prefix(stripped) and _is_upper(stripped)
    )


def _is_cue(text: str) -> bool:
    if text.startswith("@"):
        return len(text) > 1
    name = _EXTENSION_RE.sub("", text.rstrip("^ ")).strip()
    return (
        bool(name)
        and _is_upper(name)
        and not name.endswith((":", "!", "?", ";", ","))
        and not name.startswith(("(", "~", ">", "!", "="))
        and len(name.split()) <= 6
    )


def _is_section_or_synopsis(text: str) -> bool:
    stripped = text.lstrip()
    return stripped.startswith("#") or (
        stripped.startswith("=") and not _PAGE_BREAK_RE.match(stripped)
    )


class _Body:
    """Reads the body paragraph by paragraph (a paragraph ends at a blank line)."""

    def __init__(self) -> None:
        self.placed: list[Placed] = []
        self.paginator = Paginator()

    def read(self, lines: list[Line]) -> None:
        block: list[Line] = []
        for number, line in lines:
            if not line or line.isspace():
                if line == "  ":  # two spaces: a deliberate empty line inside a paragraph
                    block.append((number, ""))
                elif block:
                    self.block(block)
                    block = []
            elif "===" in line and _PAGE_BREAK_RE.match(line):
                self.block(block)
                block = []
                self.emit(ElementKind.PAGE_BREAK, "", number)
            else:
                block.append((number, line.rstrip()))
        self.block(block)

    def emit(
        self,
        kind: ElementKind,
        text: str,
        line: int,
        *,
        speaker: str | None = None,
        dual: bool = False,
        number: str | None = None,
    ) -> None:
        if (not text or text.isspace()) and kind is not ElementKind.PAGE_BREAK:
            return
        page, row = self.paginator.place(kind, text)
        element = Element(kind, text, line, page, speaker, dual)
        self.placed.append(Placed(element, row, number))

    def block(self, lines: list[Line]) -> None:
        """A paragraph. An upper-case heading inside it ends the paragraph before it."""
        start, end, split = 0, len(lines), 0
        while start < end:
            line = lines[start][1]
            if not line.strip() or _is_section_or_synopsis(line):
                start += 1
                continue
            if split <= start:
                split = start + 1
                while split < end and not _is_caps_heading(lines[split][1]):
                    split += 1
            start = self.paragraph(lines, start, split)

    def paragraph(self, lines: list[Line], start: int, stop: int) -> int:
        """Classify lines[start:stop]; returns where the next paragraph starts."""
        number, first = lines[start]
        stripped = first.strip()
        forced = is_forced_heading(stripped)
        single = stop - start == 1
        if forced or (has_heading_prefix(stripped) and (single or _is_upper(stripped))):
            heading, scene_number = strip_fountain_number(stripped[1:] if forced else stripped)
            self.emit(ElementKind.HEADING, clean(heading), number, number=scene_number)
            return start + 1  # any lines under the heading form the next paragraph
        part = lines[start:stop]
        if stripped.startswith("!"):
            self.action([(number, first.replace("!", "", 1)), *part[1:]])
        elif stripped.startswith(">") and all(_CENTERED_RE.match(line.strip()) for _, line in part):
            text = "\n".join(_CENTERED_RE.sub(r"\1", line.strip()) for _, line in part)
            self.emit(ElementKind.CENTERED, clean(text), number)
        elif single and (
            (stripped.startswith(">") and len(stripped) > 1)
            or (_is_upper(stripped) and stripped.endswith("TO:"))
        ):
            self.emit(ElementKind.TRANSITION, clean(stripped.lstrip(">").strip()), number)
        elif stripped.startswith("~"):
            text = "\n".join(line.strip().removeprefix("~").strip() for _, line in part)
            self.emit(ElementKind.LYRIC, clean(text), number)
        elif not single and _is_cue(stripped):
            self.dialogue(part)
        else:
            self.action(part)
        return stop

    def action(self, lines: list[Line]) -> None:
        text = "\n".join(line for _, line in lines).strip("\n")
        if text.strip():
            self.emit(ElementKind.ACTION, clean(text), lines[0][0])

    def dialogue(self, lines: list[Line]) -> None:
        number, cue = lines[0]
        cue = cue.strip().removeprefix("@").strip()
        dual = cue.endswith("^")
        if dual:
            cue = cue.rstrip("^ ")
            self.mark_previous_dual()
        cue = clean(cue)
        speaker = character_name(cue)
        self.emit(ElementKind.CHARACTER, cue, number, dual=dual)
        speech: list[Line] = []
        paren: list[Line] = []

        def flush() -> None:
            if speech:
                text = "\n".join(line for _, line in speech).strip("\n")
                if text.strip():
                    self.emit(
                        ElementKind.DIALOGUE,
                        clean(text),
                        speech[0][0],
                        speaker=speaker,
                        dual=dual,
                    )
                speech.clear()

        for line_number, line in lines[1:]:
            stripped = line.strip()
            if paren or stripped.startswith("("):
                flush()
                paren.append((line_number, stripped))
                if stripped.endswith(")") or len(paren) == 3:
                    text = " ".join(part for _, part in paren)
                    self.emit(
                        ElementKind.PARENTHETICAL,
                        clean(text),
                        paren[0][0],
                        speaker=speaker,
                        dual=dual,
                    )
                    paren.clear()
            elif stripped.startswith("~"):
                flush()
                lyric = clean(stripped[1:].strip())
                self.emit(ElementKind.LYRIC, lyric, line_number, speaker=speaker, dual=dual)
            else:
                speech.append((line_number, stripped))
        flush()
        if paren:
            text = " ".join(part for _, part in paren)
            self.emit(
                ElementKind.PARENTHETICAL, clean(text), paren[0][0], speaker=speaker, dual=dual
            )

    def mark_previous_dual(self) -> None:
        """The dialogue before a "^" cue is the left side of dual dialogue."""
        dialogue_kinds = (
            ElementKind.DIALOGUE,
            ElementKind.PARENTHETICAL,
            ElementKind.LYRIC,
            ElementKind.CHARACTER,
        )
        for index in range(len(self.placed) - 1, -1, -1):
            item = self.placed[index]
            if item.element.kind not in dialogue_kinds:
                return
            self.placed[index] = replace(item, element=replace(item.element, dual=True))
            if item.element.kind is ElementKind.CHARACTER:
                return
