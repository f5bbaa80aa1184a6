"""Breakdown speed: a 120-page script, against screenplain parsing the same file.

Two ~120-page Fountain scripts are measured:

- "dense": the dev-set scripts cycled (headings renumbered). Over a third of their scenes
  are intimate, far more than in a real screenplay, so this is the detector's worst case.
- "realistic": original scenes with no intimate content (`breakdown_filler.py`) with one
  dev-set scene after every four of them, which gives a share of intimate scenes (5-10 %)
  like that of a real feature script.

For each, best of N in one run:

- the whole breakdown (read + scenes + detection) against `screenplain` only parsing it
  (target: a ratio below 1.0);
- reading alone and detection alone, to show where the time goes;
- reading the same script printed to a ~120-page PDF (target: under 0.5 s);
- the `closedset breakdown FILE --format json` process from start to exit, for the Fountain
  file and the PDF (target: under 0.5 s).

    python bench/breakdown_speed.py [--pages 120] [--repeat 7]
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared/eval/dev"
sys.path.insert(0, str(ROOT))  # for tests.breakdown.screenplay_pdf
sys.path.insert(0, str(ROOT / "bench"))  # for breakdown_filler

from screenplain.parsers import fountain as screenplain_fountain  # noqa: E402
from tests.breakdown.screenplay_pdf import render_pdf  # noqa: E402

from breakdown_filler import FILLER_SCENES  # noqa: E402
from closedset.breakdown import breakdown, read_script  # noqa: E402
from closedset.breakdown.detect import analyze  # noqa: E402

_HEADING_RE = re.compile(r"^(?:INT|EXT|EST|I/E)[. /]|^\.(?=\w)", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\s*#[^#\s]+#\s*$")
TITLE = ["Title: Speed Test", "Author: bench/breakdown_speed.py", ""]
FILLER_PER_DEV_SCENE = 4
RATIO_GOAL = 0.7
SECONDS_GOAL = 0.5


def body(text: str) -> list[str]:
    """A dev-set script without its title page."""
    lines = text.split("\n")
    blank = lines.index("") if "" in lines else 0
    return lines[blank + 1 :] if ":" in lines[0] else lines


def dev_bodies() -> list[list[str]]:
    sources = sorted(DEV.glob("*.fountain"))
    if not sources:
        raise SystemExit(f"no dev-set scripts in {DEV}")
    return [body(path.read_text(encoding="utf-8")) for path in sources]


class _Numbered:
    """Appends script lines, giving every heading the next scene number."""

    def __init__(self) -> None:
        self.lines = list(TITLE)
        self.number = 0

    def add(self, lines: list[str]) -> None:
        for line in lines:
            if _HEADING_RE.match(line):
                self.number += 1
                line = f"{_NUMBER_RE.sub('', line)} #{self.number}#"  # noqa: PLW2901
            self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines)

    def pages(self) -> int:
        return read_script(self.text().encode(), "bench.fountain").pages


def build_fountain(pages: int) -> str:
    """The dense script: the dev-set scripts one after another until `pages` is reached."""
    script = _Numbered()
    while True:
        for lines in dev_bodies():
            script.add(lines)
            if script.pages() >= pages:
                return script.text()


def dev_scenes() -> list[list[str]]:
    """The dev-set scripts cut into scenes where the reader finds them (a heading inside a
    boneyard starts none); the text before a script's first heading goes with that scene."""
    scenes: list[list[str]] = []
    for lines in dev_bodies():
        parsed = read_script("\n".join(lines).encode(), "dev.fountain")
        starts = [scene.line - 1 for scene in parsed.scenes]
        bounds = [0, *starts[1:], len(lines)]
        scenes += [lines[start:stop] for start, stop in pairwise(bounds)]
    return scenes


def build_realistic(pages: int) -> str:
    """The realistic script: four original filler scenes, then one dev-set scene, and so on."""
    script = _Numbered()
    fillers = [[*scene.strip("\n").split("\n"), ""] for scene in FILLER_SCENES]
    devs = dev_scenes()
    filler_index = dev_index = 0
    while True:
        for _ in range(FILLER_PER_DEV_SCENE):
            script.add(fillers[filler_index % len(fillers)])
            filler_index += 1
        script.add([*devs[dev_index % len(devs)], ""])
        dev_index += 1
        if dev_index % 4 == 0 and script.pages() >= pages:
            return script.text()


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def verdict(seconds: float) -> str:
    return "ok" if seconds < SECONDS_GOAL else "TOO SLOW"


def measure(name: str, text: str, repeat: int, folder: Path) -> None:
    data = text.encode()
    result = breakdown(data, "bench.fountain")
    script = result.script
    flagged = sum(1 for scene in result.scenes if scene.flags)
    lines = text.count("\n") + 1
    print(
        f"{name} script: {script.pages} pages, {len(script.scenes)} scenes "
        f"({flagged} flagged, {flagged / max(1, len(script.scenes)):.0%}), {lines} lines, "
        f"{len(data) / 1024:.0f} KiB"
    )

    ours = best(repeat, lambda: breakdown(data, "bench.fountain"))
    theirs = best(repeat, lambda: screenplain_fountain.parse(io.StringIO(text)))
    reading = best(repeat, lambda: read_script(data, "bench.fountain"))
    detecting = best(repeat, lambda: analyze(script))
    ratio = ours / theirs
    goal = "ok" if ratio < 1.0 else "TOO SLOW"
    print(
        f"{name} fountain {script.pages}p: closedset {ours:.3f} s (breakdown), "
        f"screenplain {theirs:.3f} s, ratio {ratio:.2f} "
        f"(target < 1.0: {goal}; aim <= {RATIO_GOAL})"
    )
    print(
        f"{name} fountain {script.pages}p: reading alone {reading:.3f} s, "
        f"detection alone {detecting:.3f} s"
    )

    pdf = render_pdf(script)
    printed = read_script(pdf, "bench.pdf")
    pdf_time = best(max(3, repeat // 2), lambda: read_script(pdf, "bench.pdf"))
    pdf_whole = best(max(3, repeat // 2), lambda: breakdown(pdf, "bench.pdf"))
    print(
        f"{name} pdf {printed.pages}p: read_script {pdf_time:.3f} s "
        f"({len(printed.scenes)} scenes, target < {SECONDS_GOAL} s: {verdict(pdf_time)}), "
        f"whole breakdown {pdf_whole:.3f} s"
    )

    for file_name, content in ((f"{name}.fountain", data), (f"{name}.pdf", pdf)):
        path = folder / file_name
        path.write_bytes(content)
        command = [sys.executable, "-m", "closedset.breakdown_cli", str(path), "--format", "json"]

        def run(command: list[str] = command) -> None:
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)  # noqa: S603

        try:
            run()
        except subprocess.CalledProcessError as exc:
            reason = exc.stderr.decode().strip().splitlines() or ["no message"]
            print(f"{name} cli {file_name}: failed: {reason[-1]}")
            continue
        seconds = best(max(3, repeat // 2), run)
        print(
            f"{name} cli {file_name}: whole process {seconds:.3f} s "
            f"(target < {SECONDS_GOAL} s: {verdict(seconds)})"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="closedset-bench-") as folder:
        measure("dense", build_fountain(args.pages), args.repeat, Path(folder))
        print()
        measure("realistic", build_realistic(args.pages), args.repeat, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
