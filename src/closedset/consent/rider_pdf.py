"""A rider as a PDF: a pure function of its content snapshot and the names around it.
The page set-up and fonts are shared with every document (``closedset.core.pdf``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fpdf import FPDF

from closedset.core import pdf as pdf_setup


@dataclass(frozen=True)
class Signature:
    role: str  # "Performer", "Producer", "Intimacy coordinator (one-on-one)"
    name: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class RiderDocument:
    production_title: str
    performer_name: str
    number: int
    state: str
    content_hash: str
    content: Mapping[str, Any]
    signatures: Sequence[Signature] = field(default_factory=tuple)
    issued_at: datetime | None = None


_when = pdf_setup.when
_line = pdf_setup.line
_list = pdf_setup.bullets


def _scene(pdf: FPDF, scene: Mapping[str, Any]) -> None:
    pdf.ln(2)
    heading = f"Scene {scene.get('number', '')}: {scene.get('heading', '')}"
    _line(pdf, heading, size=12, bold=True, height=6.5)
    where = f"{scene.get('script', '')}, page {scene.get('page', '')}"
    where += f" · consent version {scene.get('consent_version', '')}"
    _line(pdf, where, size=9)
    if scene.get("withdrawn"):
        _line(pdf, "Consent for this scene was withdrawn.", size=10, bold=True)
    pdf.ln(1)
    _list(pdf, "Agreed", scene.get("agreed", []), "Nothing agreed for this scene.")
    _list(pdf, "Garments and barriers", scene.get("garments", []), "None listed.")
    _list(pdf, "Doubles", scene.get("doubles", []), "No double agreed.")
    _list(pdf, "Stills and footage", scene.get("stills", []), "No stills agreed.")


def render(document: RiderDocument) -> bytes:
    """The rider as PDF bytes."""
    pdf = pdf_setup.new_pdf("Rider")
    _line(pdf, document.production_title, size=16, bold=True, height=8)
    _line(pdf, f"Rider for {document.performer_name}", size=13, bold=True, height=7)
    _line(pdf, f"Rider number {document.number} · {document.state}", size=10)
    if document.issued_at:
        _line(pdf, f"Issued {_when(document.issued_at)}", size=10)
    _line(
        pdf,
        "This rider lists, scene by scene, only what the performer agreed to. Anything not "
        "listed is not agreed.",
        size=9,
    )
    for scene in document.content.get("scenes", []):
        _scene(pdf, scene)
    pdf.ln(4)
    _line(pdf, "Content hash (SHA-256)", size=10, bold=True)
    _line(pdf, document.content_hash, size=9)
    pdf.ln(4)
    _line(pdf, "Signatures", size=12, bold=True, height=6.5)
    for signature in document.signatures:
        if signature.name:
            text = f"{signature.role}: {signature.name}, {_when(signature.at)}"
        else:
            text = f"{signature.role}: ______________________________  Date: ____________"
        _line(pdf, text, size=10, height=7)
    return bytes(pdf.output())
