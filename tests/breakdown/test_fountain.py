from textwrap import dedent

import pytest

from closedset.breakdown import ElementKind, Script, read_script
from closedset.breakdown.build import NO_HEADINGS_WARNING
from closedset.breakdown.readers.fountain import clean


def parse(text: str) -> Script:
    script = read_script(dedent(text).lstrip("\n").encode(), "script.fountain")
    assert script.format == "fountain"
    return script


def kinds(script: Script, scene: int = 0) -> list[tuple[str, str]]:
    return [(element.kind.value, element.text) for element in script.scenes[scene].elements]


def test_title_page_keys_any_case_and_indented_values():
    script = parse(
        """
        Title:
            **THE FERRY**
            _SCHEDULE_
        Credit: Written by
        author: Anonymous
        Draft date: 1 May
        Contact:
            12 Harbour Road
            Port Ellen
        Revision Color: Blue

        INT. HOUSE - DAY

        Rain.
        """
    )
    assert script.title == "THE FERRY SCHEDULE"
    assert script.title_page["author"] == "Anonymous"
    assert script.title_page["draft date"] == "1 May"
    assert script.title_page["contact"] == "12 Harbour Road\nPort Ellen"
    assert script.title_page["revision color"] == "Blue"
    assert script.scenes[0].line == 12
    assert [scene.heading for scene in script.scenes] == ["INT. HOUSE - DAY"]


@pytest.mark.parametrize("first", ["FADE IN:", "INT. HOUSE - DAY", "A man walks: slowly."])
def test_no_title_page_without_key_value_lines(first):
    script = parse(f"{first}\n\nINT. YARD - DAY\n\nRain.\n")
    assert script.title is None
    assert script.title_page == {}


def test_text_before_the_first_heading_belongs_to_no_scene():
    script = parse(
        """
        FADE IN:

        A prologue nobody films.

        EXT. PIER - DAY

        Gulls.
        """
    )
    assert len(script.scenes) == 1
    assert kinds(script) == [("action", "Gulls.")]


def test_a_script_without_headings_is_one_unnamed_scene_with_a_warning():
    script = parse(
        """
        Title: Fragment

        Maya waits by the door.

        MAYA
        Anyone?
        """
    )
    assert len(script.scenes) == 1
    scene = script.scenes[0]
    assert scene.heading == ""
    assert scene.normalized_heading == ""
    assert scene.characters == ["MAYA"]
    assert script.warnings == [NO_HEADINGS_WARNING]


def test_headings_forced_numbered_and_mixed_case():
    script = parse(
        """
        INT. KITCHEN - NIGHT #12A#

        A.

        .Flashback - Summer of '74 - The Dock

        B.

        int.  garage   - day

        C.

        ...and the ellipsis is action.

        I/E CAR - NIGHT

        D.
        """
    )
    headings = [(scene.heading, scene.normalized_heading, scene.number) for scene in script.scenes]
    assert headings == [
        ("INT. KITCHEN - NIGHT", "INT. KITCHEN - NIGHT", "12A"),
        ("Flashback - Summer of '74 - The Dock", "FLASHBACK - SUMMER OF '74 - THE DOCK", None),
        ("int.  garage   - day", "INT. GARAGE - DAY", None),
        ("I/E CAR - NIGHT", "I/E CAR - NIGHT", None),
    ]
    assert kinds(script, 2) == [("action", "C."), ("action", "...and the ellipsis is action.")]
    assert script.scenes[1].int_ext is None
    assert script.scenes[3].int_ext == "I/E"
    assert script.scenes[0].location == "KITCHEN"
    assert script.scenes[0].time_of_day == "NIGHT"


def test_intercut_insert_and_voice_over_cues_are_not_headings():
    script = parse(
        """
        INT. VAN - NIGHT

        INTERCUT - VAN / SUITE

        INSERT - THE WALL

        ESTHER (V.O.)
        Come down to the water.
        """
    )
    assert len(script.scenes) == 1
    assert kinds(script) == [
        ("action", "INTERCUT - VAN / SUITE"),
        ("action", "INSERT - THE WALL"),
        ("character", "ESTHER (V.O.)"),
        ("dialogue", "Come down to the water."),
    ]


def test_forced_action_is_never_a_heading_or_cue():
    script = parse(
        """
        INT. HOUSE - DAY

        !INT. IS WHAT THE SIGN SAYS

        !BANG
        The door flies open.
        """
    )
    assert len(script.scenes) == 1
    assert kinds(script) == [
        ("action", "INT. IS WHAT THE SIGN SAYS"),
        ("action", "BANG\nThe door flies open."),
    ]


