import json
from pathlib import Path

import pytest
from fpdf import FPDF
from tests.breakdown.screenplay_pdf import render_pdf

from closedset.breakdown import ElementKind, Script, ScriptError, read_script
from closedset.breakdown.readers.pdf import NO_TEXT

DEV = Path(__file__).parents[2].parent / "shared/eval/dev"

SCRIPT = """\
Title: Porch Light
Author: Someone

INT. KITCHEN - NIGHT #4#

Maya dries a glass. Outside, a dog barks twice and then goes quiet for a long while.

MAYA (V.O.)
(softly)
Nobody kisses anybody in this kitchen. Not tonight, not tomorrow, not ever again.

EXT. PORCH - NIGHT #5#

Porch light, moths.

IVY
Oh my God.

NORA ^
(sharp)
Inside. Now.

Theo steps back.

CUT TO:

INT. BEDROOM - NIGHT #5A#

They kiss.
"""


def fountain(text: str) -> Script:
    return read_script(text.encode(), "script.fountain")


def pdf_script(data: bytes) -> Script:
    script = read_script(data, "script.pdf")
    assert script.format == "pdf"
    return script


def long_script(scenes: int = 6, paragraphs: int = 12) -> str:
    parts = ["Title: Long One\n"]
    for number in range(1, scenes + 1):
        parts.append(f"INT. ROOM {number} - NIGHT #{number}#\n")
        for paragraph in range(paragraphs):
            parts.append(
                f"Paragraph {paragraph} of scene {number}: a long line of action that wraps over "
                "two printed lines at least, so that scenes run across pages.\n"
            )
            parts.append(
                "MAYA\nA speech long enough to wrap more than once on the page, because speeches "
                "do that, and then it goes on a little more to make the point properly.\n"
            )
    return "\n".join(parts)


def test_scenes_numbers_and_title_survive_printing():
    source = fountain(SCRIPT)
    script = pdf_script(render_pdf(source))
    assert script.title == "Porch Light"
    assert [(s.number, s.normalized_heading) for s in script.scenes] == [
        ("4", "INT. KITCHEN - NIGHT"),
        ("5", "EXT. PORCH - NIGHT"),
        ("5A", "INT. BEDROOM - NIGHT"),
    ]
    assert [s.characters for s in script.scenes] == [["MAYA"], ["IVY", "NORA"], []]


def test_elements_are_classified_from_indentation():
    script = pdf_script(render_pdf(fountain(SCRIPT)))
    kitchen = [(e.kind, e.text, e.speaker) for e in script.scenes[0].elements]
    assert kitchen == [
        (
            ElementKind.ACTION,
            "Maya dries a glass. Outside, a dog barks twice and then goes\nquiet for a long while.",
            None,
        ),
        (ElementKind.CHARACTER, "MAYA (V.O.)", None),
        (ElementKind.PARENTHETICAL, "(softly)", "MAYA"),
        (
            ElementKind.DIALOGUE,
            "Nobody kisses anybody in this\nkitchen. Not tonight, not tomorrow,\nnot ever again.",
            "MAYA",
        ),
    ]


def test_dual_dialogue_printed_side_by_side():
    script = pdf_script(render_pdf(fountain(SCRIPT)))
    porch = [(e.kind, e.text, e.speaker, e.dual) for e in script.scenes[1].elements]
    assert porch == [
        (ElementKind.ACTION, "Porch light, moths.", None, False),
        (ElementKind.CHARACTER, "IVY", None, True),
        (ElementKind.DIALOGUE, "Oh my God.", "IVY", True),
        (ElementKind.CHARACTER, "NORA", None, True),
        (ElementKind.PARENTHETICAL, "(sharp)", "NORA", True),
        (ElementKind.DIALOGUE, "Inside. Now.", "NORA", True),
        (ElementKind.ACTION, "Theo steps back.", None, False),
        (ElementKind.TRANSITION, "CUT TO:", None, False),
    ]


