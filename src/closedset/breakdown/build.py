"""Turn the elements a reader found into scenes: numbering, pages, eighths and characters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from closedset.breakdown.headings import Heading, parse_heading
from closedset.breakdown.model import Element, ElementKind, Scene, Script

LINES_PER_PAGE = 55
NO_HEADINGS_WARNING = "no scene headings found: the whole script is treated as one scene"


@dataclass(slots=True)
class Placed:
    """An element and where it sits in the printed script.

    `row` counts printed lines from the top of page 1 (a page is `rows_per_page` rows).
    On a heading, `number` is a scene number found outside the heading text (Final Draft
    attribute, PDF margin) and `eighths` a length the source states.
    """

    element: Element
    row: float
    number: str | None = None
    eighths: int | None = None


_DEFAULT_LAYOUT = (1, 61)


class Paginator:
    """Estimates printed lines and pages for formats without a layout (Fountain, Final Draft)."""

    # (blank lines before, characters per printed line) in standard screenplay layout
    LAYOUT: dict[ElementKind, tuple[int, int]] = {
        ElementKind.HEADING: (2, 58),
        ElementKind.ACTION: (1, 61),
        ElementKind.SHOT: (2, 58),
        ElementKind.GENERAL: (1, 61),
        ElementKind.CHARACTER: (1, 38),
        ElementKind.PARENTHETICAL: (0, 25),
        ElementKind.DIALOGUE: (0, 35),
        ElementKind.LYRIC: (0, 35),
        ElementKind.TRANSITION: (1, 20),
        ElementKind.CENTERED: (1, 61),
        ElementKind.PAGE_BREAK: _DEFAULT_LAYOUT,
    }

    def __init__(self, lines_per_page: int = LINES_PER_PAGE) -> None:
        self.lines_per_page = lines_per_page
        self.page = 1
        self.used = 0

    def place(self, kind: ElementKind, text: str) -> tuple[int, float]:
        """Reserve room for an element; returns (page, row of its first line)."""
        if kind is ElementKind.PAGE_BREAK:
            self.break_page()
            return self.page, self.row
        before, width = self.LAYOUT.get(kind, _DEFAULT_LAYOUT)
        if "\n" in text:
            height = sum((len(line) + width - 1) // width or 1 for line in text.split("\n"))
        else:
            height = (len(text) + width - 1) // width or 1
        page, used, per_page = self.page, self.used, self.lines_per_page
        if used:
            if used + before + min(height, 3) > per_page:  # keep a paragraph's start together
                page, used = page + 1, 0
            else:
                used += before
        start = (page, float((page - 1) * per_page + used))
        used += height
        while used > per_page:
            used -= per_page
            page += 1
        self.page, self.used = page, used
        return start

    def break_page(self) -> None:
        if self.used:
            self.page += 1
            self.used = 0

    def go_to_page(self, page: int) -> None:
        """Follow a page number the source states (moves forward only)."""
        if page > self.page:
            self.page = page
            self.used = 0

    @property
    def row(self) -> float:
        return float((self.page - 1) * self.lines_per_page + self.used)


# Character names ---------------------------------------------------------------------------

_EXTENSION_RE = re.compile(r"\s*\([^()]*\)?")
_SPACE_RE = re.compile(r"\s+")
_WORD_EDGES = "\"'\u2019."
_TWO_CAPITALS_RE = re.compile(r"[A-Z][A-Z'\u2019.\-]*[A-Z.]")
_CAPS_RUN_RE = re.compile(
    r"(?<![\w'\u2019])"
    r"(?:[A-Z][A-Z0-9'\u2019.\-]*[A-Z0-9.]|\"[A-Z][A-Z'\u2019.\-]*[A-Z.]\")"
    r"(?:\s+(?:[A-Z][A-Z0-9'\u2019.\-]*[A-Z0-9.]|\"[A-Z][A-Z'\u2019.\-]*[A-Z.]\"))*"
    r"(?![a-z])"
)
_AGE_AFTER_RE = re.compile(
    r"\s*\(\s*(?:\d{1,3}(?:\s*(?:s|'s|\u2019s|ish|\+|-\d{1,3}))?"
    r"|(?:early|mid|late)[\s-]*\d0'?s|teens?|\d{1,2}\s*(?:months?|years?)(?:\s*old)?)\s*\)",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    {
        "ANGLE", "BACK", "BANG", "BEAT", "CLOSE", "CONT'D", "CONTINUED", "CONTINUOUS", "CRASH",
        "CUT", "DAY", "DISSOLVE", "END", "EXT", "FADE", "FLASHBACK", "INSERT", "INT", "INTERCUT",
        "LATER", "MONTAGE", "MORE", "NIGHT", "O.C", "O.S", "OMITTED", "POV", "SERIES", "SHOTS",
        "SUPER", "THE", "TITLE", "V.O", "WIDE",
    }
)  # fmt: skip


@lru_cache(maxsize=4096)
def character_name(cue: str) -> str:
    """The name in a character cue: extensions such as (V.O.) and (CONT'D), "^" and "@" removed."""
    name = cue.strip()
    if name.startswith("@"):
        name = name[1:]
    name = name.rstrip("^ \t")
    name = _EXTENSION_RE.sub(" ", name)
    return _SPACE_RE.sub(" ", name).strip().upper()


def _words(name: str) -> frozenset[str]:
    return frozenset(word.strip(_WORD_EDGES) for word in name.split()) - {""}


class _Cast:
    """Names that speak anywhere in the script, to recognise them when action introduces them."""

    def __init__(self, cue_names: Iterable[str]) -> None:
        self.by_word: dict[str, list[tuple[frozenset[str], str]]] = {}
        self._runs: dict[str, tuple[tuple[str, ...], str | None]] = {}
        for name in dict.fromkeys(cue_names):
            words = _words(name)
            for word in words:
                self.by_word.setdefault(word, []).append((words, name))

    def introduced(self, text: str) -> list[str]:
        """Names introduced in ALL CAPS in action text."""
        found: list[str] = []
        if _TWO_CAPITALS_RE.search(text) is None:
            return found
        for match in _CAPS_RUN_RE.finditer(text):
            run = match.group(0)
            known = self._runs.get(run)
            if known is None:
                known = self._runs[run] = self._read_run(run)
            names, unknown = known
            if not names and unknown is not None:
                if _AGE_AFTER_RE.match(text, match.end()) is None:
                    continue
                names = (unknown,)
            for name in names:
                if name not in found:
                    found.append(name)
        return found

    def _read_run(self, run: str) -> tuple[tuple[str, ...], str | None]:
        """The speakers a run of capitals names, and the name it gives a character who does
        not speak when an age follows it (None when it cannot be one)."""
        if sum(map(str.isalpha, run)) < 2:
            return (), None
        words = _words(run)
        names = tuple(self._speakers(run, words))
        return names, None if names or words & _NOT_NAMES else " ".join(run.split())

    def _speakers(self, run: str, words: frozenset[str]) -> list[str]:
        """Cue names whose words all appear in the run (the longest, where they overlap)."""
        matched: dict[str, frozenset[str]] = {}
        for token in run.split():
            for name_words, name in self.by_word.get(token.strip(_WORD_EDGES), ()):
                if name_words <= words:
                    matched[name] = name_words
        return [
            name
            for name, name_words in matched.items()
            if not any(name_words < other for other in matched.values())
        ]


# Scenes ------------------------------------------------------------------------------------


def build_script(
    placed: Sequence[Placed],
    *,
    fmt: str,
    title: str | None,
    title_page: dict[str, str] | None = None,
    end_row: float | None = None,
    pages: int | None = None,
    rows_per_page: float = LINES_PER_PAGE,
    warnings: list[str] | None = None,
) -> Script:
    """Group elements into scenes at each heading. Text before the first heading is dropped."""
    return build_from_rows(
        [item.element for item in placed],
        [item.row for item in placed],
        {
            index: (item.number, item.eighths)
            for index, item in enumerate(placed)
            if item.number is not None or item.eighths is not None
        },
        fmt=fmt,
        title=title,
        title_page=title_page,
        end_row=end_row,
        pages=pages,
        rows_per_page=rows_per_page,
        warnings=warnings,
    )


def build_from_rows(
    elements: list[Element],
    rows: Sequence[float],
    stated: dict[int, tuple[str | None, int | None]],
    *,
    fmt: str,
    title: str | None,
    title_page: dict[str, str] | None = None,
    end_row: float | None = None,
    pages: int | None = None,
    rows_per_page: float = LINES_PER_PAGE,
    warnings: list[str] | None = None,
) -> Script:
    """`build_script` for elements and the rows they start on given side by side; `stated`
    holds, by element index, the scene number and length in eighths the source states."""
    warnings = list(warnings or [])
    character = ElementKind.CHARACTER
    heading = ElementKind.HEADING
    cast = _Cast(character_name(element.text) for element in elements if element.kind is character)
    last_row = end_row if end_row is not None else (rows[-1] + 1 if rows else 0.0)
    starts = [i for i, element in enumerate(elements) if element.kind is heading]
    scenes: list[Scene] = []
    if not starts:
        warnings.append(NO_HEADINGS_WARNING)
        first_row = rows[0] if rows else 0.0
        scene = Scene(
            ordinal=1,
            heading="",
            normalized_heading="",
            page=elements[0].page if elements else 1,
            line=elements[0].line if elements else 1,
            eighths=_eighths(last_row - first_row, rows_per_page),
            elements=elements,
        )
        scene.characters = _characters(elements, cast)
        scenes.append(scene)
    seen: dict[str, int] = {}
    parsed_headings: dict[str, Heading] = {}
    count = len(elements)
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else count
        head = elements[start]
        parsed = parsed_headings.get(head.text)
        if parsed is None:
            parsed = parsed_headings[head.text] = parse_heading(head.text)
        occurrence = seen.get(parsed.normalized, 0) + 1
        seen[parsed.normalized] = occurrence
        stop_row = rows[stop] if stop < count else last_row
        number, eighths = stated.get(start, (None, None))
        scene_elements = elements[start + 1 : stop]
        scene = Scene(
            ordinal=index + 1,
            heading=head.text,
            normalized_heading=parsed.normalized,
            occurrence=occurrence,
            number=number or parsed.number,
            int_ext=parsed.int_ext,
            location=parsed.location,
            time_of_day=parsed.time_of_day,
            page=head.page,
            eighths=eighths or _eighths(stop_row - rows[start], rows_per_page),
            line=head.line,
            elements=scene_elements,
            characters=_characters(scene_elements, cast),
        )
        scenes.append(scene)
    last_page = max([element.page for element in elements], default=1)
    return Script(
        title=title or None,
        format=fmt,
        pages=max(pages or 0, last_page, 1),
        scenes=scenes,
        title_page=dict(title_page or {}),
        warnings=warnings,
    )


def _eighths(rows: float, rows_per_page: float) -> int:
    return max(1, int(rows * 8 / rows_per_page + 0.5))


def _characters(elements: Iterable[Element], cast: _Cast) -> list[str]:
    names: list[str] = []
    character = ElementKind.CHARACTER
    action = ElementKind.ACTION
    for element in elements:
        kind = element.kind
        if kind is character:
            name = character_name(element.text)
            if name and name not in names:
                names.append(name)
        elif kind is action:
            for name in cast.introduced(element.text):
                if name and name not in names:
                    names.append(name)
    return names
