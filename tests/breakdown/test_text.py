from pathlib import Path

import pytest

from closedset.breakdown import ElementKind, Script, read_script
from closedset.breakdown.readers.text import read_text

TRAUMA = "EMERGENCY DEPARTMENT - TRAUMA BAY - NIGHT"
DEV = Path(__file__).parents[2].parent / "shared/eval/dev"

SAMPLE = """\
                            THE TEST SCRIPT


                               Written by

                                Someone
\f
      FADE IN:

1     INT. KITCHEN - NIGHT                                                1

      Maya stands at the sink. A long action paragraph that
      wraps onto a second line.

                            MAYA
                     (quietly)
                Nobody kisses anybody in this
                kitchen.
                            (MORE)
                                                       (CONTINUED)
\f                                                                      2.

1     CONTINUED:                                                          1

                            MAYA (CONT'D)
                Not tonight.

                                                          CUT TO:

12A   INT. ST. BRIGID'S MEMORIAL HOSPITAL - EMERGENCY DEPARTMENT -        12A
      TRAUMA BAY - NIGHT                                                 *

      Curtains, monitors. An air-
      gapped laptop.

                IVY                          NORA
      Oh my God, you're               Inside.
      kidding.                        (beat)
                                      Now.

      Theo steps back.

                                THE END
"""


def parse(text: str, name: str = "script.txt") -> Script:
    script = read_script(text.encode(), name)
    assert script.format == "text"
    return script


def test_layout_is_read_into_scenes_with_margin_numbers():
    script = parse(SAMPLE)
    assert script.title == "THE TEST SCRIPT"
    assert [(s.number, s.normalized_heading, s.page) for s in script.scenes] == [
        ("1", "INT. KITCHEN - NIGHT", 1),
        (
            "12A",
            "INT. ST. BRIGID'S MEMORIAL HOSPITAL - EMERGENCY DEPARTMENT - TRAUMA BAY - NIGHT",
            2,
        ),
    ]
    assert script.pages == 2


def test_page_furniture_is_not_script_text():
    script = parse(SAMPLE)
    texts = [e.text for scene in script.scenes for e in scene.elements]
    joined = "\n".join(texts)
    for furniture in ("CONTINUED", "(MORE)", "2.", "*"):
        assert furniture not in joined


def test_elements_are_classified_by_indentation():
    """A speech broken by a page break, (MORE) and (CONT'D) is read as one speech."""
    script = parse(SAMPLE)
    kitchen = [(e.kind.value, e.text, e.speaker, e.line, e.page) for e in script.scenes[0].elements]
    assert kitchen == [
        (
            "action",
            "Maya stands at the sink. A long action paragraph that\nwraps onto a second line.",
            None,
            12,
            1,
        ),
        ("character", "MAYA", None, 15, 1),
        ("parenthetical", "(quietly)", "MAYA", 16, 1),
        (
            "dialogue",
            "Nobody kisses anybody in this\nkitchen.\n\n\n\n\n\n\n\nNot tonight.",
            "MAYA",
            17,
            1,
        ),
        ("transition", "CUT TO:", None, 28, 2),
    ]
    assert script.scenes[0].characters == ["MAYA"]


def test_dual_dialogue_side_by_side():
    hospital = parse(SAMPLE).scenes[1]
    elements = [(e.kind.value, e.text, e.speaker, e.dual) for e in hospital.elements]
    assert elements == [
        ("action", "Curtains, monitors. An air-gapped\nlaptop.", None, False),
        ("character", "IVY", None, True),
        ("dialogue", "Oh my God, you're\nkidding.", "IVY", True),
        ("character", "NORA", None, True),
        ("dialogue", "Inside.", "NORA", True),
        ("parenthetical", "(beat)", "NORA", True),
        ("dialogue", "Now.", "NORA", True),
        ("action", "Theo steps back.", None, False),
        ("centered", "THE END", None, False),
    ]
    assert hospital.characters == ["IVY", "NORA"]


def test_pages_without_form_feeds_follow_printed_page_numbers():
    text = SAMPLE.replace("\f", "")
    script = parse(text)
    assert [scene.page for scene in script.scenes] == [1, 2]


def test_text_without_any_page_marks_is_paged_every_55_lines():
    lines = ["      INT. ROOM ONE - DAY", ""]
    lines += ["      Something happens here, line after line.", ""] * 40
    lines += ["      INT. ROOM TWO - DAY", "", "      Done."]
    script = read_text("\n".join(lines))
    assert [scene.page for scene in script.scenes] == [1, 2]
    assert script.scenes[0].eighths > 8


def test_tabs_are_expanded():
    text = "\tINT. ROOM - DAY\n\n\tAction.\n\n\t\t\t\tMAYA\n\t\tHi.\n"
    script = read_text(text)
    assert [e.kind for e in script.scenes[0].elements] == [
        ElementKind.ACTION,
        ElementKind.CHARACTER,
        ElementKind.DIALOGUE,
    ]


def test_fountain_looking_text_is_read_as_fountain():
    script = read_script(b"INT. ROOM - DAY\n\nAction.\n\nMAYA\nHi.\n", "script.txt")
    assert script.format == "fountain"


def test_the_dev_set_twin_matches_its_fountain():
    if not DEV.exists():
        pytest.skip("the shared dev set is not here")
    text = read_script((DEV / "meridian-tapes.txt").read_bytes(), "meridian-tapes.txt")
    fountain = read_script(
        (DEV / "meridian-tapes.fountain").read_bytes(), "meridian-tapes.fountain"
    )
    assert text.format == "text"
    assert [s.normalized_heading for s in text.scenes] == [
        s.normalized_heading for s in fountain.scenes
    ]
    assert [s.number for s in text.scenes] == [str(n) for n in range(1, 14)]
    assert [s.characters for s in text.scenes] == [s.characters for s in fountain.scenes]
    assert text.title == "THE MERIDIAN TAPES"
    assert text.pages == 8
    pages = [s.page for s in text.scenes]
    assert pages == sorted(pages)
    assert pages[0] == 1
    trauma = text.scenes[10]
    assert trauma.line == 361
    assert trauma.elements[0].text.startswith("Curtains, monitors. Mara sits on the gurney in")
    assert trauma.elements[0].text.count("\n") == 3  # four printed lines, 364 to 367
