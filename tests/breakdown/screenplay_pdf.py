"""Render a screenplay to PDF bytes the way screenwriting software prints it.

Courier 12 pt on US Letter, 6 lines to the inch: action at 1.5 in, dialogue at 2.5 in,
parentheticals at 3.1 in, cues at 3.7 in, transitions flush right at 7.5 in, scene numbers
in both margins, page numbers top right from page 2, "(MORE)" / "(CONT'D)" when a speech
breaks across pages and "(CONTINUED)" / "CONTINUED:" when a scene does. Dual dialogue is
printed side by side. Used by the PDF tests and the speed benchmark.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from fpdf import FPDF

from closedset.breakdown.model import Element, ElementKind, Script

ROWS = 52  # body rows 0..51 between the 1 in margins (row 53 holds "(CONTINUED)")
ACTION, DIALOGUE, PAREN, CUE, RIGHT = 1.5, 2.5, 3.1, 3.7, 7.5
LEFT_NUMBER, RIGHT_NUMBER = 0.75, 7.6
DUAL_LEFT, DUAL_LEFT_CUE, DUAL_RIGHT, DUAL_RIGHT_CUE = 1.6, 2.5, 4.6, 5.3
CHARS_PER_INCH = 10


@dataclass
class _Line:
    col: float
    text: str
    right: bool = False
    center: bool = False
    number: str | None = None
    extra: list[tuple[float, str]] = field(default_factory=list)


@dataclass
class _Block:
    lines: list[_Line]
    blank_before: int = 1
    cue: str | None = None  # dialogue: the speaker, for (MORE) / (CONT'D)
    keep_with_next: int = 0


class _Printer:
    def __init__(self, *, page_numbers: bool, continueds: bool) -> None:
        self.pdf = FPDF(unit="pt", format="letter")
        self.pdf.core_fonts_encoding = "cp1252"
        self.pdf.set_auto_page_break(False)
        self.pdf.set_font("Courier", size=12)
        self.page_numbers = page_numbers
        self.continueds = continueds
        self.page = 0
        self.row = 0

    def put(self, inches: float, row: int, text: str, *, right: bool = False) -> None:
        x = inches * 72 - (len(text) * 7.2 if right else 0)
        self.pdf.text(x, 72 + row * 12 + 9, text)

    def new_page(self, scene_number: str | None = None, in_scene: bool = False) -> None:
        if self.page and in_scene and self.continueds:
            self.put(RIGHT, ROWS + 1, "(CONTINUED)", right=True)
        self.pdf.add_page()
        self.page += 1
        self.row = 0
        if self.page_numbers and self.page > 1:
            self.put(RIGHT, -3, f"{self.page}.", right=True)
        if in_scene and self.continueds:
            if scene_number:
                self.put(LEFT_NUMBER, 0, scene_number)
                self.put(RIGHT_NUMBER, 0, scene_number)
            self.put(ACTION, 0, "CONTINUED:")
            self.row = 2

    def line(self, line: _Line) -> None:
        if line.number:
            self.put(LEFT_NUMBER, self.row, line.number)
            self.put(RIGHT_NUMBER, self.row, line.number)
        if line.center:
            self.put(4.25 + len(line.text) * 0.05, self.row, line.text, right=True)
        else:
            self.put(line.col, self.row, line.text, right=line.right)
        for col, text in line.extra:
            self.put(col, self.row, text)
        self.row += 1


def _wrap(text: str, width_inches: float) -> list[str]:
    width = int(width_inches * CHARS_PER_INCH)
    lines: list[str] = []
    for part in text.split("\n"):
        lines.extend(textwrap.wrap(part, width) or [""])
    return lines


def _speech(elements: list[Element], left: float, paren: float, width: float) -> list[_Line]:
    lines: list[_Line] = []
    for element in elements:
        if element.kind is ElementKind.PARENTHETICAL:
            lines.extend(_Line(paren, text) for text in _wrap(element.text, width - 0.6))
        else:
            lines.extend(_Line(left, text) for text in _wrap(element.text, width))
    return lines


def _blocks(script: Script, *, scene_numbers: bool) -> list[tuple[str | None, _Block]]:
    blocks: list[tuple[str | None, _Block]] = []
    for scene in script.scenes:
        number = (scene.number or str(scene.ordinal)) if scene_numbers else None
        heading = _wrap(scene.heading, 5.2)
        lines = [_Line(ACTION, heading[0], number=number)]
        lines += [_Line(ACTION, text) for text in heading[1:]]
        blocks.append((number, _Block(lines, blank_before=2, keep_with_next=2)))
        elements = scene.elements
        index = 0
        while index < len(elements):
            element = elements[index]
            if element.kind is ElementKind.CHARACTER:
                stop = index + 1
                while stop < len(elements) and elements[stop].speaker is not None:
                    stop += 1
                group = elements[index:stop]
                if element.dual and stop < len(elements) and elements[stop].dual:
                    right_stop = stop + 1
                    while right_stop < len(elements) and elements[right_stop].speaker is not None:
                        right_stop += 1
                    blocks.append((number, _dual(group, elements[stop:right_stop])))
                    index = right_stop
                    continue
                cue = _Line(CUE, element.text)
                speech = _speech(group[1:], DIALOGUE, PAREN, 3.5)
                blocks.append((number, _Block([cue, *speech], cue=element.text)))
                index = stop
                continue
            if element.kind is ElementKind.TRANSITION:
                blocks.append((number, _Block([_Line(RIGHT, element.text, right=True)])))
            elif element.kind is ElementKind.CENTERED:
                lines = [_Line(0, text, center=True) for text in element.text.split("\n")]
                blocks.append((number, _Block(lines)))
            elif element.kind is ElementKind.PAGE_BREAK:
                blocks.append((number, _Block([], blank_before=-1)))
            else:
                lines = [_Line(ACTION, text) for text in _wrap(element.text, 6.0)]
                blocks.append((number, _Block(lines)))
            index += 1
    return blocks


def _dual(left: list[Element], right: list[Element]) -> _Block:
    left_lines = _speech(left[1:], DUAL_LEFT, DUAL_LEFT + 0.3, 2.6)
    right_lines = _speech(right[1:], DUAL_RIGHT, DUAL_RIGHT + 0.3, 2.6)
    cue = _Line(DUAL_LEFT_CUE, left[0].text, extra=[(DUAL_RIGHT_CUE, right[0].text)])
    lines = [cue]
    for row in range(max(len(left_lines), len(right_lines))):
        first = left_lines[row] if row < len(left_lines) else None
        second = right_lines[row] if row < len(right_lines) else None
        if first is None and second is not None:
            lines.append(second)
        elif first is not None:
            if second is not None:
                first.extra.append((second.col, second.text))
            lines.append(first)
    return _Block(lines)


def render_pdf(
    script: Script,
    *,
    title_page: bool = True,
    scene_numbers: bool = True,
    page_numbers: bool = True,
    continueds: bool = True,
) -> bytes:
    """Print a Script's scenes (and a title page from its title) as a PDF."""
    printer = _Printer(page_numbers=page_numbers, continueds=continueds)
    if title_page and script.title:
        printer.pdf.add_page()
        printer.put(4.25 + len(script.title) * 0.05, 18, script.title, right=True)
        for offset, value in enumerate(("Written by", script.title_page.get("author", ""))):
            if value:
                printer.put(4.25 + len(value) * 0.05, 21 + 2 * offset, value, right=True)
    printer.new_page()
    current: str | None = None
    for number, block in _blocks(script, scene_numbers=scene_numbers):
        in_scene = current is not None and block.blank_before != 2
        current = number if block.blank_before == 2 else current
        if block.blank_before < 0:
            printer.new_page(number, in_scene=False)
            continue
        needed = block.blank_before + min(len(block.lines), 3 if block.cue else 2)
        needed += block.keep_with_next + (1 if block.cue else 0)
        if printer.row and printer.row + needed > ROWS:
            printer.new_page(number, in_scene=in_scene)
        elif printer.row:
            printer.row += block.blank_before
        for index, line in enumerate(block.lines):
            last_row = ROWS - (1 if block.cue else 0)
            if printer.row >= last_row:
                if block.cue:
                    printer.put(CUE, printer.row, "(MORE)")
                printer.new_page(number, in_scene=True)
                if block.cue and index:
                    cue = block.cue.split(" (")[0]
                    printer.line(_Line(CUE, f"{cue} (CONT'D)"))
            printer.line(line)
    return bytes(printer.pdf.output())