def test_repeated_headings_count_occurrences():
    script = parse(
        """
        INT. BEDROOM - NIGHT

        One.

        EXT. YARD - DAY

        Two.

        INT. BEDROOM - NIGHT #3#

        Three.
        """
    )
    assert [(s.normalized_heading, s.occurrence) for s in script.scenes] == [
        ("INT. BEDROOM - NIGHT", 1),
        ("EXT. YARD - DAY", 1),
        ("INT. BEDROOM - NIGHT", 2),
    ]
    assert [scene.ordinal for scene in script.scenes] == [1, 2, 3]


def test_dialogue_cues_extensions_parentheticals_and_speakers():
    script = parse(
        """
        INT. HOUSE - DAY

        DANA (CONT'D)
        (beat)
        He said no.
        Then he left.
        (quietly,
        almost to herself)
        Good.

        @McCLANE (on the radio)
        Yippee.

        HANS (O.S.)
        Hello.
        """
    )
    elements = script.scenes[0].elements
    assert [(e.kind.value, e.text, e.speaker) for e in elements] == [
        ("character", "DANA (CONT'D)", None),
        ("parenthetical", "(beat)", "DANA"),
        ("dialogue", "He said no.\nThen he left.", "DANA"),
        ("parenthetical", "(quietly, almost to herself)", "DANA"),
        ("dialogue", "Good.", "DANA"),
        ("character", "McCLANE (on the radio)", None),
        ("dialogue", "Yippee.", "MCCLANE"),
        ("character", "HANS (O.S.)", None),
        ("dialogue", "Hello.", "HANS"),
    ]
    assert script.scenes[0].characters == ["DANA", "MCCLANE", "HANS"]
    assert [e.line for e in elements] == [3, 4, 5, 7, 9, 11, 12, 14, 15]


def test_dual_dialogue_marks_both_speakers():
    script = parse(
        """
        INT. PORCH - NIGHT

        IVY
        Oh my God.

        NORA ^
        (sharp)
        Inside. Now.

        THEO
        Goodnight.
        """
    )
    elements = script.scenes[0].elements
    assert [(e.text, e.dual) for e in elements] == [
        ("IVY", True),
        ("Oh my God.", True),
        ("NORA", True),
        ("(sharp)", True),
        ("Inside. Now.", True),
        ("THEO", False),
        ("Goodnight.", False),
    ]


def test_transitions_centered_text_and_lyrics():
    script = parse(
        """
        INT. BAR - NIGHT

        CUT TO:

        > FADE OUT.

        >THE END<

        > INTERMISSION <

        ~I left my heart in a rental car,
        ~I left my keys out in the rain

        ROSE
        ~Sing it!
        """
    )
    assert kinds(script) == [
        ("transition", "CUT TO:"),
        ("transition", "FADE OUT."),
        ("centered", "THE END"),
        ("centered", "INTERMISSION"),
        ("lyric", "I left my heart in a rental car,\nI left my keys out in the rain"),
        ("character", "ROSE"),
        ("lyric", "Sing it!"),
    ]


def test_a_lower_case_line_ending_in_to_is_action():
    script = parse("INT. BAR - NIGHT\n\nShe walks to:\n")
    assert kinds(script) == [("action", "She walks to:")]


def test_notes_are_removed_and_lines_keep_their_numbers():
    script = parse(
        """
        INT. HOUSE - DAY

        They kiss.[[Cut this kiss?]] She leaves.

        [[A note
        over two lines
        with a kiss in it]]

        Theo waves.

        NORA
        [[note]]
        Bye.
        """
    )
    assert [(e.kind.value, e.text, e.line) for e in script.scenes[0].elements] == [
        ("action", "They kiss. She leaves.", 3),
        ("action", "Theo waves.", 9),
        ("character", "NORA", 11),
        ("dialogue", "Bye.", 13),
    ]


def test_the_boneyard_is_removed_and_a_heading_inside_starts_no_scene():
    script = parse(
        """
        INT. FARMHOUSE - DAY

        Ben reads.

        /*
        INT. HAYLOFT - NIGHT

        They kiss in the hay.
        */

        Claire sits. /* inline aside */ She waits.

        EXT. POND - NIGHT

        Still water.
        """
    )
    assert [scene.heading for scene in script.scenes] == [
        "INT. FARMHOUSE - DAY",
        "EXT. POND - NIGHT",
    ]
    assert [(e.text, e.line) for e in script.scenes[0].elements] == [
        ("Ben reads.", 3),
        ("Claire sits.  She waits.", 11),
    ]
    assert script.scenes[1].line == 13


def test_an_unclosed_boneyard_or_note_is_left_as_text():
    script = parse("INT. A - DAY\n\nShe sighs. /* never closed\n\nEXT. B - DAY\n\n[[open note\n")
    assert len(script.scenes) == 2
    assert kinds(script, 1) == [("action", "[[open note")]


