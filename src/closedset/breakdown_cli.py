"""`closedset breakdown`: flag the scenes of a screenplay that need an intimacy coordinator.

    closedset breakdown FILE [--format table|json|csv] [--min-severity low|medium|high]
    closedset breakdown --compare OLD NEW [--format table|json]

The I/O shell around `closedset.breakdown`: reads files, prints results, never starts Django.
Exit status: 0 done, 2 the input cannot be read (one line on stderr says why).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import stat
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from closedset.breakdown import Breakdown, Flag, SceneBreakdown, ScriptError, breakdown

if TYPE_CHECKING:
    from closedset.breakdown.compare import Comparison, SceneChange

PROG = "closedset breakdown"
MAX_BYTES = 50 * 1024 * 1024
SEVERITIES = ("low", "medium", "high", "critical")
EXIT_OK = 0
EXIT_INPUT = 2


class InputError(Exception):
    """A file that cannot be read; the message is shown after the file name."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = _parse_args(list(sys.argv[1:] if argv is None else argv))
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="replace")
    try:
        if args.compare:
            old, new = (_breakdown(path) for path in args.compare)
            _print_comparison(args.compare, old, new, args.format, out)
        else:
            result = _breakdown(args.file)
            _print_breakdown(result, args.format, args.min_severity, out)
    except InputError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        sys.stderr.close()
    return EXIT_OK


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Break a screenplay (Fountain, Final Draft .fdx, PDF or text) into scenes "
        "and flag kissing, intimate touch, nudity, simulated sex and sexual violence.",
    )
    parser.add_argument("file", nargs="?", help="the screenplay; - reads standard input")
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )
    parser.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        help="list only scenes of this severity or above (critical is above high)",
    )
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="compare two drafts: scenes added, removed and changed, and their flags",
    )
    args = parser.parse_args(argv)
    if args.compare and args.file:
        parser.error("give either FILE or --compare OLD NEW, not both")
    if not args.compare and not args.file:
        parser.error("the screenplay FILE is required")
    if args.compare and args.format == "csv":
        parser.error("--compare prints table or json")
    return args


