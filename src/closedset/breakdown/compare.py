"""What changed between two drafts of a script, and which changes touch intimate content.

`compare(old, new)` pairs the scenes of two breakdowns, then reports scenes added, removed,
changed (their text differs) and unchanged, and for each pair the intimate categories that
are new, gone or changed (their evidence reads differently), with the severity before and
after. `Comparison.intimacy_changes` is what a coordinator has to take back to the
performers: scenes added with flags, and kept scenes with new or changed flags or a higher
severity.

Scenes are paired by what they are, not where they are: first by scene number where both
drafts number their scenes (and the pair still looks like the same scene), then by normalized
heading with the most similar text (occurrence breaks ties), then, for a heading that was
rewritten, by text alone. A scene that moved or was renumbered still pairs with itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from closedset.breakdown.model import (
    SEVERITY_ORDER,
    Breakdown,
    Category,
    Flag,
    SceneBreakdown,
    Severity,
)

__all__ = [
    "Comparison",
    "FlagChange",
    "FlagChangeKind",
    "SceneChange",
    "SceneChangeKind",
    "compare",
]

# A numbered pair is accepted when the text is at least this similar, or the heading is equal.
NUMBERED_SIMILARITY = 0.3
# Same heading: the best candidate must be at least this similar.
HEADING_SIMILARITY = 0.2
# A rewritten heading: the text must be this similar.
TEXT_SIMILARITY = 0.6

_WORD = re.compile(r"[a-z0-9']+")
_SPACES = re.compile(r"\s+")


class SceneChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


class FlagChangeKind(StrEnum):
    NEW = "new"
    GONE = "gone"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class FlagChange:
    """One category of one scene that differs between the drafts."""

    category: Category
    kind: FlagChangeKind
    old: Flag | None
    new: Flag | None


def _rank(severity: Severity | None) -> int:
    return -1 if severity is None else SEVERITY_ORDER.index(severity)


@dataclass(frozen=True, slots=True)
class SceneChange:
    """A scene of either draft: paired (changed or unchanged), added, or removed."""

    kind: SceneChangeKind
    old: SceneBreakdown | None
    new: SceneBreakdown | None
    similarity: float
    flags: tuple[FlagChange, ...] = ()

    @property
    def old_severity(self) -> Severity | None:
        return self.old.severity if self.old else None

    @property
    def new_severity(self) -> Severity | None:
        return self.new.severity if self.new else None

    @property
    def severity_raised(self) -> bool:
        return _rank(self.new_severity) > _rank(self.old_severity)

    @property
    def severity_lowered(self) -> bool:
        return _rank(self.new_severity) < _rank(self.old_severity)

    @property
    def needs_renegotiation(self) -> bool:
        """New intimate content the performers have not agreed to yet."""
        if self.kind is SceneChangeKind.REMOVED or self.new is None:
            return False
        if self.kind is SceneChangeKind.ADDED:
            return bool(self.new.flags)
        return self.severity_raised or any(
            change.kind in {FlagChangeKind.NEW, FlagChangeKind.CHANGED} for change in self.flags
        )

    @property
    def heading(self) -> str:
        scene = self.new or self.old
        return scene.scene.heading if scene else ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every scene of both drafts: the new draft's scenes in order, then the removed ones."""

    scenes: tuple[SceneChange, ...]

    def _of(self, kind: SceneChangeKind) -> tuple[SceneChange, ...]:
        return tuple(change for change in self.scenes if change.kind is kind)

    @property
    def added(self) -> tuple[SceneChange, ...]:
        return self._of(SceneChangeKind.ADDED)

    @property
    def removed(self) -> tuple[SceneChange, ...]:
        return self._of(SceneChangeKind.REMOVED)

    @property
    def changed(self) -> tuple[SceneChange, ...]:
        return self._of(SceneChangeKind.CHANGED)

    @property
    def unchanged(self) -> tuple[SceneChange, ...]:
        return self._of(SceneChangeKind.UNCHANGED)

    @property
    def intimacy_changes(self) -> tuple[SceneChange, ...]:
        """What the coordinator must re-negotiate, in the new draft's order."""
        return tuple(change for change in self.scenes if change.needs_renegotiation)

    @property
    def intimacy_removed(self) -> tuple[SceneChange, ...]:
        """Intimate content that is no longer in the script (a removed flagged scene, a flag
        gone from a kept one): agreements that may no longer be needed."""
        return tuple(
            change
            for change in self.scenes
            if (change.kind is SceneChangeKind.REMOVED and change.old and change.old.flags)
            or any(flag.kind is FlagChangeKind.GONE for flag in change.flags)
        )


@dataclass(slots=True)
class _Side:
    scene: SceneBreakdown
    index: int
    text: str
    words: list[str]
    vocabulary: frozenset[str]


def _side(scene: SceneBreakdown, index: int) -> _Side:
    text = _SPACES.sub(" ", " ".join(element.text for element in scene.scene.elements)).strip()
    words = _WORD.findall(text.lower())
    return _Side(scene, index, text, words, frozenset(words))


