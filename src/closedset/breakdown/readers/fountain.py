"""Fountain (https://fountain.io/syntax) to a Script.

Notes `[[...]]` and boneyard `/* ... */` are removed before anything else, line by line,
so every element keeps the line number it has in the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from closedset.breakdown.build import Paginator, build_from_rows, character_name
from closedset.breakdown.headings import (
    has_heading_prefix,
    is_forced_heading,
    strip_fountain_number,
)
from closedset.breakdown.model import Element, ElementKind, Script, make_element

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
    lines, numbers = _source_lines(text)
    title_page, start = _title_page(lines)
    body = _Body()
    body.read(lines, numbers, start)
    title = title_page.get("title")
    return build_from_rows(
        body.elements,
        body.rows,
        body.numbers,
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


def _source_lines(text: str) -> tuple[list[str], Sequence[int]]:
    """The lines without notes and boneyard, and the number each has in the file; lines that
    held only those are dropped."""
    if "\t" in text:
        text = "\n".join(line.expandtabs(4) for line in text.split("\n"))
    if "/*" not in text and "[[" not in text:
        lines = text.split("\n")
        return lines, range(1, len(lines) + 1)
    text = _without_comments(text.replace(_REMOVED, " "))
    lines = text.split("\n")
    numbers = list(range(1, len(lines) + 1))
    # Only the lines that held a note or boneyard need a look: find them from the markers.
    touched: list[int] = []
    line = 0
    previous = 0
    position = text.find(_REMOVED)
    while position >= 0:
        line += text.count("\n", previous, position)
        if not touched or touched[-1] != line:
            touched.append(line)
        previous = position
        position = text.find(_REMOVED, position + 1)
    for index in reversed(touched):
        kept = lines[index].replace(_REMOVED, "")
        if kept.strip():
            lines[index] = kept
        else:
            del lines[index]
            del numbers[index]
    return lines, numbers


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


def _title_page(lines: list[str]) -> tuple[dict[str, str], int]:
    """The key: value block at the top of the file, and the index where the body starts."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines):
        return {}, index
    first = lines[index]
    match = _TITLE_KEY_RE.match(first)
    if match is None or has_heading_prefix(first) or is_forced_heading(first):
        return {}, 0
    if not match.group(2).strip() and first.upper() == first:
        return {}, 0  # "FADE IN:" and the like start the body
    fields: dict[str, list[str]] = {}
    key = ""
    while index < len(lines) and lines[index].strip():
        line = lines[index]
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
    """Every cased character upper case, and at least one of them."""
    return text.isupper()


def _is_caps_heading(text: str) -> bool:
    stripped = text.lstrip()
    return stripped[:1] in _HEADING_INITIALS and has_heading_prefix(stripped) and stripped.isupper()


def _is_cue(text: str) -> bool:
    if text.startswith("@"):
        return len(text) > 1
    name = text.rstrip("^ ")
    if "(" in name:
        name = _EXTENSION_RE.sub("", name)
    name = name.strip()
    return (
        name.isupper()
        and not name.endswith((":", "!", "?", ";", ","))
        and not name.startswith(("(", "~", ">", "!", "="))
        and len(name.split()) <= 6
    )


def _is_section_or_synopsis(text: str) -> bool:
    stripped = text.lstrip()
    return stripped.startswith("#") or (
        stripped.startswith("=") and not _PAGE_BREAK_RE.match(stripped)
    )


_PAGE_BREAK = ElementKind.PAGE_BREAK
_HEADING = ElementKind.HEADING
_ACTION = ElementKind.ACTION
_CHARACTER = ElementKind.CHARACTER
_DIALOGUE = ElementKind.DIALOGUE
_PARENTHETICAL = ElementKind.PARENTHETICAL
_LYRIC = ElementKind.LYRIC
_DIALOGUE_KINDS = frozenset({_DIALOGUE, _PARENTHETICAL, _LYRIC, _CHARACTER})
# An element as `emit` collects it: kind, text, line, speaker, dual, scene number.
_Item = tuple[ElementKind, str, int, str | None, bool, str | None]
# What can start a line that is not plain action or dialogue: cheap to test before a regex.
_SPECIAL_STARTS = frozenset("!>~")


