"""The detector on cases it once got wrong: a kiss through a car window, a kiss that moves from
the temple to the lips, a family's goodnight kisses, a forced kiss, and a few euphemisms.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from closedset.breakdown import read_script
from closedset.breakdown.ages import parse_age
from closedset.breakdown.detect import analyze
from closedset.breakdown.model import Category, SceneBreakdown

KISS = Category.KISS
TOUCH = Category.INTIMATE_TOUCH
NUDITY = Category.NUDITY
SEX = Category.SIMULATED_SEX
VIOLENCE = Category.SEXUAL_VIOLENCE

CAST = """\
INT. HARBOR OFFICE - DAY

PALOMA VARGA (36) and REUBEN ACHTERBERG (39) sort the mail. She passes him a parcel; he signs.
"""


def scene_of(body: str, *, cast: str = CAST) -> SceneBreakdown:
    """The breakdown of the last scene of a small Fountain script."""
    text = dedent(cast) + "\nINT. COTTAGE - NIGHT\n\n" + dedent(body).strip() + "\n"
    return analyze(read_script(text.encode(), "test.fountain")).scenes[-1]


def categories(body: str, *, cast: str = CAST) -> set[Category]:
    return {flag.category for flag in scene_of(body, cast=cast).flags}


# A window or a door the kiss goes through is on screen; only a wall or a closed door, or
# what is heard through a door, keeps it off.
@pytest.mark.parametrize(
    "body",
    [
        "Paloma leans through the car window and kisses Reuben on the mouth.",
        "Reuben climbs in through the window, crosses the room and kisses Paloma.",
        "Paloma kisses Reuben through the open window of the ticket booth.",
        "Through the doorway, Reuben kisses Paloma goodbye.",
    ],
)
def test_a_kiss_through_a_window_or_a_doorway_is_on_screen(body):
    assert KISS in categories(body)


@pytest.mark.parametrize(
    "body",
    [
        "Through the wall, we hear Paloma and Reuben kissing.",
        "Through the closed door: Reuben kisses her. Muffled laughter.",
        "Voices carry through the door. Reuben kisses her, by the sound of it.",
    ],
)
def test_a_kiss_only_heard_through_a_wall_or_a_closed_door_is_not(body):
    assert KISS not in categories(body)


# A kiss on the temple is not romantic; one that then finds the lips is.
@pytest.mark.parametrize(
    "body",
    [
        "Reuben kisses her temple, then, after a long moment, her mouth.",
        "Paloma kisses his cheek and then, slowly, his lips.",
        "He kisses her forehead, her eyelids, and finally her lips.",
        "She kisses his knuckles, then his neck.",
    ],
)
def test_a_kiss_that_moves_on_to_the_lips_is_a_kiss(body):
    assert KISS in categories(body)


@pytest.mark.parametrize(
    "body",
    [
        "Reuben kisses her temple and holds her.",
        "Paloma kisses his forehead, then his hand.",
        "He kisses her temple, then almost her lips. He stops himself.",
        "She kisses his cheek but not his mouth.",
    ],
)
def test_a_kiss_that_stays_on_the_temple_is_not(body):
    assert KISS not in categories(body)


# Families: the relation is stated in action, or two characters share a surname a generation
# apart. Their goodnight kisses are not romantic; nor is an adult's kiss for a young child.
FAMILY = """\
INT. FARMHOUSE - DAY

