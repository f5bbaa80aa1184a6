import json
from pathlib import Path

import pytest

from closedset.breakdown.headings import (
    is_heading,
    is_scene_number,
    parse_heading,
    split_heading,
    strip_fountain_number,
)

LABELS = Path(__file__).parents[2].parent / "shared/eval/dev/labels.json"


@pytest.mark.parametrize(
    "line",
    [
        "INT. KITCHEN - NIGHT",
        "EXT. PIER - DAY",
        "EST. ASHCOMBE HALL - DAWN",
        "INT./EXT. RUTH'S CAR - MOVING - DAY",
        "INT/EXT CAR - DAY",
        "I/E. CLAIRE'S CAR - COUNTY ROAD - NIGHT",
        "I/E CAR - NIGHT",
        "int. kitchen - night",
        "Ext. Garden - Dusk",
        "INT KITCHEN - NIGHT",
        "   INT. KITCHEN - NIGHT",
        ".FLASHBACK - SUMMER OF '74",
        ".Flashback - Summer of '74 - The Dock",
        ".45 CALIBER DREAM",
    ],
)
def test_headings_are_recognised(line):
    assert is_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "INTERCUT - SURVEILLANCE VAN / SUITE 1410",
        "INSERT - THE WALL",
        "ESTHER (V.O.)",
        "Esther Winthrop lies on her back.",
        "EXTERIOR SHOTS",
        "INT",
        "...and then nothing.",
        "..FLASHBACK",
        "I/EXIT",
        "",
    ],
)
def test_other_lines_are_not_headings(line):
    assert not is_heading(line)


@pytest.mark.parametrize(
    ("heading", "normalized", "number"),
    [
        ("INT. KITCHEN - NIGHT", "INT. KITCHEN - NIGHT", None),
        ("int.  kitchen   -\tnight  ", "INT. KITCHEN - NIGHT", None),
        (
            "INT. WINTHROP FARMHOUSE -  BEDROOM - NIGHT",
            "INT. WINTHROP FARMHOUSE - BEDROOM - NIGHT",
            None,
        ),
        (".Flashback - Summer of '74 - The Dock", "FLASHBACK - SUMMER OF '74 - THE DOCK", None),
        ("EXT. CAUSEWAY BRIDGE - NIGHT #1#", "EXT. CAUSEWAY BRIDGE - NIGHT", "1"),
        ("INT. PRECINCT - NIGHT #12A#", "INT. PRECINCT - NIGHT", "12A"),
        ("INT. PRECINCT - NIGHT #I-1-A#", "INT. PRECINCT - NIGHT", "I-1-A"),
        ("12 INT. KITCHEN - NIGHT 12", "INT. KITCHEN - NIGHT", "12"),
        ("12A   INT. KITCHEN - NIGHT   12A", "INT. KITCHEN - NIGHT", "12A"),
        ("7 EXT. PIER - DAY", "EXT. PIER - DAY", "7"),
        ("INT. MOTEL - ROOM 12 - NIGHT", "INT. MOTEL - ROOM 12 - NIGHT", None),
        ("INT. MOTEL ROOM 12", "INT. MOTEL ROOM 12", None),
        ("5 INT. MOTEL ROOM 12", "INT. MOTEL ROOM 12", "5"),
        ("10 INT. GARAGE - LEVEL 3 - NIGHT 10", "INT. GARAGE - LEVEL 3 - NIGHT", "10"),
        ("1985 - A BEACH - DAY", "1985 - A BEACH - DAY", None),
    ],
)
def test_headings_are_normalised_as_labels_expect(heading, normalized, number):
    parsed = parse_heading(heading)
    assert parsed.normalized == normalized
    assert parsed.number == number


def test_headings_split_into_parts():
    assert split_heading("INT. COUNTY MORGUE - AUTOPSY SUITE - DAY") == (
        "INT.",
        "COUNTY MORGUE - AUTOPSY SUITE",
        "DAY",
    )
    assert split_heading("INT./EXT. RUTH'S CAR - MOVING - DAY") == (
        "INT./EXT.",
        "RUTH'S CAR - MOVING",
        "DAY",
    )
    assert split_heading("INT/EXT CAR - DAY") == ("INT./EXT.", "CAR", "DAY")
    assert split_heading("I/E. CAR - NIGHT") == ("I/E", "CAR", "NIGHT")
    assert split_heading("EST. ASHCOMBE HALL") == ("EST.", "ASHCOMBE HALL", None)
    assert split_heading("FLASHBACK - SUMMER OF '74 - THE DOCK") == (
        None,
        "FLASHBACK - SUMMER OF '74",
        "THE DOCK",
    )
    assert split_heading("INT.") == ("INT.", None, None)


def test_fountain_scene_numbers_are_taken_off():
    assert strip_fountain_number("INT. HOUSE - DAY #1A#") == ("INT. HOUSE - DAY", "1A")
    assert strip_fountain_number("INT. HOUSE - DAY") == ("INT. HOUSE - DAY", None)


@pytest.mark.parametrize("token", ["1", "12", "12A", "A12", "104B", "12.", "1-2"])
def test_scene_numbers(token):
    assert is_scene_number(token)


@pytest.mark.parametrize("token", ["", "INT.", "TWELVE", "12345", "A"])
def test_not_scene_numbers(token):
    assert not is_scene_number(token)


def test_every_labeled_heading_is_already_normal():
    if not LABELS.exists():
        pytest.skip("the shared dev set is not here")
    labels = json.loads(LABELS.read_text())
    for entry in labels["scripts"]:
        for scene in entry["scenes"]:
            assert parse_heading(scene["heading"]).normalized == scene["heading"]
