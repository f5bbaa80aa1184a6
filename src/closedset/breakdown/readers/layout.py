"""Screenplays laid out on pages (PDF, `pdftotext -layout` text): classify lines by indentation.

A reader hands over pages of rows; each row has its vertical position and its text segments
with their columns (10 columns to the inch, as Courier 12 pt prints). Everything is measured
from the action margin, the column where headings and action start:

    action, headings   +0      dialogue      +1.0 in     parenthetical   +1.5 in
    character cue      +2.2 in transition    right       scene numbers   both margins
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from closedset.breakdown.build import LINES_PER_PAGE, Placed, build_script, character_name
from closedset.breakdown.headings import has_heading_prefix, is_scene_number
from closedset.breakdown.model import Element, ElementKind, Script

_DIALOGUE_AT = 5.0
_PAREN_AT = 13.0
_CUE_AT = 19.0
_TRANSITION_AT = 38.0
_RIGHT_SIDE_AT = 20.0
_FURNITURE_ROWS = 3
_MAX_FRONT_PAGES = 10

_CONTINUED_RE = re.compile(
    r"^\(?\s*CONTINUED\s*\)?\s*:?\s*(?:\(\s*\d+\s*\))?$"  # (CONTINUED), CONTINUED: (2)
    r"|^\(?\s*CONT(?:'|\u2019)?D\.?\s*\)?$"  # a lone (CONT'D)
    r"|^\(\s*MORE\s*\)$",
    re.IGNORECASE,
)
_PAGE_NUMBER_RE = re.compile(
    r"^[-\u2013]?\s*(?:page\s+)?(\d{1,4})[A-Z]{0,2}\s*\.?\s*[-\u2013]?$", re.IGNORECASE
)
_REVISION_MARK_RE = re.compile(r"^\*+$")
_EXTENSION_RE = re.compile(r"\s*\([^()]*\)?")
_OMITTED = "OMITTED"
_SPEECH = (ElementKind.DIALOGUE, ElementKind.PARENTHETICAL)


@dataclass(slots=True)
class Segment:
    col: float
    text: str


@dataclass(slots=True)
class Row:
    """One printed line: `line` is reported in evidence, `row` is its height on the page."""

    line: int
    row: float
    segments: list[Segment]
    number: str | None = None


@dataclass(slots=True)
class _Block:
    kind: ElementKind
    rows: list[Row]
    page: int
    texts: list[str] = field(default_factory=list)
    speaker: str | None = None
    dual: bool = False


def read_layout(pages: Sequence[list[Row]], fmt: str) -> Script:
    """Turn laid-out pages (physical order) into a Script."""
    pages = [
        [row for row in (_clean_row(row) for row in page) if row is not None] for page in pages
    ]
    for page in pages:
        for row in page:
            _strip_scene_numbers(row)
    margin = _action_margin(pages)
    printed = [_remove_furniture(page, margin) for page in pages]
    offset = _page_offset(printed, pages)
    title = _title(pages, offset)
    body = [
        (index + 1 + offset, page) for index, page in enumerate(pages) if index + 1 + offset >= 1
    ]
    top, rows_per_page = _text_area(body)
    classifier = _Classifier(margin, top, rows_per_page)
    for number, page in body:
        classifier.page(number, page)
    classifier.flush()
    last_page = body[-1][0] if body else 1
    return build_script(
        classifier.placed,
        fmt=fmt,
        title=title,
        title_page={"title": title} if title else {},
        end_row=classifier.end_row,
        pages=last_page,
        rows_per_page=rows_per_page,
    )


def _clean_row(row: Row) -> Row | None:
    segments = [
        Segment(segment.col, segment.text.strip())
        for segment in row.segments
        if segment.text.strip() and not _REVISION_MARK_RE.match(segment.text.strip())
    ]
    if not segments:
        return None
    last = segments[-1]
    if last.text.endswith(" *"):
        last.text = last.text.rstrip("* ").rstrip()
    row.segments = segments
    return row


def _joined(row: Row) -> str:
    return " ".join(segment.text for segment in row.segments)


def _strip_scene_numbers(row: Row) -> None:
    """Scene numbers in the margins of headings, CONTINUED and OMITTED lines."""
    segments = row.segments
    if len(segments) < 2:
        return
    first, last = segments[0].text, segments[-1].text
    if is_scene_number(first):
        rest = segments[1].text
        repeated = len(segments) > 2 and last.rstrip(".").upper() == first.rstrip(".").upper()
        if repeated or _numbered_text(rest):
            row.number = first.rstrip(".").upper()
            segments = segments[1:-1] if repeated else segments[1:]
    if (
        len(segments) >= 2
        and is_scene_number(segments[-1].text)
        and _numbered_text(segments[0].text)
    ):
        row.number = row.number or segments[-1].text.rstrip(".").upper()
        segments = segments[:-1]
    row.segments = segments


def _numbered_text(text: str) -> bool:
    return (
        has_heading_prefix(text)
        or _CONTINUED_RE.match(text) is not None
        or text.upper().startswith(_OMITTED)
    )


def _action_margin(pages: Sequence[list[Row]]) -> float:
    """The column of headings (or, failing that, the leftmost common indent)."""
    headings = Counter(
        round(row.segments[0].col)
        for page in pages
        for row in page
        if has_heading_prefix(row.segments[0].text)
    )
    if headings:
        return float(headings.most_common(1)[0][0])
    starts = Counter(round(row.segments[0].col) for page in pages for row in page)
    total = sum(starts.values())
    for col in sorted(starts):
        if starts[col] >= max(2, total * 0.08):
            return float(col)
    return float(min(starts, default=0))


def _remove_furniture(page: list[Row], margin: float) -> int | None:
    """Drop page numbers, headers, CONTINUED and MORE lines; return the printed page number."""
    printed: int | None = None
    edge = set(range(min(_FURNITURE_ROWS, len(page)))) | set(
        range(max(0, len(page) - _FURNITURE_ROWS), len(page))
    )
    keep: list[Row] = []
    for index, row in enumerate(page):
        text = _joined(row)
        if _CONTINUED_RE.match(text):
            continue
        if index in edge and row.number is None:
            last = row.segments[-1]
            match = _PAGE_NUMBER_RE.match(last.text)
            if match and last.col - margin >= _RIGHT_SIDE_AT:
                if printed is None:
                    printed = int(match.group(1))
                continue
        keep.append(row)
    page[:] = keep
    return printed


def _page_offset(printed: list[int | None], pages: Sequence[list[Row]]) -> int:
    """Printed page number minus physical page number (-1 for a title page)."""
    offsets = Counter(
        number - index
        for index, number in enumerate(printed, start=1)
        if number is not None and abs(number - index) <= _MAX_FRONT_PAGES
    )
    if offsets:
        return offsets.most_common(1)[0][0]
    if not pages:
        return 0
    first_has_heading = any(has_heading_prefix(row.segments[0].text) for row in pages[0])
    return -1 if len(pages) > 1 and pages[0] and not first_has_heading else 0


def _title(pages: Sequence[list[Row]], offset: int) -> str | None:
    for index, page in enumerate(pages, start=1):
        if index + offset >= 1:
            break
        for row in page:
            text = _joined(row)
            if any(ch.isalpha() for ch in text):
                return text
    return None


def _text_area(body: list[tuple[int, list[Row]]]) -> tuple[float, float]:
    """Top row of the text on a page and the number of rows a page holds."""
    tops = [page[0].row for _, page in body if page]
    bottoms = [page[-1].row for _, page in body if page]
    if len(body) < 2 or not tops:
        return (min(tops) if tops else 0.0), float(LINES_PER_PAGE)
    top = min(tops)
    return top, max(float(max(bottoms) - top + 1), 20.0)


def _is_upper(text: str) -> bool:
    return text.upper() == text and any(ch.isupper() for ch in text)


def _is_cue(text: str) -> bool:
    name = _EXTENSION_RE.sub("", text).strip()
    return (
        bool(name)
        and _is_upper(name)
        and len(name.split()) <= 6
        and not name.endswith((":", "!", "?", ";", ","))
    )


def _ends(block: _Block) -> bool:
    """The block's last line ends a sentence (so a new page starts a new paragraph)."""
    return block.texts[-1].rstrip("\"'\u201d)").endswith((".", "!", "?", ":", "\u2014", "--"))


