"""The rider PDF renders every name (Latin, Polish, Japanese) and prints the content hash."""

from __future__ import annotations

from datetime import UTC, datetime

import pypdfium2 as pdfium

from closedset.consent.rider_pdf import RiderDocument, Signature, render

HASH = "3f" * 32
CONTENT = {
    "scenes": [
        {
            "number": "12",
            "heading": "INT. KITCHEN - NIGHT",
            "page": 4,
            "script": "Tide Line",
            "consent_version": 2,
            "withdrawn": False,
            "agreed": ["Give to Zoë Łukasz 佐藤: kiss on the lips (closed mouth)"],
            "garments": ["Garment or barrier: Robe"],
            "doubles": [],
            "stills": [],
        }
    ]
}


def _text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_the_pdf_renders_unicode_names_and_the_hash() -> None:
    data = render(
        RiderDocument(
            production_title="Tide Line",
            performer_name="Zoë Łukasz 佐藤",
            number=3,
            state="Signed by the performer",
            content_hash=HASH,
            content=CONTENT,
            signatures=(
                Signature("Performer", "Zoë Łukasz 佐藤", datetime(2026, 5, 1, 9, 30, tzinfo=UTC)),
                Signature("Producer"),
            ),
        )
    )
    assert data.startswith(b"%PDF")
    text = _text(data)
    assert "Zoë Łukasz" in text
    assert "佐藤" in text
    assert HASH in text
    assert "INT. KITCHEN - NIGHT" in text
    assert "Garment or barrier: Robe" in text
    assert "Rider number 3" in text


def test_an_empty_scene_says_nothing_is_agreed() -> None:
    content = {"scenes": [{**CONTENT["scenes"][0], "agreed": [], "withdrawn": True}]}
    text = _text(
        render(
            RiderDocument("Tide Line", "Ana", 1, "Draft", HASH, content, (Signature("Performer"),))
        )
    )
    assert "Nothing agreed for this scene." in text
    assert "withdrawn" in text