GRETA HOLLOWAY (70s), Milo's grandmother, shells peas. Her son DEXTER (40s) fixes the screen
door. MILO HOLLOWAY (15) drags his bike up the steps; his little sister PIP (6) chases the dog.
TESSA (40s), Dexter's wife, brings lemonade. WREN OKONJO (16), Milo's friend from school, waits
by the gate.
"""


@pytest.mark.parametrize(
    "body",
    [
        "Greta kisses Milo goodnight.",
        "Dexter kisses Pip goodnight and switches off the lamp.",
        "Tessa kisses Pip on the nose.",
        "Greta crosses to Milo and kisses him goodnight.",
        "Greta kisses Dexter on both cheeks.",
        "Wren kisses Pip goodbye.",
    ],
)
def test_family_goodnight_kisses_are_not_flagged(body):
    breakdown = scene_of(body, cast=FAMILY)
    assert not breakdown.flags
    assert not breakdown.minor


@pytest.mark.parametrize(
    ("body", "minor"),
    [
        ("Dexter kisses Tessa goodnight, long and slow.", False),
        ("Tessa kisses Dexter.", False),
        ("Wren kisses Milo.", True),
        ("Milo kisses Wren goodnight on the porch steps.", True),
    ],
)
def test_romantic_kisses_in_a_family_scene_stay_flagged(body, minor):
    breakdown = scene_of(body, cast=FAMILY)
    assert {flag.category for flag in breakdown.flags} == {KISS}
    assert breakdown.minor is minor


def test_a_shared_surname_a_generation_apart_makes_a_family():
    cast = """\
    INT. KITCHEN - DAY

    RUTH OKAFOR (50s) and ZOE OKAFOR (16) unload the dishwasher. SAMUEL OKAFOR (52) reads.
    """
    assert not scene_of("Ruth kisses Zoe goodnight.", cast=cast).flags
    # Husband and wife share the surname, but not a generation apart.
    assert categories("Ruth kisses Samuel goodnight.", cast=cast) == {KISS}


def test_a_relation_stated_in_an_introduction_makes_a_family():
    cast = """\
    INT. KITCHEN - DAY

    Her daughter ANNIKA (12) does homework. LOTTE (38) makes tea.
    """
    assert not scene_of("Lotte kisses Annika goodnight.", cast=cast).flags


def test_two_children_kissing_are_flagged_and_minor():
    cast = """\
    EXT. PLAYGROUND - DAY

    JUNO (12) and FELIX (12) sit on the swings.
    """
    breakdown = scene_of("Juno kisses Felix, quick, and runs.", cast=cast)
    assert {flag.category for flag in breakdown.flags} == {KISS}
    assert breakdown.minor


@pytest.mark.parametrize(
    ("text", "approx"),
    [("40s", 44), ("early 30s", 31), ("late forties", 47), ("teens", 15), ("17", None)],
)
def test_rough_ages_give_a_likely_age(text, approx):
    parsed = parse_age(text)
    assert parsed is not None
    assert parsed.approx == approx


# A kiss forced on someone is a kiss and sexual violence, not touching beyond the kiss.
def test_a_forced_kiss_is_a_kiss_and_sexual_violence():
    body = """\
    Reuben bolts the door. He backs Paloma against the filing cabinet, takes her chin and
    forces his mouth onto hers. She shoves him off and runs.
    """
    assert categories(body) == {KISS, VIOLENCE}


def test_a_forced_hand_is_still_touch_and_sexual_violence():
    body = "He corners her by the lockers and forces his hand under her skirt. She screams."
    assert {TOUCH, VIOLENCE} <= categories(body)


# A guard that looked back across the whole window instead of at what is right before the cue.
def test_an_earlier_to_the_does_not_cancel_nudity():
    body = """\
    The coroner folds the sheet down to the hips. A young man lies naked on the table.
    """
    assert categories(body) == {NUDITY}


@pytest.mark.parametrize(
    "body",
    [
        "Under a naked work bulb, Paloma counts the crates.",
        "A naked sixty-watt bulb swings over the table.",
        "A naked blue flame hisses on the stove.",
    ],
)
def test_a_naked_bulb_is_not_nudity(body):
    assert NUDITY not in categories(body)


def test_a_trail_of_clothes_to_the_bed_is_nudity():
    body = """\
    A trail of discarded clothes runs from the door to the bed. Under the quilt, Paloma and
    Reuben move together, slow.
    """
    assert {NUDITY, SEX} <= categories(body)


def test_clothes_strewn_everywhere_is_nudity():
    body = "Morning. Their clothes are strewn across the rug. Paloma sleeps on Reuben's chest."
    assert NUDITY in categories(body)


def test_lotion_worked_into_bare_shoulders_is_touch():
    body = """\
    Reuben works the massage oil into her shoulders. His hands slide down her back. Paloma
    leans into his touch.
    """
    assert TOUCH in categories(body)


@pytest.mark.parametrize(
    "body",
    [
        "Her mother rubs sunscreen into her daughter's shoulders on the beach.",
        "The nurse rubs the cream into his burned arm, checking the wound.",
        "Reuben rubs oil into the hinges of the gate.",
    ],
)
def test_care_and_chores_are_not_touch(body):
    assert TOUCH not in categories(body)