class _Body:
    """Reads the body paragraph by paragraph (a paragraph ends at a blank line).

    A paragraph is a run of lines `texts` with their line numbers `numbers` in the file.
    """

    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.elements: list[Element] = []
        self.rows: list[float] = []
        self.numbers: dict[int, tuple[str | None, int | None]] = {}
        self.paginator = Paginator()

    def read(self, lines: list[str], numbers: Sequence[int], start: int = 0) -> None:
        texts: list[str] = []
        found: list[int] = []
        for index in range(start, len(lines)):
            line = lines[index]
            if not line or line.isspace():
                if line == "  ":  # two spaces: a deliberate empty line inside a paragraph
                    texts.append("")
                    found.append(numbers[index])
                elif texts:
                    self.block(texts, found)
                    texts = []
                    found = []
            elif "===" in line and _PAGE_BREAK_RE.match(line):
                self.block(texts, found)
                texts = []
                found = []
                self.emit(_PAGE_BREAK, "", numbers[index])
            else:
                texts.append(line.rstrip())
                found.append(numbers[index])
        self.block(texts, found)
        self.finish()

    def emit(
        self,
        kind: ElementKind,
        text: str,
        line: int,
        speaker: str | None = None,
        *,
        dual: bool = False,
        number: str | None = None,
    ) -> None:
        if kind is _PAGE_BREAK or (text and not text.isspace()):
            self.items.append((kind, text, line, speaker, dual, number))

    def finish(self) -> None:
        """Place every element on its page: one pass over what `emit` collected."""
        paginator = self.paginator
        per_page = paginator.lines_per_page
        page, used = paginator.page, paginator.used
        layout = Paginator.LAYOUT
        elements = self.elements
        rows = self.rows
        for kind, text, line, speaker, dual, number in self.items:
            if kind is _PAGE_BREAK:
                if used:
                    page += 1
                    used = 0
                rows.append(float((page - 1) * per_page + used))
                elements.append(make_element(kind, text, line, page, speaker, dual))
                continue
            before, width = layout[kind]
            if "\n" in text:
                height = sum((len(part) + width - 1) // width or 1 for part in text.split("\n"))
            else:
                height = (len(text) + width - 1) // width or 1
            if used:
                if used + before + (height if height < 3 else 3) > per_page:
                    page += 1
                    used = 0
                else:
                    used += before
            if number is not None:
                self.numbers[len(elements)] = (number, None)
            rows.append(float((page - 1) * per_page + used))
            elements.append(make_element(kind, text, line, page, speaker, dual))
            used += height
            while used > per_page:
                used -= per_page
                page += 1
        paginator.page, paginator.used = page, used
        self.items = []

    def block(self, texts: list[str], numbers: Sequence[int]) -> None:
        """A paragraph. An upper-case heading inside it ends the paragraph before it."""
        start, end, split = 0, len(texts), 0
        while start < end:
            line = texts[start]
            if not line.strip() or (line.lstrip()[:1] in "#=" and _is_section_or_synopsis(line)):
                start += 1
                continue
            if split <= start:
                split = start + 1
                while split < end and not (
                    texts[split].lstrip()[:1] in _HEADING_INITIALS
                    and _is_caps_heading(texts[split])
                ):
                    split += 1
            start = self.paragraph(texts, numbers, start, split)

    def paragraph(self, texts: list[str], numbers: Sequence[int], start: int, stop: int) -> int:
        """Classify texts[start:stop]; returns where the next paragraph starts."""
        number = numbers[start]
        first = texts[start]
        stripped = first.strip()
        initial = stripped[0]
        single = stop - start == 1
        if initial in _HEADING_INITIALS or initial == ".":
            forced = is_forced_heading(stripped)
            if forced or (has_heading_prefix(stripped) and (single or stripped.isupper())):
                heading, scene_number = strip_fountain_number(stripped[1:] if forced else stripped)
                self.emit(_HEADING, clean(heading), number, number=scene_number)
                return start + 1  # any lines under the heading form the next paragraph
        if initial in _SPECIAL_STARTS and self.special(texts, numbers, start, stop, stripped):
            return stop
        if single:
            if stripped.endswith("TO:") and stripped.isupper():
                self.emit(ElementKind.TRANSITION, clean(stripped), number)
            else:
                self.emit(_ACTION, clean(first), number)
        elif _is_cue(stripped):
            self.dialogue(texts, numbers, start, stop)
        else:
            text = "\n".join(texts[start:stop]).strip("\n")
            if text.strip():
                self.emit(_ACTION, clean(text), number)
        return stop

    def special(
        self, texts: list[str], numbers: Sequence[int], start: int, stop: int, stripped: str
    ) -> bool:
        """Forced action, centered text, forced transitions and lyrics; False for none."""
        number = numbers[start]
        part = texts[start:stop]
        if stripped.startswith("!"):
            part[0] = texts[start].replace("!", "", 1)
            text = "\n".join(part).strip("\n")
            if text.strip():
                self.emit(_ACTION, clean(text), number)
            return True
        if stripped.startswith(">") and all(_CENTERED_RE.match(line.strip()) for line in part):
            text = "\n".join(_CENTERED_RE.sub(r"\1", line.strip()) for line in part)
            self.emit(ElementKind.CENTERED, clean(text), number)
            return True
        if stop - start == 1 and stripped.startswith(">") and len(stripped) > 1:
            self.emit(ElementKind.TRANSITION, clean(stripped.lstrip(">").strip()), number)
            return True
        if stripped.startswith("~") and not (
            stop - start == 1 and stripped.endswith("TO:") and stripped.isupper()
        ):
            text = "\n".join(line.strip().removeprefix("~").strip() for line in part)
            self.emit(_LYRIC, clean(text), number)
            return True
        return False

    def dialogue(self, texts: list[str], numbers: Sequence[int], start: int, stop: int) -> None:
        cue = texts[start].strip().removeprefix("@").strip()
        dual = cue.endswith("^")
        if dual:
            cue = cue.rstrip("^ ")
            self.mark_previous_dual()
        cue = clean(cue)
        speaker = character_name(cue)
        self.emit(_CHARACTER, cue, numbers[start], dual=dual)
        if stop - start == 2:  # the common case: one line of speech
            stripped = texts[start + 1].strip()
            if stripped and stripped[0] not in "(~":
                self.emit(_DIALOGUE, clean(stripped), numbers[start + 1], speaker, dual=dual)
                return
        speech: list[str] = []
        speech_line = 0
        paren: list[str] = []
        paren_line = 0
        for index in range(start + 1, stop):
            stripped = texts[index].strip()
            if paren or stripped.startswith(("(", "~")):
                if speech:
                    self.speech(speech, speech_line, speaker, dual)
                    speech = []
                if not paren and stripped.startswith("~"):
                    lyric = clean(stripped[1:].strip())
                    self.emit(_LYRIC, lyric, numbers[index], speaker, dual=dual)
                    continue
                if not paren:
                    paren_line = numbers[index]
                paren.append(stripped)
                if stripped.endswith(")") or len(paren) == 3:
                    self.emit(
                        _PARENTHETICAL, clean(" ".join(paren)), paren_line, speaker, dual=dual
                    )
                    paren = []
            else:
                if not speech:
                    speech_line = numbers[index]
                speech.append(stripped)
        if speech:
            self.speech(speech, speech_line, speaker, dual)
        if paren:
            self.emit(_PARENTHETICAL, clean(" ".join(paren)), paren_line, speaker, dual=dual)

    def speech(self, lines: list[str], line: int, speaker: str, dual: bool) -> None:
        text = lines[0] if len(lines) == 1 else "\n".join(lines).strip("\n")
        if text.strip():
            self.emit(_DIALOGUE, clean(text), line, speaker, dual=dual)

    def mark_previous_dual(self) -> None:
        """The dialogue before a "^" cue is the left side of dual dialogue."""
        items = self.items
        for index in range(len(items) - 1, -1, -1):
            kind, text, line, speaker, _dual, number = items[index]
            if kind not in _DIALOGUE_KINDS:
                return
            items[index] = (kind, text, line, speaker, True, number)
            if kind is _CHARACTER:
                return
