"""Three original short screenplays, labeled as `shared/eval/LABELING.md` says, not used to write
the detector's rules: a crime thriller, a backstage comedy and a family drama with teenagers.

Each scene must come out with exactly its labeled categories and `minor` flag (every scene the
labels leave out is a negative).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from closedset.breakdown import read_script
from closedset.breakdown.detect import analyze
from closedset.breakdown.evaluation import Labels, score

FIXTURES = Path(__file__).parent / "fixtures"


def labeled() -> list[dict[str, Any]]:
    return list(json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))["scripts"])


def scene_cases() -> list[tuple[str, str, int, list[str], bool]]:
    cases = []
    for entry in labeled():
        name = str(entry["file"])
        wanted = {
            (label["heading"], label["occurrence"]): (sorted(label["categories"]), label["minor"])
            for label in entry["scenes"]
        }
        script = read_script((FIXTURES / name).read_bytes(), name)
        for scene in script.scenes:
            key = (scene.normalized_heading, scene.occurrence)
            categories, minor = wanted.get(key, ([], False))
            cases.append((name, key[0], key[1], categories, minor))
    return cases


@pytest.mark.parametrize(
    ("name", "heading", "occurrence", "categories", "minor"),
    scene_cases(),
    ids=lambda value: str(value)[:40],
)
def test_each_scene_has_its_labels(name, heading, occurrence, categories, minor):
    result = analyze(read_script((FIXTURES / name).read_bytes(), name))
    scene = next(
        item
        for item in result.scenes
        if (item.scene.normalized_heading, item.scene.occurrence) == (heading, occurrence)
    )
    assert sorted(flag.category.value for flag in scene.flags) == categories
    assert scene.minor is minor


def test_every_label_names_a_scene():
    for entry in labeled():
        name = str(entry["file"])
        script = read_script((FIXTURES / name).read_bytes(), name)
        found = {(scene.normalized_heading, scene.occurrence) for scene in script.scenes}
        for label in entry["scenes"]:
            assert (label["heading"], label["occurrence"]) in found


def test_the_set_scores_full_marks():
    labels = Labels.parse(json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8")))
    runs = [
        (entry, analyze(read_script((FIXTURES / entry.file).read_bytes(), entry.file)))
        for entry in labels.scripts
    ]
    report = score(runs)
    assert report.labeled == 16
    assert not report.misses
    assert not report.unmatched_labels
