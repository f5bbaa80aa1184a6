"""Scenes that look intimate to a keyword list but stage nothing a coordinator must handle.

Every scene here was written for these tests: idioms, body words in other senses, acts that are
negated, wished for, remembered, told, only heard, cut away from, or pictured.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from closedset.breakdown import read_script
from closedset.breakdown.detect import analyze
from closedset.breakdown.model import Category

CAST = """\
INT. APARTMENT - DAY

MAYA (34) and DANIEL (36) unpack boxes. She hands him a lamp; he sets it on his desk.
"""


def categories(body: str) -> set[Category]:
    text = CAST + "\nINT. KITCHEN - NIGHT\n\n" + dedent(body).strip() + "\n"
    scene = analyze(read_script(text.encode(), "test.fountain")).scenes[-1]
    return {flag.category for flag in scene.flags}


NOTHING_STAGED = [
    # kisses that are not romantic, or not kisses
    "She blows him a kiss from the stage.",
    "Grandpa kisses the baby's forehead.",
    "Daniel kisses his daughter goodnight.",
    "She kisses the crucifix on her necklace.",
    "He kisses the dice and rolls.",
    "It would be the kiss of death for the campaign.",
    "She air-kisses the hostess twice.",
    "He bows and kisses her hand.",
    "Maya kisses her mother on both cheeks.",
    "A sun-kissed beach stretches out below.",
    "He gets a kiss-off text and deletes it.",
    "Daniel kisses the top of the dog's head.",
    # kisses that do not happen
    "They almost kiss, but the elevator doors open.",
    "She leans in to kiss him. The phone rings. She pulls back.",
    "He wants to kiss her. He doesn't.",
    "She remembers their first kiss.",
    "They do not kiss.",
    "Without kissing him, she turns and leaves.",
    "They never kiss, not once in ten years.",
    "A photo of them kissing sits on the desk.",
    "She tells Daniel about the kiss.",
    "If he kissed her now, she would let him.",
    "She imagines kissing him.",
    # bodies, in other senses
    "He takes a pen from his breast pocket.",
    "She seasons the chicken breast.",
    "He swims the breaststroke, badly.",
    "You can't see it with the naked eye.",
    "It is naked ambition, nothing more.",
    "A naked bulb swings over the table.",
    "She draws the naked blade.",
    "She tries on nude lipstick and nude heels.",
    "A nude painting hangs above the fireplace.",
    "He feels naked without his phone.",
    "She folds his boxers into the drawer.",
    "A bra hangs over the shower rail.",
    "He walks barefoot across the bare floorboards.",
    "She strips the bed and the wallpaper.",
    "They park at the strip mall.",
    "He strips the insulation off the wire.",
    "Maya undresses the mannequin in the window.",
    "The baby shower is in full swing.",
    "Scattered showers drum on the roof.",
    "Sheets of rain hit the windshield.",
    "He lies on the bed of the truck, looking at the stars.",
    "She makes out a figure in the fog.",
    "They drive up to Make-Out Point and eat burgers in the car.",
    "He thrusts the knife into the melon.",
    "She thrusts the letter at him.",
    "At the climax of the song, he drops to his knees.",
    "He climaxes his speech with a joke.",
    "She rides her bike to work.",
    "He screws the lid back on the jar.",
    "She bangs on the door.",
    "The car rocks in the wind.",
    "They move together across the dance floor.",
    "She moans about the traffic.",
    "He moans in pain, clutching his ankle.",
    "The teacher hands out sex-ed worksheets.",
    "They hug goodbye at the station.",
    "She gives her grandmother a peck on the cheek.",
    "He kisses her forehead, tucks the blanket around her and turns off the light.",
    "Maya sleeps with the light on.",
    "He hooks up the generator.",
    "The assault on the fortress begins at dawn.",
    "A rape kit sits on the evidence table.",
    "She reports the assault to the sergeant.",
    "He pins the map to the corkboard.",
    "They play strip poker with no intention of losing.",
    # sex that is not staged
    "We hear them having sex through the wall.",
    "The sounds of lovemaking drift from the next room.",
    "She tells him they slept together.",
    "They talk about sex for an hour.",
    "Behind the closed door, the bed creaks in a steady rhythm.",
    "He remembers the night they made love.",
    "She wonders if they will ever make love again.",
    "He pictures her naked and blushes.",
    # everyday scenes with body words in them
    "The nurse unbuttons his shirt to place the electrodes.",
    "She rips open his shirt and starts CPR.",
    "She straddles him and punches him in the face.",
    "She's on top of him, pinning his arms, a knife at his throat.",
    "Maya kisses her teeth and walks off.",
    "The doctor examines her breast for lumps.",
    "She walks past a lingerie store window.",
    "They cuddle on the couch watching a movie.",
    "Maya adjusts her bra strap and keeps typing.",
    "He zips up his fly and leaves the restroom.",
    "Daniel unrolls his sleeping bag by the fire.",
    "He takes off his shirt to show the scar.",
    "She slips off her shoes and curls up on the sofa.",
    "Daniel unbuttons his coat and hangs it up.",
    "He bites his lip, nervous.",
    "The orderlies hold her down as she struggles against the restraints.",
    "Two boxers circle each other. One pins the other against the ropes.",
    "The security guard pins the shoplifter to the floor.",
    "He shoves her against the wall. She knees him in the groin and runs.",
    "The bride and groom share their first dance.",
    "Her naked terror is plain to see.",
    "He bares his teeth.",
    "A nude-colored dress hangs on the door.",
    "She reads a novel with a half-naked man on the cover.",
    "She's topless in the photo on his phone, which he quickly hides.",
    "He goes to kiss her. She steps back.",
    "He leans in for a kiss, but she turns her head and he gets her cheek.",
    "Maya bathes the baby in the sink.",
    "She sleeps in his T-shirt.",
]


@pytest.mark.parametrize("body", NOTHING_STAGED)
def test_nothing_is_flagged(body: str) -> None:
    assert categories(body) == set()


def test_she_almost_kisses_him_then_pulls_away() -> None:
    assert categories("She almost kisses him, then pulls away, laughing at herself.") == set()


def test_a_kiss_mentioned_in_dialogue_is_not_staged() -> None:
    body = """
    MAYA
    You kissed him! On the mouth! And then you took your shirt off!
    """
    assert categories(body) == set()


def test_watching_a_romance_on_tv_is_not_their_kiss() -> None:
    assert categories("They watch a movie. Daniel laughs at the dialogue.") == set()


def test_a_cut_away_before_it_starts_stages_no_sex() -> None:
    body = """
    She takes his hand and leads him toward the bedroom.

    SMASH CUT TO:
    """
    assert categories(body) == set()


def test_undressing_for_a_doctor_is_nudity_only() -> None:
    found = categories("Maya undresses behind the screen and sits on the exam table in her bra.")
    assert found == {Category.NUDITY}


def test_a_hand_kiss_and_a_forehead_kiss_in_one_scene_flag_nothing() -> None:
    body = """
    Daniel kisses Maya's hand with a flourish. She laughs and kisses his forehead.
    """
    assert categories(body) == set()


def test_a_mother_kissing_her_child_is_not_intimate() -> None:
    body = """
    Maya kneels and kisses her son on the head. He squirms away.
    """
    assert categories(body) == set()


def test_a_medical_exam_is_not_intimate_touch() -> None:
    body = """
    The doctor presses two fingers to Daniel's chest and listens. He rubs his own neck.
    """
    assert categories(body) == set()
