"""Breakdown quality: the detector against a labeled set of screenplays.

Reads each script of the set with `closedset.breakdown.read_script`, flags it with
`closedset.breakdown.detect.analyze`, matches scenes to labels by normalized heading and
occurrence (`shared/eval/LABELING.md`), and prints scene-level precision and recall per
category and for "any category", the recall of scenes labeled high or critical, and of scenes
labeled minor. Every entry of labels.json counts, so a script listed twice in two formats
(the dev set's twins) counts twice.

    python bench/breakdown_quality.py [SET_DIR] [--verbose]

SET_DIR holds labels.json and the scripts it names; the default is ../shared/eval/dev from
the project root. --verbose lists every false positive and false negative with its heading.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from closedset.breakdown import read_script
from closedset.breakdown.detect import analyze
from closedset.breakdown.evaluation import Labels, format_table, score
from closedset.breakdown.model import Breakdown

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared" / "eval" / "dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)

    labels_file = args.set_dir / "labels.json"
    if not labels_file.exists():
        print(f"no labels.json in {args.set_dir}", file=sys.stderr)
        return 2
    labels = Labels.parse(json.loads(labels_file.read_text(encoding="utf-8")))

    runs = []
    seconds = 0.0
    for entry in labels.scripts:
        script = read_script((args.set_dir / entry.file).read_bytes(), entry.file)
        start = time.perf_counter()
        breakdown: Breakdown = analyze(script)
        seconds += time.perf_counter() - start
        runs.append((entry, breakdown))
    report = score(runs)

    print(
        f"set {labels.name or args.set_dir.name!r}: {report.scripts} label entries "
        f"(twins count as their own entries), {report.scenes} scenes, "
        f"{report.labeled} labeled positive"
    )
    print(f"detector time: {seconds * 1000:.1f} ms in total")
    print()
    for line in format_table(report):
        print(line)
    if report.unmatched_labels:
        print()
        print("labels that match no scene (heading or occurrence differs):")
        for file, heading, occurrence in report.unmatched_labels:
            print(f"  {file}: {heading} #{occurrence}")
    if args.verbose:
        print()
        if not report.misses:
            print("no false positives or false negatives")
        for miss in report.misses:
            note = f"  ({miss.note})" if miss.note else ""
            print(
                f"  {miss.kind:<15} {miss.category:<16} {miss.file}: {miss.heading} "
                f"#{miss.occurrence}{note}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