def test_page_numbers_continueds_and_mores_are_dropped():
    source = fountain(long_script())
    script = pdf_script(render_pdf(source))
    assert [s.normalized_heading for s in script.scenes] == [
        s.normalized_heading for s in source.scenes
    ]
    texts = [e.text for scene in script.scenes for e in scene.elements]
    assert not [text for text in texts if "CONTINUED" in text or "(MORE)" in text]
    assert all(
        e.text == "MAYA" or "CONT'D" in e.text
        for s in script.scenes
        for e in s.elements
        if e.kind is ElementKind.CHARACTER
    )
    speeches = [e for s in script.scenes for e in s.elements if e.kind is ElementKind.DIALOGUE]
    assert all(e.speaker == "MAYA" for e in speeches)
    assert all(
        e.text.startswith(("A speech", "do that", "then it goes", "on a little")) or e.text
        for e in speeches
    )
    assert script.pages >= 10
    pages = [scene.page for scene in script.scenes]
    assert pages == sorted(pages)
    assert pages[0] == 1
    lines = [e.line for scene in script.scenes for e in scene.elements]
    assert lines == sorted(lines)
    assert all(scene.eighths > 8 for scene in script.scenes[:-1])


def test_pages_are_physical_without_printed_numbers_or_a_title_page():
    source = fountain(long_script(scenes=3))
    data = render_pdf(source, title_page=False, page_numbers=False, scene_numbers=False)
    script = pdf_script(data)
    assert script.title is None
    assert [s.number for s in script.scenes] == [None, None, None]
    assert [s.normalized_heading for s in script.scenes] == [
        s.normalized_heading for s in source.scenes
    ]
    assert script.scenes[0].page == 1


def test_the_dev_set_thriller_printed_to_pdf_keeps_its_labeled_headings():
    if not DEV.exists():
        pytest.skip("the shared dev set is not here")
    source = read_script((DEV / "meridian-tapes.fountain").read_bytes(), "meridian-tapes.fountain")
    script = pdf_script(render_pdf(source))
    labels = json.loads((DEV / "labels.json").read_text())
    labeled = next(s for s in labels["scripts"] if s["file"] == "meridian-tapes.fountain")
    found = {(s.normalized_heading, s.occurrence) for s in script.scenes}
    for scene in labeled["scenes"]:
        assert (scene["heading"], scene["occurrence"]) in found
    assert [s.normalized_heading for s in script.scenes] == [
        s.normalized_heading for s in source.scenes
    ]
    assert [s.number for s in script.scenes] == [str(n) for n in range(1, 14)]
    assert script.title == "THE MERIDIAN TAPES"


def test_a_pdf_without_text_is_refused():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60)
    with pytest.raises(ScriptError) as caught:
        read_script(bytes(pdf.output()), "scan.pdf")
    assert str(caught.value) == NO_TEXT


def test_an_encrypted_pdf_is_refused():
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Courier", size=12)
    pdf.text(20, 20, "INT. VAULT - NIGHT")
    with pytest.raises(ScriptError, match="encrypted"):
        read_script(bytes(pdf.output()), "locked.pdf")


def test_a_pdf_locked_only_for_editing_is_read():
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.set_font("Courier", size=12)
    pdf.text(38, 30, "INT. VAULT - NIGHT")
    script = read_script(bytes(pdf.output()), "locked.pdf")
    assert [s.normalized_heading for s in script.scenes] == ["INT. VAULT - NIGHT"]


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", b"%PDF-" + bytes(200)],
)
def test_a_damaged_pdf_is_refused(data):
    with pytest.raises(ScriptError):
        read_script(data, "broken.pdf")


def test_a_pdf_with_no_headings_is_one_scene_with_a_warning():
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Courier", size=12)
    pdf.text(108, 81, "Just some action, no heading at all.")
    script = read_script(bytes(pdf.output()), "x.pdf")
    assert len(script.scenes) == 1
    assert script.warnings
    assert script.scenes[0].elements[0].text == "Just some action, no heading at all."


def _plain(script: Script) -> list[tuple[str, str, str | None, bool]]:
    printable = {ElementKind.LYRIC: ElementKind.ACTION}  # a PDF cannot tell lyrics from action
    return [
        (printable.get(e.kind, e.kind).value, " ".join(e.text.split()), e.speaker, e.dual)
        for scene in script.scenes
        for e in scene.elements
        if e.kind is not ElementKind.PAGE_BREAK
    ]


@pytest.mark.parametrize(
    "name",
    sorted(path.name for path in DEV.glob("*.fountain")) if DEV.exists() else [],
)
def test_every_dev_script_survives_printing_element_by_element(name):
    source = read_script((DEV / name).read_bytes(), name)
    script = pdf_script(render_pdf(source))
    assert [s.normalized_heading for s in script.scenes] == [
        s.normalized_heading for s in source.scenes
    ]
    assert [s.characters for s in script.scenes] == [s.characters for s in source.scenes]
    assert _plain(script) == _plain(source)
