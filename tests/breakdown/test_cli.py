import csv
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from closedset import breakdown_cli
from closedset.breakdown import (
    Breakdown,
    Category,
    CharacterAge,
    Evidence,
    Flag,
    SceneBreakdown,
    read_script,
    severity_of,
)

ROOT = Path(__file__).parents[2]
DEV = ROOT.parent / "shared/eval/dev"
HAS_DETECTOR = importlib.util.find_spec("closedset.breakdown.detect") is not None
SCENE_KEYS = [
    "ordinal",
    "number",
    "heading",
    "normalized_heading",
    "occurrence",
    "page",
    "eighths",
    "characters",
    "flags",
    "minor",
    "severity",
]

SCRIPT = b"""Title: Four Scenes

INT. KITCHEN - NIGHT #1#

MAYA REYES (17) and JONAH (17) kiss.

EXT. PORCH - NIGHT #2#

Nora and Theo kiss.

INT. BEDROOM - NIGHT #3#

They undress.

INT. HALL - DAY #4#

Nothing happens.
"""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "closedset.breakdown_cli", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def fake_breakdown(data: bytes, filename: str | None = None) -> Breakdown:
    """Flags chosen by a word, so the output shape is tested without the detector."""
    script = read_script(data, filename)
    words = {"kiss": (Category.KISS, 0.92), "undress": (Category.NUDITY, 0.7)}
    scenes = []
    for scene in script.scenes:
        flags = [
            Flag(category, confidence, (Evidence(element.line, element.text),))
            for word, (category, confidence) in words.items()
            for element in scene.elements
            if word in element.text
        ]
        minor = bool(flags) and any("(17)" in element.text for element in scene.elements)
        ages = [
            CharacterAge(name, 17 if name in {"MAYA REYES", "JONAH"} else None)
            for name in scene.characters
        ]
        categories = {flag.category for flag in flags}
        scenes.append(
            SceneBreakdown(scene, ages, flags, minor, severity_of(categories, minor=minor))
        )
    return Breakdown(script, scenes)


@pytest.fixture
def script_file(tmp_path: Path) -> Path:
    path = tmp_path / "four.fountain"
    path.write_bytes(SCRIPT)
    return path


@pytest.fixture
def faked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(breakdown_cli, "breakdown", fake_breakdown)


def output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert breakdown_cli.main(list(args)) == 0
    return capsys.readouterr().out


# Exit codes ------------------------------------------------------------------------------


def test_a_missing_file_exits_2_with_one_line():
    result = run("/no/such/script.fountain")
    assert result.returncode == 2
    assert result.stderr == "closedset breakdown: /no/such/script.fountain: no such file\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.fountain", b"", "the file is empty"),
        ("photo.fountain", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(64), "JPEG"),
        ("junk.pdf", bytes(range(256)) * 4, "binary"),
        ("cut.fdx", b'<?xml version="1.0"?>\n<FinalDraft><Content><Paragraph Type="A', "damaged"),
        ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
    ],
)
def test_unreadable_input_exits_2_with_a_reason(tmp_path: Path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(str(path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"closedset breakdown: {path}: ")
    assert reason in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_directory_exits_2(tmp_path: Path):
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert "is a directory" in result.stderr


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path):
    path = tmp_path / "huge.fountain"
    with path.open("wb") as handle:
        handle.truncate(breakdown_cli.MAX_BYTES + 1)  # sparse: nothing to read quickly
    result = run(str(path))
    assert result.returncode == 2
    assert "larger than 50 MB" in result.stderr


def test_standard_input_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(breakdown_cli, "MAX_BYTES", 10)
    fake_stdin = io.TextIOWrapper(io.BytesIO(b"INT. A - DAY\n\nAction.\n"))
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    with pytest.raises(breakdown_cli.InputError, match="larger than 50 MB"):
        breakdown_cli.read_input("-")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["a.fountain", "--compare", "a.fountain", "b.fountain"],
        ["--compare", "a.fountain", "b.fountain", "--format", "csv"],
        ["a.fountain", "--format", "xml"],
        ["a.fountain", "--min-severity", "extreme"],
    ],
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "usage: closedset breakdown" in result.stderr


