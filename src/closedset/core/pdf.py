"""The shared PDF set-up for documents (riders, briefs): A4, page numbers, embedded Unicode fonts.

DejaVu Sans is the main font; Droid Sans Fallback covers the scripts DejaVu lacks (CJK), so
every name a performer may have renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONTS = Path(__file__).resolve().parent.parent / "fonts"
MAIN = "DejaVu"
FALLBACK = "DroidSansFallback"


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip() if moment else ""


class Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(MAIN, size=8)
        self.cell(0, 8, f"Page {self.page_no()}/{{nb}}", align="C")


def new_pdf(title: str) -> Pdf:
    pdf = Pdf(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font(MAIN, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(MAIN, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_font(FALLBACK, "", str(FONTS / "DroidSansFallback.ttf"))
    pdf.set_fallback_fonts([FALLBACK], exact_match=False)
    pdf.set_title(title)
    pdf.set_creator("Closed Set")
    pdf.alias_nb_pages()
    pdf.add_page()
    return pdf


def line(
    pdf: FPDF, text: str, *, size: float = 10, bold: bool = False, height: float = 5.5
) -> None:
    pdf.set_font(MAIN, "B" if bold else "", size)
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def bullets(pdf: FPDF, title: str, entries: Sequence[str], empty: str) -> None:
    line(pdf, title, size=10, bold=True)
    for entry in entries or [empty]:
        pdf.set_x(pdf.l_margin + 4)
        pdf.set_font(MAIN, "", 10)
        pdf.multi_cell(0, 5.5, f"• {entry}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