def compare(old: Breakdown, new: Breakdown) -> Comparison:
    """Pair the scenes of two drafts and describe what changed."""
    olds = [_side(scene, index) for index, scene in enumerate(old.scenes)]
    news = [_side(scene, index) for index, scene in enumerate(new.scenes)]
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()

    def accept(candidates: Iterable[tuple[float, int, int]], floor: float) -> None:
        for similarity, new_index, old_index in sorted(candidates, reverse=True):
            if similarity < floor or new_index in pairs or old_index in taken:
                continue
            pairs[new_index] = (old_index, similarity)
            taken.add(old_index)

    accept(_by_number(olds, news), 0.0)
    accept(_by_heading(olds, news, pairs, taken), HEADING_SIMILARITY)
    accept(_by_text(olds, news, pairs, taken), TEXT_SIMILARITY)

    changes: list[SceneChange] = []
    for side in news:
        if side.index in pairs:
            old_index, _score = pairs[side.index]
            changes.append(_pair(olds[old_index], side))
        else:
            changes.append(SceneChange(SceneChangeKind.ADDED, None, side.scene, 0.0))
    for side in olds:
        if side.index not in taken:
            changes.append(SceneChange(SceneChangeKind.REMOVED, side.scene, None, 0.0))
    return Comparison(tuple(changes))


def _similarity(a: _Side, b: _Side) -> float:
    if a.text == b.text:
        return 1.0
    if not a.words or not b.words:
        return 0.0
    union = len(a.vocabulary | b.vocabulary)
    if union and len(a.vocabulary & b.vocabulary) / union < 0.05:
        return 0.0
    matcher = SequenceMatcher(None, a.words, b.words, autojunk=False)
    if matcher.real_quick_ratio() < 0.05 or matcher.quick_ratio() < 0.05:
        return 0.0
    return matcher.ratio()


def _same_heading(a: _Side, b: _Side) -> bool:
    return a.scene.scene.normalized_heading == b.scene.scene.normalized_heading


def _by_number(olds: Sequence[_Side], news: Sequence[_Side]) -> list[tuple[float, int, int]]:
    """Pairs with the same scene number that still look like the same scene."""
    numbered: dict[str, list[_Side]] = {}
    for side in olds:
        if side.scene.scene.number:
            numbered.setdefault(side.scene.scene.number.upper(), []).append(side)
    found: list[tuple[float, int, int]] = []
    for side in news:
        number = side.scene.scene.number
        candidates = numbered.get(number.upper(), []) if number else []
        if len(candidates) != 1:
            continue
        other = candidates[0]
        similarity = _similarity(other, side)
        if _same_heading(other, side) or similarity >= NUMBERED_SIMILARITY:
            found.append((similarity, side.index, other.index))
    return found


def _by_heading(
    olds: Sequence[_Side],
    news: Sequence[_Side],
    pairs: dict[int, tuple[int, float]],
    taken: set[int],
) -> list[tuple[float, int, int]]:
    """Same normalized heading; similarity decides, the same occurrence breaks a tie. A
    heading left once on each side pairs however much its scene was rewritten."""
    by_heading: dict[str, list[_Side]] = {}
    for side in olds:
        if side.index not in taken:
            by_heading.setdefault(side.scene.scene.normalized_heading, []).append(side)
    waiting: dict[str, int] = {}
    for side in news:
        if side.index not in pairs:
            heading = side.scene.scene.normalized_heading
            waiting[heading] = waiting.get(heading, 0) + 1
    found: list[tuple[float, int, int]] = []
    for side in news:
        if side.index in pairs:
            continue
        heading = side.scene.scene.normalized_heading
        candidates = by_heading.get(heading, [])
        alone = len(candidates) == 1 and waiting[heading] == 1
        for other in candidates:
            similarity = _similarity(other, side)
            if alone:
                similarity = max(similarity, HEADING_SIMILARITY)
            bonus = 0.001 if other.scene.scene.occurrence == side.scene.scene.occurrence else 0.0
            found.append((similarity + bonus, side.index, other.index))
    return found


def _by_text(
    olds: Sequence[_Side],
    news: Sequence[_Side],
    pairs: dict[int, tuple[int, float]],
    taken: set[int],
) -> list[tuple[float, int, int]]:
    """A heading rewritten but the scene kept: pair by text alone."""
    rest = [side for side in olds if side.index not in taken]
    found: list[tuple[float, int, int]] = []
    for side in news:
        if side.index in pairs:
            continue
        for other in rest:
            union = len(side.vocabulary | other.vocabulary)
            if not union or len(side.vocabulary & other.vocabulary) / union < TEXT_SIMILARITY / 2:
                continue
            found.append((_similarity(other, side), side.index, other.index))
    return found


def _pair(old: _Side, new: _Side) -> SceneChange:
    kind = SceneChangeKind.UNCHANGED if old.text == new.text else SceneChangeKind.CHANGED
    return SceneChange(kind, old.scene, new.scene, _similarity(old, new), _flag_changes(old, new))


def _flag_changes(old: _Side, new: _Side) -> tuple[FlagChange, ...]:
    before = {flag.category: flag for flag in old.scene.flags}
    after = {flag.category: flag for flag in new.scene.flags}
    changes: list[FlagChange] = []
    for category in Category:
        was, now = before.get(category), after.get(category)
        if was is None and now is None:
            continue
        if was is None:
            changes.append(FlagChange(category, FlagChangeKind.NEW, None, now))
        elif now is None:
            changes.append(FlagChange(category, FlagChangeKind.GONE, was, None))
        elif _evidence_text(was) != _evidence_text(now):
            changes.append(FlagChange(category, FlagChangeKind.CHANGED, was, now))
    return tuple(changes)


def _evidence_text(flag: Flag) -> tuple[str, ...]:
    """What the evidence says, not where: lines move when text above them changes."""
    return tuple(sorted(_SPACES.sub(" ", item.text).strip() for item in flag.evidence))