def test_sections_and_synopses_are_not_script_text():
    script = parse(
        """
        # ACT ONE

        = Ruth learns the truth.

        INT. CLINIC - DAY
        = The exam.

        ## Sequence

        Paper crackles.
        """
    )
    assert kinds(script) == [("action", "Paper crackles.")]


def test_page_breaks_set_pages():
    script = parse(
        """
        INT. ONE - DAY

        A.

        ===

        INT. TWO - DAY

        B.

        ===

        INT. THREE - DAY
        """
    )
    assert [scene.page for scene in script.scenes] == [1, 2, 3]
    assert script.pages == 3
    assert [e.kind for e in script.scenes[0].elements] == [
        ElementKind.ACTION,
        ElementKind.PAGE_BREAK,
    ]


def test_long_scenes_flow_onto_later_pages_and_eighths_follow():
    filler = "\n\n".join(f"Line {n} of a long action paragraph." for n in range(50))
    script = parse(f"INT. LONG - DAY\n\n{filler}\n\nINT. SHORT - DAY\n\nA.\n\nINT. END - DAY\n")
    long, short, end = script.scenes
    assert long.page == 1
    assert short.page == 2
    assert 14 <= long.eighths <= 16  # about two pages
    assert short.eighths == 1
    assert end.eighths == 1


def test_emphasis_markers_are_stripped():
    script = parse(
        """
        INT. HOUSE - DAY

        She is ***very*** *not* **waiting** _up_, snake_case stays, \\*literal\\* stars.
        """
    )
    assert kinds(script) == [
        ("action", "She is very not waiting up, snake_case stays, *literal* stars.")
    ]


def test_clean_leaves_lone_markers():
    assert clean("5 * 3 = 15") == "5 * 3 = 15"
    assert clean("a_b_c") == "a_b_c"


def test_tabs_trailing_white_space_and_two_space_lines():
    source = "INT. HOUSE - DAY   \n\n\tShe waits.\t\n\nMAYA  \nFirst.\n  \nSecond.\n\n   \nTheo.\n"
    script = read_script(source.encode(), "script.fountain")
    assert [(e.kind.value, e.text) for e in script.scenes[0].elements] == [
        ("action", "    She waits."),
        ("character", "MAYA"),
        ("dialogue", "First.\n\nSecond."),
        ("action", "Theo."),
    ]
    assert script.scenes[0].heading == "INT. HOUSE - DAY"


def test_a_heading_without_a_blank_line_after_it_still_starts_a_scene():
    script = parse("CUT TO:\nINT. HOUSE - DAY\nShe waits.\n\nEXT. YARD - DAY\n")
    assert [scene.heading for scene in script.scenes] == ["INT. HOUSE - DAY", "EXT. YARD - DAY"]
    assert kinds(script) == [("action", "She waits.")]


def test_all_caps_lines_are_cues_only_with_dialogue_under_them():
    script = parse(
        """
        INT. HOUSE - DAY

        BANG!
        Glass everywhere.

        SUPER:
        "Wiltshire, 1894."

        THE DOOR SLAMS.
        """
    )
    assert [e.kind for e in script.scenes[0].elements] == [ElementKind.ACTION] * 3


def test_characters_introduced_in_action():
    script = parse(
        """
        INT. HOUSE - DAY

        MAYA REYES (17), cardigan, waves at DR. HENRY CHO (60s). A BANG. CONTINUED (2).
        The ferry HORN blasts. DELPHINE "DEL" OKAFOR (31) looks up. ER RESIDENT (30s).
        Councilman ADRIAN KESSLER's photo.

        DEL
        Hi.

        DR. CHO
        Hello.

        KESSLER
        Later.

        EXT. STREET - DAY

        A sign: SCHEDULE SUBJECT TO WEATHER. MAYA laughs.
        """
    )
    assert script.scenes[0].characters == [
        "MAYA REYES",
        "DR. CHO",
        "DEL",
        "ER RESIDENT",
        "KESSLER",
    ]
    assert script.scenes[1].characters == []


def test_cue_names_match_intros_by_their_words():
    script = parse(
        """
        INT. HOUSE - DAY

        IVY BELL (17) eats cereal.

        IVY
        Mom.
        """
    )
    assert script.scenes[0].characters == ["IVY"]


def test_line_numbers_count_the_title_page():
    script = parse(
        """
        Title: X
        Author: Y

        INT. HOUSE - DAY

        Rain.
        """
    )
    assert script.scenes[0].line == 4
    assert script.scenes[0].elements[0].line == 6
