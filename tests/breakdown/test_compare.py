"""Comparing two drafts: scenes pair by identity, and intimate changes surface."""

from __future__ import annotations

from textwrap import dedent

from closedset.breakdown import read_script
from closedset.breakdown.compare import FlagChangeKind, SceneChangeKind, compare
from closedset.breakdown.detect import analyze
from closedset.breakdown.model import Breakdown, Category, Severity

DRAFT_ONE = """
INT. KITCHEN - MORNING

JO (30) makes coffee. ALEX (31) reads the paper.

JO
We're out of milk.

EXT. PARK - DAY

Jo and Alex walk the dog. They hold hands.

INT. BEDROOM - NIGHT

Jo and Alex lie in bed, reading. Alex turns off the lamp.

INT. KITCHEN - NIGHT

Alex washes the dishes alone.
"""


def breakdown(text: str) -> Breakdown:
    return analyze(read_script(dedent(text).encode(), "draft.fountain"))


def test_identical_drafts_have_only_unchanged_scenes() -> None:
    result = compare(breakdown(DRAFT_ONE), breakdown(DRAFT_ONE))
    assert [change.kind for change in result.scenes] == [SceneChangeKind.UNCHANGED] * 4
    assert result.intimacy_changes == ()
    assert all(change.similarity == 1.0 for change in result.scenes)


def test_a_new_kiss_in_a_kept_scene_must_be_renegotiated() -> None:
    revised = DRAFT_ONE.replace(
        "Jo and Alex walk the dog. They hold hands.",
        "Jo and Alex walk the dog. They stop under a tree and kiss.",
    )
    result = compare(breakdown(DRAFT_ONE), breakdown(revised))
    (change,) = result.intimacy_changes
    assert change.kind is SceneChangeKind.CHANGED
    assert change.heading == "EXT. PARK - DAY"
    assert [(flag.category, flag.kind) for flag in change.flags] == [
        (Category.KISS, FlagChangeKind.NEW)
    ]
    assert change.old_severity is None
    assert change.new_severity is Severity.LOW
    assert change.severity_raised
    assert len(result.unchanged) == 3


def test_an_added_scene_with_nudity_must_be_renegotiated() -> None:
    revised = DRAFT_ONE.replace(
        "INT. KITCHEN - NIGHT",
        "INT. BATHROOM - NIGHT\n\nJo steps out of the shower, naked, and reaches for a towel.\n\n"
        "INT. KITCHEN - NIGHT",
    )
    result = compare(breakdown(DRAFT_ONE), breakdown(revised))
    (added,) = result.added
    assert added.heading == "INT. BATHROOM - NIGHT"
    assert result.intimacy_changes == (added,)
    assert added.new_severity is Severity.HIGH


def test_an_added_scene_without_flags_needs_nothing() -> None:
    revised = DRAFT_ONE + "\nEXT. STREET - DAY\n\nA bus goes by.\n"
    result = compare(breakdown(DRAFT_ONE), breakdown(revised))
    assert len(result.added) == 1
    assert result.intimacy_changes == ()


def test_moved_scenes_still_pair_with_themselves() -> None:
    parts = dedent(DRAFT_ONE).strip().split("\n\n")
    scenes: list[str] = []
    for part in parts:
        if part.startswith(("INT.", "EXT.")):
            scenes.append(part)
        else:
            scenes[-1] += "\n\n" + part
    moved = "\n\n".join([scenes[2], scenes[0], scenes[3], scenes[1]]) + "\n"
    result = compare(breakdown(DRAFT_ONE), breakdown(moved))
    assert [change.kind for change in result.scenes] == [SceneChangeKind.UNCHANGED] * 4
    assert result.scenes[0].heading == "INT. BEDROOM - NIGHT"


