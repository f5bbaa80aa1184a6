"""The director's brief as a PDF: derived data only (the container, beats with statuses,
garments, closed set, readiness), never a "no", a "discuss", a note or a reason."""

from __future__ import annotations

from closedset.choreography.departments import BriefKind
from closedset.choreography.selectors import Brief, DepartmentBrief
from closedset.core import pdf as pdf_setup


def render(brief: Brief, production_title: str) -> bytes:
    pdf = pdf_setup.new_pdf("Director's brief")
    line, bullets = pdf_setup.line, pdf_setup.bullets
    scene = brief.scene
    line(pdf, production_title, size=16, bold=True, height=8)
    line(pdf, f"Director's brief: scene {scene.number or scene.ordinal}", size=13, bold=True)
    line(pdf, scene.heading, size=10)
    line(pdf, "Confidential: for the production members who need it.", size=9)
    pdf.ln(2)
    line(pdf, "Context", size=12, bold=True, height=6.5)
    line(pdf, brief.intent or "No intent notes yet.", size=10)
    pdf.ln(1)
    bullets(pdf, "Cast", brief.cast, "No performer is cast yet.")
    bullets(
        pdf,
        "What everyone has agreed to (the container)",
        brief.container.sentences,
        "Nothing is agreed yet.",
    )
    title = "Approved beats" if brief.state.approved else "Beats (not approved)"
    bullets(
        pdf,
        title,
        [f"{row.position}. {row.text} [{row.status_label}]" for row in brief.beats],
        "No beats yet.",
    )
    bullets(
        pdf,
        "Barriers and garments per performer",
        [f"{p.name}: {', '.join(p.garments)}" for p in brief.container.performers if p.garments],
        "None listed.",
    )
    line(pdf, "Closed set", size=10, bold=True)
    line(
        pdf,
        "Closed set (R6): essential personnel only; no personal recording devices; a robe "
        "between takes."
        if brief.closed_set
        else "No closed set required by this scene's content.",
        size=10,
    )
    pdf.ln(1.5)
    bullets(pdf, "Readiness", brief.readiness, "")
    return bytes(pdf.output())


def render_department(brief: DepartmentBrief, production_title: str) -> bytes:
    """A department's brief: its own part only (garments, or framing and stills)."""
    pdf = pdf_setup.new_pdf(brief.title)
    line, bullets = pdf_setup.line, pdf_setup.bullets
    scene = brief.scene
    line(pdf, production_title, size=16, bold=True, height=8)
    line(pdf, f"{brief.title}: scene {scene.number or scene.ordinal}", size=13, bold=True)
    line(pdf, f"{scene.heading} - {brief.day.strftime('%A %d %B %Y')}", size=10)
    line(pdf, "Confidential: for the closed-set roster of this day only.", size=9)
    pdf.ln(2)
    heading = (
        "Garments and barriers per performer"
        if brief.kind is BriefKind.COSTUME
        else "Agreed framing per performer"
    )
    bullets(
        pdf,
        heading,
        [f"{p.name}: {p.text}" for p in brief.performers],
        "No performer is cast yet.",
    )
    bullets(pdf, "Rules on this set", brief.rules, "")
    return bytes(pdf.output())