def test_the_pure_package_and_the_command_load_no_django():
    code = (
        "import sys\n"
        "import closedset.breakdown, closedset.breakdown_cli\n"
        "from closedset.breakdown import read_script\n"
        f"read_script(open({str(DEV / 'ferry-schedule.fdx')!r}, 'rb').read())\n"
        if DEV.exists()
        else "import sys\nimport closedset.breakdown, closedset.breakdown_cli\n"
    )
    code += "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


# Output, with hand-made flags -----------------------------------------------------------


def test_json_lists_every_scene_with_exactly_the_agreed_keys(faked, script_file, capsys):
    document = json.loads(output(capsys, str(script_file), "--format", "json"))
    assert list(document) == ["title", "format", "pages", "scenes"]
    assert document["title"] == "Four Scenes"
    assert document["format"] == "fountain"
    assert document["pages"] == 1
    assert [list(scene) for scene in document["scenes"]] == [SCENE_KEYS] * 4
    first, _, third, fourth = document["scenes"]
    assert first == {
        "ordinal": 1,
        "number": "1",
        "heading": "INT. KITCHEN - NIGHT",
        "normalized_heading": "INT. KITCHEN - NIGHT",
        "occurrence": 1,
        "page": 1,
        "eighths": first["eighths"],
        "characters": [{"name": "MAYA REYES", "age": 17}, {"name": "JONAH", "age": 17}],
        "flags": [
            {
                "category": "kiss",
                "confidence": 0.92,
                "evidence": [{"line": 5, "text": "MAYA REYES (17) and JONAH (17) kiss."}],
            }
        ],
        "minor": True,
        "severity": "critical",
    }
    assert third["severity"] == "high"
    assert fourth["flags"] == []
    assert fourth["severity"] is None
    assert fourth["minor"] is False


@pytest.mark.parametrize(
    ("floor", "ordinals"),
    [("low", [1, 2, 3]), ("medium", [1, 3]), ("high", [1, 3]), ("critical", [1])],
)
def test_min_severity_filters_and_critical_counts_as_above_high(
    faked, script_file, capsys, floor, ordinals
):
    document = json.loads(
        output(capsys, str(script_file), "--format", "json", "--min-severity", floor)
    )
    assert [scene["ordinal"] for scene in document["scenes"]] == ordinals
    rows = list(
        csv.reader(
            io.StringIO(
                output(capsys, str(script_file), "--format", "csv", "--min-severity", floor)
            )
        )
    )
    assert [int(row[0]) for row in rows[1:]] == ordinals


def test_csv_has_one_row_per_scene(faked, script_file, capsys):
    rows = list(csv.DictReader(io.StringIO(output(capsys, str(script_file), "--format", "csv"))))
    assert len(rows) == 4
    assert rows[0]["heading"] == "INT. KITCHEN - NIGHT"
    assert rows[0]["number"] == "1"
    assert rows[0]["categories"] == "kiss"
    assert rows[0]["severity"] == "critical"
    assert rows[0]["minor"] == "true"
    assert rows[0]["characters"] == "MAYA REYES (17); JONAH (17)"
    assert rows[0]["evidence"] == "line 5: MAYA REYES (17) and JONAH (17) kiss."
    assert rows[3]["severity"] == ""