def test_renumbered_scenes_pair_by_content() -> None:
    numbered = DRAFT_ONE
    for number, heading in enumerate(
        [
            "INT. KITCHEN - MORNING",
            "EXT. PARK - DAY",
            "INT. BEDROOM - NIGHT",
            "INT. KITCHEN - NIGHT",
        ],
        start=1,
    ):
        numbered = numbered.replace(heading, f"{heading} #{number}#")
    renumbered = DRAFT_ONE
    for number, heading in enumerate(
        [
            "INT. KITCHEN - MORNING",
            "EXT. PARK - DAY",
            "INT. BEDROOM - NIGHT",
            "INT. KITCHEN - NIGHT",
        ],
        start=11,
    ):
        renumbered = renumbered.replace(heading, f"{heading} #{number}#")
    result = compare(breakdown(numbered), breakdown(renumbered))
    assert [change.kind for change in result.scenes] == [SceneChangeKind.UNCHANGED] * 4


def test_a_scene_number_pairs_scenes_whose_heading_changed() -> None:
    old = "INT. DINER - NIGHT #5#\n\nMara eats pie alone at the counter, reading a paperback.\n"
    new = "INT. ROADSIDE DINER - NIGHT #5#\n\nMara eats pie alone at the counter, reading.\n"
    result = compare(breakdown(old), breakdown(new))
    (change,) = result.scenes
    assert change.kind is SceneChangeKind.CHANGED
    assert change.old is not None
    assert change.new is not None


def test_repeated_headings_pair_by_text_not_position() -> None:
    old = DRAFT_ONE
    new = DRAFT_ONE.replace(
        "INT. KITCHEN - MORNING",
        "INT. KITCHEN - NIGHT\n\nThe fridge hums. Nobody is here.\n\nINT. KITCHEN - MORNING",
    )
    result = compare(breakdown(old), breakdown(new))
    kinds = [change.kind for change in result.scenes]
    assert kinds.count(SceneChangeKind.ADDED) == 1
    assert kinds.count(SceneChangeKind.UNCHANGED) == 4
    (added,) = result.added
    assert added.new is not None
    assert "fridge" in added.new.scene.elements[0].text


def test_removed_flagged_scene_is_reported_but_needs_no_renegotiation() -> None:
    old = DRAFT_ONE.replace(
        "Alex washes the dishes alone.", "Alex washes the dishes. Jo kisses the back of his neck."
    )
    result = compare(breakdown(old), breakdown(DRAFT_ONE))
    assert result.intimacy_changes == ()
    (gone,) = result.intimacy_removed
    assert [(flag.category, flag.kind) for flag in gone.flags] == [
        (Category.KISS, FlagChangeKind.GONE)
    ]
    assert gone.severity_lowered


def test_changed_evidence_is_a_changed_flag() -> None:
    old = DRAFT_ONE.replace("Alex turns off the lamp.", "Alex kisses her.")
    new = DRAFT_ONE.replace(
        "Alex turns off the lamp.", "Alex kisses her, long and slow, on the mouth."
    )
    result = compare(breakdown(old), breakdown(new))
    (change,) = result.intimacy_changes
    assert [(flag.category, flag.kind) for flag in change.flags] == [
        (Category.KISS, FlagChangeKind.CHANGED)
    ]
    assert not change.severity_raised


def test_a_minor_added_raises_severity_to_critical() -> None:
    old = "INT. GYM - NIGHT\n\nKAI (19) and RENEE (19) kiss under the bleachers.\n"
    new = "INT. GYM - NIGHT\n\nKAI (15) and RENEE (15) kiss under the bleachers.\n"
    result = compare(breakdown(old), breakdown(new))
    (change,) = result.intimacy_changes
    assert change.old_severity is Severity.LOW
    assert change.new_severity is Severity.CRITICAL


def test_empty_drafts_compare() -> None:
    empty = Breakdown(script=read_script(b"INT. X - DAY\n\nNothing.\n", "x.fountain"), scenes=[])
    result = compare(empty, empty)
    assert result.scenes == ()