def _continues_action(block: _Block, text: str) -> bool:
    """Action goes on; a heading goes on when it wraps (upper case, at most three lines)."""
    if block.kind is ElementKind.ACTION:
        return True
    return block.kind is ElementKind.HEADING and len(block.rows) < 3 and _is_upper(text)


def _next_to(above: float, below: float) -> bool:
    """Rows with no blank line between them."""
    return 0 < below - above <= 1.5


def _continues_speech(block: _Block) -> bool:
    """Dialogue goes on in the current block (dialogue, or a parenthetical not yet closed)."""
    if block.kind is ElementKind.DIALOGUE:
        return True
    return block.kind is ElementKind.PARENTHETICAL and not block.texts[-1].endswith(")")


def _join(texts: list[str], lines: list[int]) -> str:
    """Printed lines of a paragraph, one per text line, so that a position in the text maps
    back to a line: `element.line + text.count("\\n", 0, position)`. Lines skipped between
    them (page furniture) stay as empty lines. A word hyphenated across a line end is
    mended on the first line."""
    out = texts[0]
    for index in range(1, len(texts)):
        text = texts[index]
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].islower():
            word, _, text = text.partition(" ")
            out += word
        out += "\n" * max(1, lines[index] - lines[index - 1]) + text
    return out


class _Classifier:
    """Walks the rows in order and groups them into screenplay elements."""

    def __init__(self, margin: float, top: float, rows_per_page: float) -> None:
        self.margin = margin
        self.top = top
        self.rows_per_page = rows_per_page
        self.placed: list[Placed] = []
        self.block: _Block | None = None
        self.speaker: str | None = None
        self.previous: tuple[int, float] | None = None
        self.end_row = 0.0

    def absolute(self, page: int, row: Row) -> float:
        return (page - 1) * self.rows_per_page + max(0.0, row.row - self.top)

    def page(self, number: int, rows: list[Row]) -> None:
        index = 0
        while index < len(rows):
            row = rows[index]
            following = rows[index + 1] if index + 1 < len(rows) else None
            previous = self.previous
            new_page = previous is not None and previous[0] != number
            adjacent = previous is not None and not new_page and _next_to(previous[1], row.row)
            if not adjacent and not new_page:
                self.flush()
                self.speaker = None
            if self._dual_cues(row, following):
                index = self.dual(number, rows, index)
                continue
            self.row(number, row, following, adjacent, new_page)
            self.previous = (number, row.row)
            self.end_row = max(self.end_row, self.absolute(number, row) + 1)
            index += 1

    def _dual_cues(self, row: Row, following: Row | None) -> bool:
        return (
            len(row.segments) >= 2
            and row.segments[0].col - self.margin >= _DIALOGUE_AT
            and all(_is_cue(segment.text) for segment in row.segments)
            and following is not None
            and _next_to(row.row, following.row)
        )

    def row(
        self, page: int, row: Row, following: Row | None, adjacent: bool, new_page: bool
    ) -> None:
        text = _joined(row)
        indent = row.segments[0].col - self.margin
        block = self.block
        if indent < _DIALOGUE_AT:
            self.speaker = None
            numbered = row.number is not None and not text.upper().startswith(_OMITTED)
            if numbered or has_heading_prefix(text):
                self.start(ElementKind.HEADING, page, row, text)
            elif block is not None and (
                (adjacent and _continues_action(block, text))
                or (new_page and block.kind is ElementKind.ACTION and not _ends(block))
            ):
                self.extend(row, text)
            else:
                self.start(ElementKind.ACTION, page, row, text)
        elif indent < _CUE_AT and self.speaker is not None and (adjacent or new_page):
            if text.startswith("("):
                self.start(ElementKind.PARENTHETICAL, page, row, text, speaker=self.speaker)
            elif block is not None and _continues_speech(block):
                self.extend(row, text)
            else:
                self.start(ElementKind.DIALOGUE, page, row, text, speaker=self.speaker)
        elif indent < _CUE_AT:
            if block is not None and block.kind is ElementKind.ACTION and adjacent:
                self.extend(row, text)
            else:
                self.start(ElementKind.ACTION, page, row, text)
        elif indent < _TRANSITION_AT or not _is_upper(text):
            followed = (
                following is not None
                and _next_to(row.row, following.row)
                and _DIALOGUE_AT <= following.segments[0].col - self.margin < _CUE_AT
            )
            if (
                followed
                and new_page
                and block is not None
                and block.kind in _SPEECH
                and character_name(text) == self.speaker
            ):
                return  # "NAME (CONT'D)" after a page break: the same speech goes on
            if followed and _is_cue(text):
                self.start(ElementKind.CHARACTER, page, row, text)
                self.flush()
                self.speaker = character_name(text)
            else:
                kind = ElementKind.CENTERED if _is_upper(text) else ElementKind.GENERAL
                self.start(kind, page, row, text)
                self.flush()
                self.speaker = None
        else:
            self.start(ElementKind.TRANSITION, page, row, text)
            self.flush()
            self.speaker = None

    def dual(self, page: int, rows: list[Row], index: int) -> int:
        """Two cues side by side: read both columns until the next blank line."""
        cue_row = rows[index]
        cues = cue_row.segments[:2]
        split = (cues[0].col + cues[1].col) / 2
        sides: list[list[tuple[Row, str]]] = [[], []]
        last = cue_row
        index += 1
        while index < len(rows) and _next_to(last.row, rows[index].row):
            for segment in rows[index].segments:
                sides[segment.col >= split].append((rows[index], segment.text))
            last = rows[index]
            index += 1
        for side, cue in zip(sides, cues, strict=True):
            speaker = character_name(cue.text)
            self.start(ElementKind.CHARACTER, page, cue_row, cue.text, dual=True)
            for row, text in side:
                block = self.block
                if text.startswith("("):
                    kind = ElementKind.PARENTHETICAL
                    self.start(kind, page, row, text, speaker=speaker, dual=True)
                elif block is not None and _continues_speech(block):
                    self.extend(row, text)
                else:
                    kind = ElementKind.DIALOGUE
                    self.start(kind, page, row, text, speaker=speaker, dual=True)
            self.flush()
        self.previous = (page, last.row)
        self.end_row = max(self.end_row, self.absolute(page, last) + 1)
        self.speaker = None
        return index

    def start(
        self,
        kind: ElementKind,
        page: int,
        row: Row,
        text: str,
        *,
        speaker: str | None = None,
        dual: bool = False,
    ) -> None:
        self.flush()
        self.block = _Block(kind, [row], page, [text], speaker, dual)

    def extend(self, row: Row, text: str) -> None:
        if self.block is not None:
            self.block.rows.append(row)
            self.block.texts.append(text)

    def flush(self) -> None:
        block = self.block
        if block is None:
            return
        self.block = None
        first = block.rows[0]
        if block.kind is ElementKind.HEADING:
            text = " ".join(block.texts)
        else:
            text = _join(block.texts, [row.line for row in block.rows])
        element = Element(block.kind, text, first.line, block.page, block.speaker, block.dual)
        number = first.number if block.kind is ElementKind.HEADING else None
        self.placed.append(Placed(element, self.absolute(block.page, first), number))
