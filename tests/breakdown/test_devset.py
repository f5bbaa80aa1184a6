"""The shared dev set: every labeled scene is found, and every script has its scene count."""

import json
from pathlib import Path
from typing import Any

import pytest

from closedset.breakdown import read_script

DEV = Path(__file__).parents[2].parent / "shared/eval/dev"
SCENE_COUNTS = {
    "ferry-schedule.fountain": 12,
    "ferry-schedule.fdx": 12,
    "what-the-lake-keeps.fountain": 11,
    "meridian-tapes.fountain": 13,
    "meridian-tapes.txt": 13,
    "best-man-down.fountain": 11,
    "the-linen-room.fountain": 11,
    "dead-air.fountain": 12,
    "winthrop-farm.fountain": 11,
}
FORMATS = {"fountain": "fountain", "fdx": "fdx", "txt": "text"}

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="the shared dev set is not here")


def labeled_scripts() -> list[dict[str, Any]]:
    if not DEV.exists():
        return []
    return list(json.loads((DEV / "labels.json").read_text())["scripts"])


@pytest.mark.parametrize("name", sorted(SCENE_COUNTS))
def test_scene_counts_match_the_readme(name):
    script = read_script((DEV / name).read_bytes(), name)
    assert script.format == FORMATS[name.rsplit(".", 1)[1]]
    assert len(script.scenes) == SCENE_COUNTS[name]
    assert script.title
    assert not script.warnings


@pytest.mark.parametrize("entry", labeled_scripts(), ids=lambda entry: str(entry["file"]))
def test_every_labeled_scene_is_found(entry):
    name = str(entry["file"])
    script = read_script((DEV / name).read_bytes(), name)
    found = {(scene.normalized_heading, scene.occurrence) for scene in script.scenes}
    for label in entry["scenes"]:
        assert (label["heading"], label["occurrence"]) in found


def test_every_dev_file_is_covered():
    scripts = {path.name for path in DEV.iterdir() if path.suffix in {".fountain", ".fdx", ".txt"}}
    assert scripts == set(SCENE_COUNTS)


def test_twins_agree():
    fountain = read_script((DEV / "ferry-schedule.fountain").read_bytes())
    fdx = read_script((DEV / "ferry-schedule.fdx").read_bytes())
    assert [s.normalized_heading for s in fountain.scenes] == [
        s.normalized_heading for s in fdx.scenes
    ]
    assert [s.characters for s in fountain.scenes] == [s.characters for s in fdx.scenes]
    assert fountain.title == fdx.title == "THE FERRY SCHEDULE"


def test_heading_normalisation_cases_in_the_dev_set():
    lake = read_script((DEV / "what-the-lake-keeps.fountain").read_bytes())
    flashback = lake.scenes[4]
    assert flashback.heading == "Flashback - Summer of '74 - The Dock"
    assert flashback.normalized_heading == "FLASHBACK - SUMMER OF '74 - THE DOCK"
    farm = read_script((DEV / "winthrop-farm.fountain").read_bytes())
    bedrooms = [
        s
        for s in farm.scenes
        if s.normalized_heading == "INT. WINTHROP FARMHOUSE - BEDROOM - NIGHT"
    ]
    assert [s.occurrence for s in bedrooms] == [1, 2]
    assert "HAYLOFT" not in " ".join(s.normalized_heading for s in farm.scenes)
    meridian = read_script((DEV / "meridian-tapes.fountain").read_bytes())
    assert [s.number for s in meridian.scenes] == [str(n) for n in range(1, 14)]
