"""Plain text laid out like a printed screenplay (for example `pdftotext -layout` output).

Form feeds separate pages. Without them, a lone page number at the right margin starts a
page, and failing that a page is taken to be 55 lines.
"""

from __future__ import annotations

import re

from closedset.breakdown.build import LINES_PER_PAGE
from closedset.breakdown.model import Script
from closedset.breakdown.readers.layout import Row, Segment, read_layout

# A segment is text whose words are at most two spaces apart; three or more start a new one.
_SEGMENT_RE = re.compile(r"\S+(?: {1,2}\S+)*")
_PAGE_NUMBER_RE = re.compile(r"\d{1,4}\.")
_PAGE_NUMBER_COLUMN = 40


def read_text(text: str) -> Script:
    """Parse laid-out screenplay text (already decoded, `\\n` line ends)."""
    pages: list[list[Row]] = [[]]
    starts = [1]
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.expandtabs(8) if "\t" in raw else raw
        for index, part in enumerate(line.split("\f")):
            if index:
                pages.append([])
                starts.append(number)
            if part.strip():
                segments = [
                    Segment(float(match.start()), match.group(0))
                    for match in _SEGMENT_RE.finditer(part)
                ]
                pages[-1].append(Row(number, float(number - starts[-1]), segments))
    if len(pages) == 1:
        pages = _split_unmarked(pages[0])
    return read_layout(pages, "text")


def _split_unmarked(rows: list[Row]) -> list[list[Row]]:
    """Pages of text without form feeds: at printed page numbers, else every 55 lines."""
    pages: list[list[Row]] = [[]]
    start = 1
    for row in rows:
        segments = row.segments
        if (
            pages[-1]
            and len(segments) == 1
            and segments[0].col >= _PAGE_NUMBER_COLUMN
            and _PAGE_NUMBER_RE.fullmatch(segments[0].text)
        ):
            pages.append([])
            start = row.line
        pages[-1].append(Row(row.line, float(row.line - start), segments))
    if len(pages) > 1 or not rows or rows[-1].line <= LINES_PER_PAGE + 11:
        return pages
    chunks: dict[int, list[Row]] = {}
    for row in rows:
        index, offset = divmod(row.line - 1, LINES_PER_PAGE)
        chunks.setdefault(index, []).append(Row(row.line, float(offset), row.segments))
    return [chunks.get(index, []) for index in range(max(chunks) + 1)]
