"""PDF to a Script, with pypdfium2.

PDFium gives the page text line by line; character origins give each line's indent and
reveal wide gaps (scene numbers in the margins, dual dialogue), which split a line into
segments. Lines are then classified like any laid-out screenplay (see `layout`).
"""

from __future__ import annotations

import ctypes
import re
from typing import Any

from closedset.breakdown.errors import ScriptError
from closedset.breakdown.model import Script
from closedset.breakdown.readers.layout import Row, Segment, read_layout

_POINTS_PER_COLUMN = 7.2  # Courier 12 pt: 10 characters to the inch
_DEFAULT_FONT_SIZE = 12.0
_CHAR_WIDTH = 0.6  # Courier's advance, in ems
_SAME_BASELINE = 2.0
_LINE_RE = re.compile(r"[^\r\n]+")
_JUNK_RE = re.compile(r"[\x00\x01\x03-\x08\x0b-\x1f\ufeff]")
_HYPHEN_RE = re.compile(r"[\x02\u00ad\ufffe]")  # how PDFium marks a hyphen ending a line
NO_TEXT = "this PDF has no text layer; export it again from your writing software"


def read_pdf(data: bytes) -> Script:
    """Parse a PDF screenplay from its bytes."""
    try:  # a compiled library (~30 ms to load): only when a PDF arrives
        import pypdfium2 as pdfium  # noqa: PLC0415
        import pypdfium2.raw as pdfium_c  # noqa: PLC0415
    except ImportError:
        raise ScriptError("PDF support is not installed (pypdfium2 is missing)") from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ScriptError(
                "this PDF is encrypted with a password; save an unprotected copy and try again"
            ) from None
        raise ScriptError("this PDF is damaged or not a PDF") from None
    try:
        pages = _read_pages(document, pdfium_c)
    finally:
        document.close()
    if not any(pages):
        raise ScriptError(NO_TEXT)
    return read_layout(pages, "pdf")


def _read_pages(document: Any, pdfium_c: Any) -> list[list[Row]]:
    pages: list[list[Row]] = []
    counter = [0]
    for index in range(len(document)):
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                height = float(page.get_height())
                pages.append(_page_rows(textpage, pdfium_c, height, counter))
            finally:
                textpage.close()
        finally:
            page.close()
    return pages


class _Chars:
    """Character origins and font sizes, by index in the page text."""

    def __init__(self, textpage: Any, pdfium_c: Any, text: str) -> None:
        self.raw = textpage.raw
        self.pdfium_c = pdfium_c
        self.identity = len(text) == pdfium_c.FPDFText_CountChars(self.raw)
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()
        self.x_ref = ctypes.byref(self.x)
        self.y_ref = ctypes.byref(self.y)
        self.get_origin = pdfium_c.FPDFText_GetCharOrigin

    def index(self, text_index: int) -> int:
        if self.identity:
            return text_index
        return int(self.pdfium_c.FPDFText_GetCharIndexFromTextIndex(self.raw, text_index))

    def origin(self, text_index: int) -> tuple[float, float]:
        self.get_origin(self.raw, self.index(text_index), self.x_ref, self.y_ref)
        return self.x.value, self.y.value

    def font_size(self, text_index: int) -> float:
        size = float(self.pdfium_c.FPDFText_GetFontSize(self.raw, self.index(text_index)))
        return size if size > 1 else _DEFAULT_FONT_SIZE

    def baseline_end(self, start: int, end: int, baseline: float) -> int:
        """Where the text leaves the baseline of text[start] (PDFium joins a word hyphenated
        across two lines into one line of text, which must be split again)."""
        low, high = start, end - 1
        while high - low > 1:
            middle = (low + high) // 2
            if abs(self.origin(middle)[1] - baseline) < _SAME_BASELINE:
                low = middle
            else:
                high = middle
        return high

    def line(self, text: str, start: int, end: int) -> tuple[float, float, list[Segment], int]:
        """(baseline, font size, segments, where the next line starts) for text[start:end]."""
        x0, baseline = self.origin(start)
        x_last, y_last = self.origin(end - 1)
        if abs(y_last - baseline) >= _SAME_BASELINE:
            stop = self.baseline_end(start, end, baseline)
            _, end = _trim(text, start, stop)
            x_last, _ = self.origin(end - 1)
        else:
            stop = end
        size = self.font_size(start)
        return baseline, size, self.segments(text, start, end, size, (x0, x_last)), stop

    def segments(
        self, text: str, start: int, end: int, size: float, edges: tuple[float, float]
    ) -> list[Segment]:
        """The line text[start:end] split where a gap is wider than two spaces."""
        width = size * _CHAR_WIDTH
        x0, x_last = edges
        pieces: list[tuple[float, int, int]] = []
        if abs((x_last - x0) - (end - 1 - start) * width) <= width / 2:
            pieces.append((x0, start, end))
        else:
            piece_start, piece_x = start, x0
            index = start + 1
            while index < end:
                if text[index] != " ":
                    index += 1
                    continue
                after = index
                while after < end and text[after] == " ":
                    after += 1
                x_before, _ = self.origin(index - 1)
                x_after, _ = self.origin(after)
                if x_after - x_before >= (after - index + 1) * width + 1.5 * width:
                    pieces.append((piece_x, piece_start, index))
                    piece_start, piece_x = after, x_after
                index = after
            pieces.append((piece_x, piece_start, end))
        segments: list[Segment] = []
        for x, first, stop in pieces:
            piece = _HYPHEN_RE.sub("-", _JUNK_RE.sub("", text[first:stop])).strip()
            if piece:
                segments.append(Segment(x / _POINTS_PER_COLUMN, piece))
        return segments


def _page_rows(textpage: Any, pdfium_c: Any, height: float, counter: list[int]) -> list[Row]:
    text = textpage.get_text_range()
    if not text.strip():
        return []
    chars = _Chars(textpage, pdfium_c, text)
    lines: list[tuple[float, float, list[Segment]]] = []
    for match in _LINE_RE.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        while start < end:
            baseline, size, segments, stop = chars.line(text, start, end)
            if segments:
                lines.append((baseline, size, segments))
            start, end = _trim(text, stop, end)
    return _rows(lines, height, counter)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _rows(
    lines: list[tuple[float, float, list[Segment]]], height: float, counter: list[int]
) -> list[Row]:
    """Merge pieces that share a baseline, top to bottom; rows count line heights from the top."""
    if not lines:
        return []
    sizes = sorted(size for _, size, _ in lines)
    line_height = sizes[len(sizes) // 2]
    lines.sort(key=lambda line: -line[0])
    merged: list[tuple[float, list[Segment]]] = []
    for baseline, _, segments in lines:
        if merged and abs(merged[-1][0] - baseline) < _SAME_BASELINE:
            merged[-1][1].extend(segments)
        else:
            merged.append((baseline, list(segments)))
    rows: list[Row] = []
    for baseline, segments in merged:
        counter[0] += 1
        segments.sort(key=lambda segment: segment.col)
        rows.append(Row(counter[0], (height - baseline) / line_height, segments))
    return rows
