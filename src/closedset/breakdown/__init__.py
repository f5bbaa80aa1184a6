"""Screenplay breakdown: read a script into scenes and flag the ones with intimate content.

Pure: no Django, no file I/O. `read_script` takes the bytes of a Fountain, Final Draft
(.fdx), PDF or plain-text screenplay; `breakdown` adds the detector's flags.
"""

from __future__ import annotations

from closedset.breakdown.decode import decode
from closedset.breakdown.errors import ScriptError
from closedset.breakdown.model import (
    Breakdown,
    Category,
    CharacterAge,
    Element,
    ElementKind,
    Evidence,
    Flag,
    Scene,
    SceneBreakdown,
    Script,
    Severity,
    severity_of,
)
from closedset.breakdown.readers.fdx import read_fdx
from closedset.breakdown.readers.fountain import read_fountain
from closedset.breakdown.readers.pdf import read_pdf
from closedset.breakdown.readers.text import read_text

__all__ = [
    "FORMATS",
    "Breakdown",
    "Category",
    "CharacterAge",
    "Element",
    "ElementKind",
    "Evidence",
    "Flag",
    "Scene",
    "SceneBreakdown",
    "Script",
    "ScriptError",
    "Severity",
    "breakdown",
    "detect_format",
    "read_script",
    "severity_of",
]

FORMATS = ("fountain", "fdx", "pdf", "text")

_LAYOUT_INDENTS = (" " * 10, "\t\t", "\f" + " " * 10)


def read_script(data: bytes, filename: str | None = None) -> Script:
    """Read a screenplay. The format is decided by the content; the file name only breaks ties.

    Raises ScriptError, with a one-line message for the user, for anything unreadable.
    """
    fmt, text = _detect(data, filename)
    if fmt == "pdf":
        return read_pdf(data)
    if fmt == "fdx":
        return read_fdx(data)
    if fmt == "text":
        return read_text(text)
    return read_fountain(text)


def detect_format(data: bytes, filename: str | None = None) -> str:
    """The format name (see FORMATS); raises ScriptError for content no reader accepts."""
    return _detect(data, filename)[0]


def breakdown(data: bytes, filename: str | None = None) -> Breakdown:
    """Read a screenplay and flag each scene's intimate content."""
    script = read_script(data, filename)
    # Imported here so reading works on its own and `import closedset.breakdown` stays light.
    from closedset.breakdown.detect import analyze  # noqa: PLC0415

    result: Breakdown = analyze(script)
    return result


def _detect(data: bytes, filename: str | None) -> tuple[str, str]:
    """The format and, for text formats, the decoded text."""
    if b"%PDF-" in data[:1024]:
        return "pdf", ""
    text = decode(data)
    head = text[:8192].lstrip()
    if head.startswith("<"):
        if "<FinalDraft" in head:
            return "fdx", text
        raise ScriptError("this is XML or HTML but not a Final Draft (.fdx) script")
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    return ("text" if _laid_out(text, suffix) else "fountain"), text


def _laid_out(text: str, suffix: str) -> bool:
    """Text laid out like a printed page (as `pdftotext -layout` writes it)?"""
    chunk = text[:200_000]
    if not chunk.startswith(_LAYOUT_INDENTS) and not any(
        "\n" + indent in chunk for indent in _LAYOUT_INDENTS
    ):
        return False  # no line is indented like a printed page
    lines = [line for line in chunk.split("\n") if line.strip()]
    if not lines:
        return False
    indented = sum(1 for line in lines if line.startswith(_LAYOUT_INDENTS))
    share = indented / len(lines)
    if suffix in {"fountain", "spmd"}:
        return share >= 0.5
    if "\f" in text or suffix == "txt":
        return share >= 0.1 and indented >= 3
    return share >= 0.2 and indented >= 5
