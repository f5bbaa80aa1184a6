"""Breakdown speed: a 120-page script, against screenplain parsing the same file.

Builds a ~120-page Fountain script by cycling the dev-set scripts (headings renumbered),
then times, best of N in one run:

- the whole breakdown (read + scenes + detection) against `screenplain` only parsing it;
- reading the same script printed to a 120-page PDF (target: under 0.5 s);
- the `closedset breakdown FILE --format json` process from start to exit (target: under 0.5 s).

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared/eval/dev"
sys.path.insert(0, str(ROOT))  # for tests.breakdown.screenplay_pdf

from screenplain.parsers import fountain as screenplain_fountain  # noqa: E402
from tests.breakdown.screenplay_pdf import render_pdf  # noqa: E402

from closedset.breakdown import read_script  # noqa: E402

_HEADING_RE = re.compile(r"^(?:INT|EXT|EST|I/E)[. /]|^\.(?=\w)", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\s*#[^#\s]+#\s*$")


def body(text: str) -> list[str]:
    """A dev-set script without its title page."""
    lines = text.split("\n")
    blank = lines.index("") if "" in lines else 0
    return lines[blank + 1 :] if ":" in lines[0] else lines


def build_fountain(pages: int) -> str:
    sources = sorted(DEV.glob("*.fountain"))
    if not sources:
        raise SystemExit(f"no dev-set scripts in {DEV}")
    bodies = [body(path.read_text(encoding="utf-8")) for path in sources]
    lines = ["Title: Speed Test", "Author: bench/breakdown_speed.py", ""]
    number = 0
    while True:
        for script in bodies:
            for line in script:
                if _HEADING_RE.match(line):
                    number += 1
                    line = f"{_NUMBER_RE.sub('', line)} #{number}#"  # noqa: PLW2901
                lines.append(line)
            text = "\n".join(lines)
            if read_script(text.encode(), "bench.fountain").pages >= pages:
                return text


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    text = build_fountain(args.pages)
    data = text.encode()
    script = read_script(data, "bench.fountain")
    lines = text.count("\n") + 1
    print(
        f"script: {script.pages} pages, {len(script.scenes)} scenes, {lines} lines, "
        f"{len(data) / 1024:.0f} KiB"
    )

    try:
        from closedset.breakdown import breakdown

        breakdown(data, "bench.fountain")
        whole, label = (lambda: breakdown(data, "bench.fountain")), "breakdown"
    except ImportError:
        whole, label = (lambda: read_script(data, "bench.fountain")), "read only (no detector)"
    ours = best(args.repeat, whole)
    theirs = best(args.repeat, lambda: screenplain_fountain.parse(io.StringIO(text)))
    reading = best(args.repeat, lambda: read_script(data, "bench.fountain"))
    print(
        f"fountain {script.pages}p: closedset {ours:.3f} s ({label}), "
        f"screenplain {theirs:.3f} s, ratio {ours / theirs:.2f}"
    )
    print(f"fountain {script.pages}p: reading alone {reading:.3f} s")

    pdf = render_pdf(script)
    printed = read_script(pdf, "bench.pdf")
    pdf_time = best(max(3, args.repeat // 2), lambda: read_script(pdf, "bench.pdf"))
    verdict = "ok" if pdf_time < 0.5 else "TOO SLOW"
    print(
        f"pdf {printed.pages}p: read_script {pdf_time:.3f} s "
        f"({len(printed.scenes)} scenes, target < 0.5 s: {verdict})"
    )

    with tempfile.TemporaryDirectory(prefix="closedset-bench-") as folder:
        for name, content in (("bench.fountain", data), ("bench.pdf", pdf)):
            path = Path(folder) / name
            path.write_bytes(content)
            command = [
                sys.executable,
                "-m",
                "closedset.breakdown_cli",
                str(path),
                "--format",
                "json",
            ]

            def run(command: list[str] = command) -> None:
                subprocess.run(command, check=True, capture_output=True, cwd=ROOT)  # noqa: S603

            try:
                run()
            except subprocess.CalledProcessError as exc:
                reason = exc.stderr.decode().strip().splitlines() or ["no message"]
                print(f"cli {name}: failed: {reason[-1]}")
                continue
            seconds = best(max(3, args.repeat // 2), run)
            verdict = "ok" if seconds < 0.5 else "TOO SLOW"
            print(f"cli {name}: whole process {seconds:.3f} s (target < 0.5 s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
