"""Final Draft (.fdx) to a Script.

Parsed with defusedxml (no DTDs' entities, no external references), streaming into a small
target so each paragraph keeps the XML line it starts on.
"""

from __future__ import annotations

import re
from typing import Any

from closedset.breakdown.build import Paginator, Placed, build_script, character_name
from closedset.breakdown.errors import ScriptError
from closedset.breakdown.model import Element, ElementKind, Script

_KINDS = {
    "scene heading": ElementKind.HEADING,
    "action": ElementKind.ACTION,
    "character": ElementKind.CHARACTER,
    "dialogue": ElementKind.DIALOGUE,
    "parenthetical": ElementKind.PARENTHETICAL,
    "transition": ElementKind.TRANSITION,
    "shot": ElementKind.SHOT,
    "lyrics": ElementKind.LYRIC,
}
_SPEECH = (ElementKind.DIALOGUE, ElementKind.PARENTHETICAL, ElementKind.LYRIC)
_LENGTH_RE = re.compile(r"^\s*(?:(\d+)\s+)?(?:(\d+)\s*/\s*8|(\d+))\s*$")
_SPACE_RE = re.compile(r"[ \t]+")


class _Paragraph:
    __slots__ = ("dual", "kind", "length", "line", "new_page", "number", "page", "runs")

    def __init__(self, kind: str, line: int, number: str | None, new_page: bool, dual: bool):
        self.kind = kind
        self.line = line
        self.number = number
        self.new_page = new_page
        self.dual = dual
        self.page: int | None = None
        self.length: int | None = None
        self.runs: list[str] = []

    @property
    def text(self) -> str:
        return _SPACE_RE.sub(" ", "".join(self.runs)).strip()


class _Target:
    """Collects Content and TitlePage paragraphs; ignores everything else."""

    def __init__(self) -> None:
        self.parser: Any = None
        self.stack: list[str] = []
        self.body: list[_Paragraph] = []
        self.title_lines: list[str] = []
        self.paragraph: _Paragraph | None = None
        self.in_text = 0
        self.in_title_page = False
        self.in_dual = 0
        self.root_seen = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if not self.stack:
            if tag != "FinalDraft":
                raise ScriptError("this XML file is not a Final Draft script")
            self.root_seen = True
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if tag == "TitlePage":
            self.in_title_page = True
        elif tag == "DualDialogue":
            self.in_dual += 1
        elif tag == "Paragraph" and (parent in {"Content", "DualDialogue"}):
            line = int(self.parser.parser.CurrentLineNumber) if self.parser else 0
            self.paragraph = _Paragraph(
                attrib.get("Type", ""),
                line,
                attrib.get("Number") or None,
                attrib.get("StartsNewPage", "").lower() == "yes",
                self.in_dual > 0,
            )
        elif tag == "Text" and self.paragraph is not None and parent == "Paragraph":
            self.in_text += 1
        elif tag == "SceneProperties" and self.paragraph is not None:
            self.paragraph.page = _int(attrib.get("Page"))
            self.paragraph.length = _eighths(attrib.get("Length"))

    def end(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()
        if tag == "Text" and self.in_text:
            self.in_text -= 1
        elif tag == "Paragraph" and self.paragraph is not None:
            paragraph, self.paragraph = self.paragraph, None
            if not self.in_title_page:
                self.body.append(paragraph)
            elif paragraph.text:
                self.title_lines.append(paragraph.text)
        elif tag == "DualDialogue":
            self.in_dual = max(0, self.in_dual - 1)
        elif tag == "TitlePage":
            self.in_title_page = False

    def data(self, text: str) -> None:
        if self.in_text and self.paragraph is not None:
            self.paragraph.runs.append(text)

    def close(self) -> None:
        return None


def read_fdx(data: bytes) -> Script:
    """Parse a Final Draft file from its bytes (the XML declaration names the encoding)."""
    # defusedxml rebuilds the pure-Python ElementTree on import (~10 ms): only when needed.
    from defusedxml import DefusedXmlException  # noqa: PLC0415
    from defusedxml.ElementTree import DefusedXMLParser, ParseError  # noqa: PLC0415

    target = _Target()
    try:
        parser = DefusedXMLParser(target=target)
        target.parser = parser
        parser.feed(data)
        parser.close()
    except DefusedXmlException:
        raise ScriptError("this XML file declares entities, which is not allowed") from None
    except ParseError as exc:
        raise ScriptError(f"this Final Draft file is damaged ({_reason(exc)})") from None
    except RecursionError:
        raise ScriptError("this Final Draft file is nested too deeply") from None
    if not target.root_seen:
        raise ScriptError("this XML file is not a Final Draft script")
    return _script(target)


def _script(target: _Target) -> Script:
    paginator = Paginator()
    placed: list[Placed] = []
    speaker: str | None = None
    for paragraph in target.body:
        text = paragraph.text
        kind = _KINDS.get(paragraph.kind.lower(), ElementKind.GENERAL)
        if not text and kind is not ElementKind.HEADING:
            continue
        if paragraph.new_page:
            paginator.break_page()
        if kind is ElementKind.HEADING and paragraph.page is not None:
            paginator.go_to_page(paragraph.page)
        page, row = paginator.place(kind, text)
        if kind is ElementKind.CHARACTER:
            speaker = character_name(text)
        elif kind not in _SPEECH:
            speaker = None
        element = Element(
            kind,
            text,
            paragraph.line,
            page,
            speaker if kind in _SPEECH else None,
            paragraph.dual,
        )
        number = paragraph.number if kind is ElementKind.HEADING else None
        eighths = paragraph.length if kind is ElementKind.HEADING else None
        placed.append(Placed(element, row, number, eighths))
    title = target.title_lines[0] if target.title_lines else None
    title_page = {"title": title} if title else {}
    return build_script(
        placed, fmt="fdx", title=title, title_page=title_page, end_row=paginator.row
    )


def _int(value: str | None) -> int | None:
    if value and value.strip().isdigit():
        return int(value)
    return None


def _eighths(value: str | None) -> int | None:
    """Final Draft lengths: "6/8", "1 2/8", "2"."""
    match = _LENGTH_RE.match(value or "")
    if match is None:
        return None
    whole, eighths, pages = match.groups()
    total = int(whole or 0) * 8 + int(eighths or 0) + int(pages or 0) * 8
    return total or None


def _reason(exc: Exception) -> str:
    return str(exc).split(":")[0] or "not well-formed XML"