@pytest.mark.parametrize("columns", [60, 80, 100, 200])
def test_the_table_fits_the_terminal(faked, script_file, capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    text = output(capsys, str(script_file))
    lines = text.splitlines()
    assert lines[0] == "Four Scenes - fountain, 1 pages, 4 scenes, 3 flagged"
    table = lines[2:]
    assert table[0].split()[:4] == ["#", "PAGE", "LENGTH", "SCENE"]
    assert all(len(line) <= columns - 1 for line in table)
    assert "…" not in "\n".join(line for line in table if not line.startswith(" " * 6))
    rows = [line for line in table[1:] if line[:2].strip()]
    assert [row.split()[0] for row in rows] == ["1", "2", "3", "4"]
    assert "critical" in rows[0]
    assert "kiss" in rows[0]
    if columns >= 100:
        assert "INT. KITCHEN - NIGHT" in rows[0]
    if columns >= 200:
        assert len(table) == 5
        assert "MAYA REYES 17, JONAH 17" in rows[0]
        assert "line 5: MAYA REYES (17) and JONAH (17) kiss." in rows[0]
    else:
        # What has no room goes under its row, labeled.
        assert "characters: MAYA REYES 17, JONAH 17" in text or "MAYA REYES 17" in rows[0]
        assert "line 5: MAYA REYES (17) and JONAH (17) kiss." in " ".join(text.split())


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_the_table_never_cuts_flags_or_severity(monkeypatch, capsys, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    every = [Category.KISS, Category.INTIMATE_TOUCH, Category.NUDITY, Category.SIMULATED_SEX]
    script = read_script(
        b"INT. A VERY LONG SCENE HEADING FOR A PLACE WITH A LONG NAME - NIGHT\n\nThey wait.\n"
    )
    flags = [Flag(category, 0.9, (Evidence(3, "They wait. " * 20),)) for category in every]
    scene = SceneBreakdown(
        scene=script.scenes[0],
        characters=[CharacterAge("A CHARACTER WITH A LONG NAME", 17), CharacterAge("B", None)],
        flags=flags,
        minor=True,
        severity=severity_of(set(every), minor=True),
    )
    breakdown_cli._print_breakdown(Breakdown(script, [scene]), "table", None, sys.stdout)
    table = capsys.readouterr().out.splitlines()[2:]
    text = "\n".join(table)
    for category in every:
        assert category.value in text
    assert "critical" in table[1]
    assert all(len(line) <= columns - 1 for line in table)
    words = text.split()
    heading = script.scenes[0].heading
    assert all(word in words for word in heading.split())
    assert "CHARACTER WITH A LONG NAME 17" in " ".join(words)


def test_the_table_says_when_nothing_is_left(faked, script_file, capsys):
    text = output(capsys, str(script_file), "--min-severity", "critical", "--format", "table")
    assert "INT. KITCHEN" in text
    no_flags = script_file.with_name("calm.fountain")
    no_flags.write_bytes(b"INT. HALL - DAY\n\nQuiet.\n")
    assert "No scenes to list." in output(capsys, str(no_flags), "--min-severity", "low")


def test_warnings_go_to_standard_error(faked, tmp_path, capsys):
    path = tmp_path / "fragment.fountain"
    path.write_bytes(b"Just action, no heading.\n")
    assert breakdown_cli.main([str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["scenes"][0]["heading"] == ""
    assert "warning: no scene headings found" in captured.err


@pytest.mark.parametrize(("eighths", "text"), [(1, "1/8"), (8, "1"), (10, "1 2/8"), (16, "2")])
def test_eighths_read_like_a_breakdown_sheet(eighths, text):
    assert breakdown_cli.eighths_text(eighths) == text


# The real detector, end to end ----------------------------------------------------------


@pytest.mark.skipif(not HAS_DETECTOR, reason="the detector is not installed")
@pytest.mark.skipif(not DEV.exists(), reason="the shared dev set is not here")
def test_json_end_to_end_on_the_dev_set():
    result = run(str(DEV / "meridian-tapes.fountain"), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["title", "format", "pages", "scenes"]
    assert len(document["scenes"]) == 13
    for scene in document["scenes"]:
        assert list(scene) == SCENE_KEYS
        assert (scene["severity"] is None) == (scene["flags"] == [])
        for flag in scene["flags"]:
            assert list(flag) == ["category", "confidence", "evidence"]
            assert all(list(item) == ["line", "text"] for item in flag["evidence"])
    ferry = json.loads(run(str(DEV / "ferry-schedule.fountain"), "--format", "json").stdout)
    assert all(scene["number"] is None for scene in ferry["scenes"])


@pytest.mark.skipif(not HAS_DETECTOR, reason="the detector is not installed")
def test_table_and_csv_end_to_end(script_file):
    table = run(str(script_file))
    assert table.returncode == 0, table.stderr
    assert "INT. KITCHEN - NIGHT" in table.stdout
    rows = list(csv.reader(io.StringIO(run(str(script_file), "--format", "csv").stdout)))
    assert len(rows) == 5


@pytest.mark.skipif(not HAS_DETECTOR, reason="the detector is not installed")
def test_standard_input_is_read(script_file):
    result = run("-", "--format", "json", stdin=script_file.read_bytes())
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["scenes"]) == 4


# Comparing drafts ------------------------------------------------------------------------

REVISED = (
    SCRIPT.replace(b"Nothing happens.", b"Nothing happens at all.")
    .replace(b"INT. BEDROOM - NIGHT #3#\n\nThey undress.\n\n", b"")
    .replace(
        b"EXT. PORCH - NIGHT #2#\n\nNora and Theo kiss.",
        b"EXT. PORCH - NIGHT #2#\n\nThey hold hands.",
    )
    + b"\nINT. KITCHEN - NIGHT #5#\n\nMAYA REYES (17) and JONAH (17) kiss.\n"
)


@pytest.fixture
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.fountain", tmp_path / "new.fountain"
    old.write_bytes(SCRIPT)
    new.write_bytes(REVISED)
    return old, new


def test_compare_lists_scenes_added_removed_and_changed(faked, drafts, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    old, new = drafts
    lines = output(capsys, "--compare", str(old), str(new)).splitlines()
    assert lines[0] == (
        f"{old} (4 scenes) -> {new} (4 scenes): 1 added, 1 removed, 2 changed, 1 unchanged"
    )
    assert lines[1] == "1 scene to take back to the performers; 2 with intimate content gone"
    rows = [line.split() for line in lines[4:]]
    assert [row[0] for row in rows] == ["changed", "changed", "added", "removed"]
    porch, hall, kitchen, bedroom = lines[4:]
    assert "gone: kiss" in porch
    assert "low -> none" in porch
    assert "content gone" in porch
    assert "INT. HALL - DAY" in hall
    assert "critical" in kitchen
    assert "revisit" in kitchen
    assert "nudity" in bedroom


def test_compare_as_json(faked, drafts, capsys):
    old, new = drafts
    document = json.loads(output(capsys, "--compare", str(old), str(new), "--format", "json"))
    assert list(document) == ["old", "new", "summary", "scenes"]
    assert document["summary"] == {
        "added": 1,
        "removed": 1,
        "changed": 2,
        "unchanged": 1,
        "revisit": 1,
    }
    porch = next(s for s in document["scenes"] if s["new"] and s["new"]["ordinal"] == 2)
    assert porch["change"] == "changed"
    assert porch["flags"] == [
        {
            "category": "kiss",
            "change": "gone",
            "old": {"confidence": 0.92, "evidence": [{"line": 9, "text": "Nora and Theo kiss."}]},
            "new": None,
        }
    ]
    assert porch["revisit"] is False
    added = next(s for s in document["scenes"] if s["change"] == "added")
    assert added["old"] is None
    assert added["new"]["categories"] == ["kiss"]
    assert added["revisit"] is True


def test_compare_of_identical_drafts(faked, drafts, capsys):
    old, _ = drafts
    text = output(capsys, "--compare", str(old), str(old))
    assert "0 added, 0 removed, 0 changed, 4 unchanged" in text
    assert "No scene changed." in text


def test_compare_with_a_missing_draft_exits_2(tmp_path: Path):
    existing = tmp_path / "a.fountain"
    existing.write_bytes(SCRIPT)
    result = run("--compare", str(existing), str(tmp_path / "gone.fountain"))
    assert result.returncode == 2
    assert result.stderr == f"closedset breakdown: {tmp_path / 'gone.fountain'}: no such file\n"


@pytest.mark.skipif(not HAS_DETECTOR, reason="the detector is not installed")
@pytest.mark.skipif(not DEV.exists(), reason="the shared dev set is not here")
def test_compare_end_to_end_across_formats():
    result = run(
        "--compare",
        str(DEV / "ferry-schedule.fountain"),
        str(DEV / "ferry-schedule.fdx"),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"]["added"] == 0
    assert document["summary"]["removed"] == 0
    assert document["old"]["format"] == "fountain"
    assert document["new"]["format"] == "fdx"