def read_input(path: str) -> bytes:
    """The file's bytes; refuses missing, unreadable and oversized files before reading them."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except OSError as exc:
            raise InputError(f"{path}: {exc.strerror or 'cannot be read'}") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory")
        if info.st_size > MAX_BYTES:
            raise InputError(f"{path}: the file is larger than 50 MB")
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{path}: {exc.strerror or 'cannot be read'}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: the file is larger than 50 MB")
    return data


def _breakdown(path: str) -> Breakdown:
    data = read_input(path)
    try:
        result = breakdown(data, None if path == "-" else os.path.basename(path))
    except ScriptError as exc:
        raise InputError(f"{path}: {exc}") from None
    for warning in result.script.warnings:
        print(f"{PROG}: {path}: warning: {warning}", file=sys.stderr)
    return result


# Breakdown output --------------------------------------------------------------------------


def _selected(result: Breakdown, min_severity: str | None) -> list[SceneBreakdown]:
    if min_severity is None:
        return list(result.scenes)
    floor = SEVERITIES.index(min_severity)
    return [
        scene
        for scene in result.scenes
        if scene.severity is not None and SEVERITIES.index(scene.severity.value) >= floor
    ]


def scene_json(scene: SceneBreakdown) -> dict[str, Any]:
    """One scene as the JSON output lists it."""
    return {
        "ordinal": scene.scene.ordinal,
        "number": scene.scene.number,
        "heading": scene.scene.heading,
        "normalized_heading": scene.scene.normalized_heading,
        "occurrence": scene.scene.occurrence,
        "page": scene.scene.page,
        "eighths": scene.scene.eighths,
        "characters": [{"name": person.name, "age": person.age} for person in scene.characters],
        "flags": [
            {
                "category": flag.category.value,
                "confidence": round(flag.confidence, 4),
                "evidence": [{"line": item.line, "text": item.text} for item in flag.evidence],
            }
            for flag in scene.flags
        ],
        "minor": scene.minor,
        "severity": scene.severity.value if scene.severity is not None else None,
    }


def breakdown_json(result: Breakdown, scenes: Sequence[SceneBreakdown]) -> dict[str, Any]:
    """The whole JSON document."""
    return {
        "title": result.script.title,
        "format": result.script.format,
        "pages": result.script.pages,
        "scenes": [scene_json(scene) for scene in scenes],
    }


def _print_breakdown(result: Breakdown, fmt: str, min_severity: str | None, out: TextIO) -> None:
    scenes = _selected(result, min_severity)
    if fmt == "json":
        json.dump(breakdown_json(result, scenes), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        _write_csv(scenes, out)
    else:
        _write_table(result, scenes, out)


def eighths_text(eighths: int) -> str:
    """Page length as a breakdown sheet writes it: 3/8, 1, 1 2/8."""
    pages, rest = divmod(eighths, 8)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"


def _characters_text(scene: SceneBreakdown) -> str:
    return ", ".join(
        person.name if person.age is None else f"{person.name} {person.age}"
        for person in scene.characters
    )


def _evidence_text(scene: SceneBreakdown) -> str:
    for flag in scene.flags:
        for item in flag.evidence:
            return f"line {item.line}: {' '.join(item.text.split())}"
    return ""


def _categories_text(scene: SceneBreakdown, separator: str) -> str:
    return separator.join(flag.category.value for flag in scene.flags)


def _write_csv(scenes: Sequence[SceneBreakdown], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(
        [
            "ordinal", "number", "page", "eighths", "heading", "normalized_heading",
            "occurrence", "categories", "severity", "minor", "characters", "evidence",
        ]
    )  # fmt: skip
    for scene in scenes:
        writer.writerow(
            [
                scene.scene.ordinal,
                scene.scene.number or "",
                scene.scene.page,
                scene.scene.eighths,
                scene.scene.heading,
                scene.scene.normalized_heading,
                scene.scene.occurrence,
                _categories_text(scene, ";"),
                scene.severity.value if scene.severity is not None else "",
                "true" if scene.minor else "false",
                "; ".join(
                    person.name if person.age is None else f"{person.name} ({person.age})"
                    for person in scene.characters
                ),
                _evidence_text(scene),
            ]
        )


def _write_table(result: Breakdown, scenes: Sequence[SceneBreakdown], out: TextIO) -> None:
    script = result.script
    flagged = sum(1 for scene in result.scenes if scene.flags)
    title = script.title or "(untitled)"
    out.write(
        f"{title} - {script.format}, {script.pages} pages, "
        f"{len(result.scenes)} scenes, {flagged} flagged\n\n"
    )
    if not scenes:
        out.write("No scenes to list.\n")
        return
    columns = [
        Column("#", right=True),
        Column("PAGE", right=True),
        Column("LENGTH"),
        Column("SCENE", minimum=12, preferred=36),
        Column("FLAGS", minimum=0, preferred=22, split=", ", whole=True),
        Column("SEVERITY"),
        Column("CHARACTERS", minimum=14, preferred=28, split=", ", detail=2),
        Column("EVIDENCE", minimum=30, preferred=70, detail=1),
    ]
    rows = [
        [
            str(scene.scene.ordinal),
            str(scene.scene.page),
            eighths_text(scene.scene.eighths),
            scene.scene.heading or "(no heading)",
            _categories_text(scene, ", "),
            scene.severity.value if scene.severity is not None else "",
            _characters_text(scene),
            _evidence_text(scene),
        ]
        for scene in scenes
    ]
    write_columns(
        out,
        columns,
        rows,
        grow=(
            ("FLAGS", "SCENE", "CHARACTERS", "EVIDENCE"),
            ("SCENE", "FLAGS", "CHARACTERS", "EVIDENCE"),
        ),
    )


@dataclass(frozen=True)
class Column:
    """A table column. Without a `minimum` a column is never narrower than its longest cell;
    with one it wraps its cells (at `split`) to fit, down to that width. `whole`: a cell's
    parts are never broken (categories). Detail columns (`detail` > 0) that do not fit at
    their minimum, the lowest `detail` first, are printed under their row instead, indented
    and labeled, over at most `DETAIL_LINES` lines."""

    title: str
    right: bool = False
    minimum: int | None = None
    preferred: int = 0
    split: str = " "
    whole: bool = False
    detail: int = 0


DETAIL_LINES = 2
DETAIL_INDENT = 6


def write_columns(
    out: TextIO,
    columns: Sequence[Column],
    rows: list[list[str]],
    *,
    grow: tuple[Sequence[str], Sequence[str]],
) -> None:
    """Print an aligned table that fits the terminal. Long cells wrap onto more lines (flags
    and severity are never cut); a detail column that has no room goes under its row.

    `grow`: the titles of the columns that get spare room, in order: first up to their
    preferred width, then up to their longest cell.
    """
    width = max(40, shutil.get_terminal_size((120, 24)).columns - 1)
    titles = [column.title for column in columns]
    natural = [max(len(row[index]) for row in [titles, *rows]) for index in range(len(columns))]
    floor = [_floor(column, natural[index], rows, index) for index, column in enumerate(columns)]
    shown = list(range(len(columns)))

    def needed(indexes: list[int]) -> int:
        return sum(floor[index] for index in indexes) + 2 * (len(indexes) - 1)

    def comfortable(indexes: list[int]) -> int:
        """The width with the main columns at their preferred width, details at their floor."""
        return sum(
            floor[index]
            if columns[index].detail or columns[index].minimum is None
            else max(floor[index], min(natural[index], columns[index].preferred))
            for index in indexes
        ) + 2 * (len(indexes) - 1)

    details: list[int] = []
    for level in sorted({column.detail for column in columns if column.detail}):
        if comfortable(shown) <= width:
            break
        moved = [index for index in shown if columns[index].detail == level]
        details += moved
        shown = [index for index in shown if index not in moved]
    details.sort(key=lambda index: -columns[index].detail)
    widths = {index: floor[index] for index in shown}
    room = width - needed(shown)
    for limit, names in zip((True, False), grow, strict=True):
        for index in [titles.index(title) for title in names if titles.index(title) in widths]:
            target = natural[index]
            if limit:
                target = min(target, max(columns[index].preferred, floor[index]))
            extra = max(0, min(room, target - widths[index]))
            widths[index] += extra
            room -= extra
    visible = [columns[index] for index in shown]
    sizes = [widths[index] for index in shown]
    _write_row(out, [columns[index].title for index in shown], sizes, visible)
    for row in rows:
        _write_row(out, [row[index] for index in shown], sizes, visible)
        for index in details:
            _write_detail(out, columns[index].title.lower(), row[index], width)


def _floor(column: Column, natural: int, rows: list[list[str]], index: int) -> int:
    """The narrowest a column may be: its content for fixed columns; its minimum, its title
    and (for `whole` columns) its longest part otherwise."""
    if column.minimum is None:
        return natural
    floor = max(column.minimum, len(column.title))
    if column.whole:
        parts = [part for row in rows for part in row[index].split(column.split)]
        return max([floor, *(len(part) + len(column.split.rstrip()) for part in parts)])
    return min(floor, natural)


def _write_row(out: TextIO, cells: list[str], widths: list[int], columns: list[Column]) -> None:
    wrapped = [
        _wrap(cell, size, column) if len(cell) > size else [cell]
        for cell, size, column in zip(cells, widths, columns, strict=True)
    ]
    for line in range(max(len(parts) for parts in wrapped)):
        texts = []
        for parts, size, column in zip(wrapped, widths, columns, strict=True):
            text = parts[line] if line < len(parts) else ""
            texts.append(text.rjust(size) if column.right else text.ljust(size))
        out.write("  ".join(texts).rstrip() + "\n")


def _write_detail(out: TextIO, label: str, text: str, width: int) -> None:
    """A cell under its row: indented, labeled, wrapped, cut with "…" after `DETAIL_LINES`
    lines."""
    if not text:
        return
    size = max(20, width - DETAIL_INDENT)
    lines = textwrap.wrap(f"{label}: {text}", size, break_on_hyphens=False)
    if len(lines) > DETAIL_LINES:
        lines = lines[:DETAIL_LINES]
        lines[-1] = lines[-1][: size - 1].rstrip() + "…"
    for line in lines:
        out.write(" " * DETAIL_INDENT + line + "\n")


def _wrap(cell: str, size: int, column: Column) -> list[str]:
    """A cell over lines of at most `size` characters, broken at `column.split` (and between
    words, for parts that are not `whole`)."""
    if column.split == " ":
        return textwrap.wrap(cell, size, break_on_hyphens=False) or [""]
    lines: list[str] = []
    current = ""
    separator = column.split
    for part in cell.split(separator):
        candidate = f"{current}{separator}{part}" if current else part
        if current and len(candidate) + len(separator.rstrip()) > size:
            lines.append(current + separator.rstrip())
            current = part
        else:
            current = candidate
    lines.append(current)
    if column.whole:
        return lines
    return [piece for line in lines for piece in (textwrap.wrap(line, size) or [""])]


# Comparison output -------------------------------------------------------------------------


def _print_comparison(
    paths: Sequence[str], old: Breakdown, new: Breakdown, fmt: str, out: TextIO
) -> None:
    # Imported on use: only this option needs the revision diff.
    from closedset.breakdown.compare import compare  # noqa: PLC0415

    comparison = compare(old, new)
    if fmt == "json":
        json.dump(comparison_json(old, new, comparison), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _write_comparison(paths, old, new, comparison, out)


def _side_json(scene: SceneBreakdown | None) -> dict[str, Any] | None:
    if scene is None:
        return None
    return {
        "ordinal": scene.scene.ordinal,
        "number": scene.scene.number,
        "heading": scene.scene.heading,
        "page": scene.scene.page,
        "categories": [flag.category.value for flag in scene.flags],
        "severity": scene.severity.value if scene.severity is not None else None,
    }


def _flag_json(flag: Flag | None) -> dict[str, Any] | None:
    if flag is None:
        return None
    return {
        "confidence": round(flag.confidence, 4),
        "evidence": [{"line": item.line, "text": item.text} for item in flag.evidence],
    }


def comparison_json(old: Breakdown, new: Breakdown, comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON: both drafts, counts, and every scene with its changes."""
    return {
        "old": _draft_json(old),
        "new": _draft_json(new),
        "summary": {
            "added": len(comparison.added),
            "removed": len(comparison.removed),
            "changed": len(comparison.changed),
            "unchanged": len(comparison.unchanged),
            "revisit": len(comparison.intimacy_changes),
        },
        "scenes": [
            {
                "change": change.kind.value,
                "old": _side_json(change.old),
                "new": _side_json(change.new),
                "similarity": round(change.similarity, 3),
                "flags": [
                    {
                        "category": flag.category.value,
                        "change": flag.kind.value,
                        "old": _flag_json(flag.old),
                        "new": _flag_json(flag.new),
                    }
                    for flag in change.flags
                ],
                "revisit": change.needs_renegotiation,
            }
            for change in comparison.scenes
        ],
    }


