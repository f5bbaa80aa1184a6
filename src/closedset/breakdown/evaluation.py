"""Scoring the detector against labeled scenes (`shared/eval/LABELING.md`).

Pure: takes parsed labels and breakdowns, returns counts. Scenes are matched by normalized
heading and occurrence. A labeled scene is positive for each category it lists; every other
scene of a labeled script is negative. Precision and recall are scene-level, per category and
for "any category"; `high_recall` counts scenes labeled high or critical severity (found when
the breakdown rates them high or critical too), and `minor_recall` scenes labeled
`minor: true` (found when the breakdown marks them minor).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from closedset.breakdown.model import (
    HIGH_CATEGORIES,
    Breakdown,
    Category,
    SceneBreakdown,
    Severity,
)

_SPACES = re.compile(r"\s+")
_ALERT = frozenset({Severity.HIGH, Severity.CRITICAL})


def normalize_heading(heading: str) -> str:
    """Labels are already normalized; this only folds case and white space again."""
    return _SPACES.sub(" ", heading).strip().upper()


@dataclass(frozen=True, slots=True)
class LabeledScene:
    heading: str
    occurrence: int
    categories: frozenset[Category]
    minor: bool
    note: str = ""

    @property
    def high(self) -> bool:
        return self.minor or bool(self.categories & HIGH_CATEGORIES)


@dataclass(frozen=True, slots=True)
class LabeledScript:
    file: str
    scenes: tuple[LabeledScene, ...]

    def scene(self, heading: str, occurrence: int) -> LabeledScene | None:
        key = (normalize_heading(heading), occurrence)
        for labeled in self.scenes:
            if (normalize_heading(labeled.heading), labeled.occurrence) == key:
                return labeled
        return None


@dataclass(frozen=True, slots=True)
class Labels:
    name: str
    scripts: tuple[LabeledScript, ...]

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Labels:
        """Read the JSON structure of a labels file; raises ValueError when it is malformed."""
        try:
            scripts = tuple(
                LabeledScript(
                    file=str(entry["file"]),
                    scenes=tuple(
                        LabeledScene(
                            heading=str(scene["heading"]),
                            occurrence=int(scene.get("occurrence", 1)),
                            categories=frozenset(Category(c) for c in scene["categories"]),
                            minor=bool(scene.get("minor", False)),
                            note=str(scene.get("note", "")),
                        )
                        for scene in entry["scenes"]
                    ),
                )
                for entry in data["scripts"]
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed labels: {exc}") from exc
        return cls(name=str(data.get("set", "")), scripts=scripts)


@dataclass(slots=True)
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    def count(self, *, detected: bool, labeled: bool) -> None:
        if detected and labeled:
            self.true_positive += 1
        elif detected:
            self.false_positive += 1
        elif labeled:
            self.false_negative += 1


@dataclass(frozen=True, slots=True)
class Miss:
    """A scene the detector got wrong for one category ("any" for the scene as a whole)."""

    file: str
    heading: str
    occurrence: int
    category: str
    kind: str  # "false positive" | "false negative"
    note: str = ""


@dataclass(slots=True)
class Report:
    scripts: int = 0
    scenes: int = 0
    labeled: int = 0
    any: Tally = field(default_factory=Tally)
    categories: dict[Category, Tally] = field(
        default_factory=lambda: {category: Tally() for category in Category}
    )
    high_recall: Tally = field(default_factory=Tally)
    minor_recall: Tally = field(default_factory=Tally)
    misses: list[Miss] = field(default_factory=list)
    unmatched_labels: list[tuple[str, str, int]] = field(default_factory=list)


def score(runs: Iterable[tuple[LabeledScript, Breakdown]]) -> Report:
    """Compare each script's breakdown with its labels."""
    report = Report()
    for labeled, breakdown in runs:
        report.scripts += 1
        seen: set[tuple[str, int]] = set()
        for scene in breakdown.scenes:
            key = (normalize_heading(scene.scene.normalized_heading), scene.scene.occurrence)
            seen.add(key)
            _score_scene(report, labeled, scene)
        for item in labeled.scenes:
            if (normalize_heading(item.heading), item.occurrence) not in seen:
                report.unmatched_labels.append((labeled.file, item.heading, item.occurrence))
    return report


def _score_scene(report: Report, labeled: LabeledScript, scene: SceneBreakdown) -> None:
    report.scenes += 1
    label = labeled.scene(scene.scene.normalized_heading, scene.scene.occurrence)
    wanted = label.categories if label else frozenset()
    found = frozenset(flag.category for flag in scene.flags)
    if label is not None:
        report.labeled += 1
    heading, occurrence = scene.scene.normalized_heading, scene.scene.occurrence
    note = label.note if label else ""
    report.any.count(detected=bool(found), labeled=bool(wanted))
    if bool(found) != bool(wanted):
        kind = "false positive" if found else "false negative"
        report.misses.append(Miss(labeled.file, heading, occurrence, "any", kind, note))
    for category in Category:
        detected, expected = category in found, category in wanted
        report.categories[category].count(detected=detected, labeled=expected)
        if detected != expected:
            kind = "false positive" if detected else "false negative"
            report.misses.append(
                Miss(labeled.file, heading, occurrence, category.value, kind, note)
            )
    if label is not None and label.high:
        report.high_recall.count(detected=scene.severity in _ALERT, labeled=True)
    if label is not None and label.minor:
        report.minor_recall.count(detected=scene.minor and bool(found), labeled=True)


def format_table(report: Report) -> Sequence[str]:
    """The report as lines of a plain-text table."""
    lines = [
        f"{'category':<18} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}",
    ]
    rows = [("any category", report.any)] + [
        (category.value, tally) for category, tally in report.categories.items()
    ]
    for name, tally in rows:
        lines.append(
            f"{name:<18} {tally.true_positive:>4} {tally.false_positive:>4} "
            f"{tally.false_negative:>4} {tally.precision:>10.2f} {tally.recall:>8.2f}"
        )
    for name, tally in (("high/critical", report.high_recall), ("minor", report.minor_recall)):
        wanted = tally.true_positive + tally.false_negative
        lines.append(
            f"recall of {name} scenes: {tally.true_positive}/{wanted} = {tally.recall:.2f}"
        )
    return lines
