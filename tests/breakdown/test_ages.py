"""Character ages: how screenplays state them, and which statement holds for a scene."""

from __future__ import annotations

from textwrap import dedent

import pytest

from closedset.breakdown import read_script
from closedset.breakdown.ages import Cast, cue_name, parse_age, read_cast, words_to_number


def cast_of(text: str) -> Cast:
    return read_cast(read_script(dedent(text).encode(), "ages.fountain"))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("seventeen", 17),
        ("Sixteen", 16),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("ninety-nine", 99),
        ("eighty-six", 86),
        ("forty", 40),
        ("zero", 0),
        ("16", 16),
        ("100", None),
        ("teen", None),
        ("twenty-ten", None),
        ("", None),
    ],
)
def test_words_to_number(text: str, number: int | None) -> None:
    assert words_to_number(text) == number


@pytest.mark.parametrize(
    ("text", "age", "likely_minor"),
    [
        ("17", 17, False),
        ("16 years old", 16, False),
        ("seventeen", 17, False),
        ("17 going on 30", 17, False),
        ("8 months", 0, False),
        ("40s", None, False),
        ("mid-30s", None, False),
        ("late forties", None, False),
        ("late teens", None, True),
        ("early teens", None, True),
        ("teen", None, True),
        ("baby", None, True),
    ],
)
def test_parse_age(text: str, age: int | None, likely_minor: bool) -> None:
    parsed = parse_age(text)
    assert parsed is not None
    assert (parsed.age, parsed.likely_minor) == (age, likely_minor)


@pytest.mark.parametrize("text", ["V.O.", "O.S.", "CONT'D", "beat", "3:00 AM", "2019"])
def test_brackets_that_are_not_ages(text: str) -> None:
    assert parse_age(text) is None


def test_cue_names_lose_their_extensions() -> None:
    assert cue_name("MAYA (V.O.)") == "MAYA"
    assert cue_name("MAYA (CONT'D)") == "MAYA"
    assert cue_name("NORA ^") == "NORA"
    assert cue_name("  dr.  shah  ") == "DR. SHAH"


SCRIPT = """
INT. SCHOOL - DAY

MAYA REYES (17), cardigan, headphones, crosses the hall. Her teacher, MR. ODUYA (50s), waves.
LEO, 16, skateboard under one arm, catches up. JAKE (late teens) leans on a locker.
PRIYA, seventeen, follows. DETECTIVE ANA CRUZ (41) watches from the office.

MAYA
Hey.

LEO
Hey yourself.

PRIYA
Hi.

JAKE
Whatever.

ANA
Morning.

MR. ODUYA
Settle down.

INT. DINER - NIGHT

KAT orders fries.

KAT
I'm sixteen. I can order my own fries.

GRANDPA JOE
I'm eighty-six. Sue me.

SAM
I'm 30 minutes late. I'll be eighteen in March, though.

EXT. PORCH - NIGHT

KAT
Do I look twelve?
"""


@pytest.mark.parametrize(
    ("name", "age"),
    [
        ("MAYA", 17),
        ("LEO", 16),
        ("PRIYA", 17),
        ("JAKE", None),
        ("ANA", 41),
        ("MR. ODUYA", None),
        ("KAT", 16),
        ("GRANDPA JOE", 86),
        ("SAM", 17),
    ],
)
def test_ages_attach_to_the_character(name: str, age: int | None) -> None:
    assert cast_of(SCRIPT).age(name) == age


def test_minors() -> None:
    cast = cast_of(SCRIPT)
    assert cast.is_minor("MAYA")
    assert cast.is_minor("JAKE")  # "late teens": likely a minor, no number
    assert not cast.is_minor("ANA")
    assert not cast.is_minor("MR. ODUYA")
    assert not cast.is_minor("NOBODY")
    assert {"MAYA", "LEO", "PRIYA", "JAKE", "KAT", "SAM"} <= cast.minors()


def test_introduced_full_names_resolve_to_cue_names() -> None:
    cast = cast_of(SCRIPT)
    assert cast.canonical("MAYA REYES") == "MAYA"
    assert cast.canonical("Maya (V.O.)") == "MAYA"
    assert "DETECTIVE ANA CRUZ" in cast.full_names["ANA"]
    assert cast.aliases["CRUZ"] == ("ANA",)


def test_a_character_who_never_speaks_keeps_the_introduced_name() -> None:
    cast = cast_of("INT. MORGUE - DAY\n\nOn the table lies TOBIAS REINER (34).\n")
    assert cast.age("TOBIAS REINER") == 34
    assert cast.canonical("Tobias") == "TOBIAS REINER"


def test_a_young_and_an_old_version_are_told_apart() -> None:
    text = """
    INT. KITCHEN - DAY

    RUTH (67) pours tea.

    RUTH
    Sit.

    EXT. DOCK - FLASHBACK

    YOUNG RUTH (16) dangles her feet in the lake.

    YOUNG RUTH
    It's cold.
    """
    cast = cast_of(text)
    assert cast.age("RUTH") == 67
    assert cast.age("YOUNG RUTH") == 16
    assert cast.aliases["RUTH"][0] == "RUTH"


def test_the_age_in_force_follows_the_script() -> None:
    text = """
    INT. CLASSROOM - DAY

    BEN (15) doodles.

    BEN
    Boring.

    EXT. STREET - DAY

    SUPER: TEN YEARS LATER

    BEN (25) jogs past.

    BEN
    Morning.
    """
    script = read_script(dedent(text).encode(), "t.fountain")
    cast = read_cast(script)
    first, second = script.scenes
    assert cast.age("BEN", first.ordinal) == 15
    assert cast.age("BEN", second.ordinal) == 25
    assert cast.is_minor("BEN", first.ordinal)
    assert not cast.is_minor("BEN", second.ordinal)


def test_an_age_stated_later_applies_to_earlier_scenes() -> None:
    text = """
    INT. CAR - NIGHT

    Lia drives.

    LIA
    Where are we?

    INT. MOTEL - NIGHT

    LIA
    I'm fifteen, okay? Don't tell anyone.
    """
    script = read_script(dedent(text).encode(), "t.fountain")
    cast = read_cast(script)
    assert cast.age("LIA", script.scenes[0].ordinal) == 15


def test_saying_you_are_a_minor_without_a_number() -> None:
    text = """
    INT. BAR - NIGHT

    DEE
    I'm a minor, I can't be in here.
    """
    assert cast_of(text).is_minor("DEE")


def test_numbers_that_are_not_ages() -> None:
    text = """
    INT. OFFICE - DAY

    MARK
    I'm five minutes away. I'm two floors up. I'm 6 foot 2.
    """
    assert cast_of(text).age("MARK") is None


def test_a_past_age_is_not_the_current_one() -> None:
    text = """
    INT. KITCHEN - NIGHT

    IVY (17) eats cereal.

    NORA
    Ivy was four when she painted it. Ivy is seventeen now.
    """
    assert cast_of(text).age("IVY") == 17