def _draft_json(result: Breakdown) -> dict[str, Any]:
    script = result.script
    return {
        "title": script.title,
        "format": script.format,
        "pages": script.pages,
        "scenes": len(result.scenes),
    }


def _severity_text(change: SceneChange) -> str:
    before, after = change.old_severity, change.new_severity
    if change.old is None or change.new is None or before == after:
        severity = after or before
        return severity.value if severity is not None else ""
    return f"{before.value if before else 'none'} -> {after.value if after else 'none'}"


def _flags_text(change: SceneChange) -> str:
    if change.old is None or change.new is None:
        scene = change.new or change.old
        return _categories_text(scene, ", ") if scene is not None else ""
    groups: dict[str, list[str]] = {}
    for flag in change.flags:
        groups.setdefault(flag.kind.value, []).append(flag.category.value)
    return "; ".join(f"{kind}: {', '.join(names)}" for kind, names in groups.items())


def _write_comparison(
    paths: Sequence[str], old: Breakdown, new: Breakdown, comparison: Comparison, out: TextIO
) -> None:
    gone = {id(change) for change in comparison.intimacy_removed}
    out.write(
        f"{paths[0]} ({len(old.scenes)} scenes) -> {paths[1]} ({len(new.scenes)} scenes): "
        f"{len(comparison.added)} added, {len(comparison.removed)} removed, "
        f"{len(comparison.changed)} changed, {len(comparison.unchanged)} unchanged\n"
    )
    revisit = len(comparison.intimacy_changes)
    out.write(
        f"{revisit} scene{'s' if revisit != 1 else ''} to take back to the performers; "
        f"{len(gone)} with intimate content gone\n\n"
    )
    rows = []
    for change in comparison.scenes:
        if change.kind.value == "unchanged" and not change.flags:
            continue
        scene = change.new or change.old
        note = "revisit" if change.needs_renegotiation else ""
        if id(change) in gone:
            note = ", ".join(filter(None, [note, "content gone"]))
        rows.append(
            [
                change.kind.value,
                str(change.old.scene.ordinal) if change.old else "",
                str(change.new.scene.ordinal) if change.new else "",
                str(scene.scene.page) if scene else "",
                change.heading or "(no heading)",
                _flags_text(change),
                _severity_text(change),
                note,
            ]
        )
    if not rows:
        out.write("No scene changed.\n")
        return
    columns = [
        Column("CHANGE"),
        Column("OLD", right=True),
        Column("NEW", right=True),
        Column("PAGE", right=True),
        Column("SCENE", minimum=16, preferred=40),
        Column("INTIMACY", minimum=0, preferred=50, split="; ", whole=True),
        Column("SEVERITY"),
        Column("NOTE", minimum=8, preferred=24, split=", "),
    ]
    write_columns(
        out, columns, rows, grow=(("INTIMACY", "SCENE", "NOTE"), ("SCENE", "INTIMACY", "NOTE"))
    )


if __name__ == "__main__":
    sys.exit(main())
