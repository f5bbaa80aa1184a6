"""Scene headings: recognition and normalisation as `shared/eval/LABELING.md` defines them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading starts with one of these prefixes followed by "." or white space.
# Longer prefixes come first so "INT./EXT." is not read as "INT.".
_PREFIX_RE = re.compile(r"(INT\.?/EXT|I/E|INT|EXT|EST)(?=[.\s])", re.IGNORECASE)
_FORCED_RE = re.compile(r"\.(?=\w)")
_SPACE_RE = re.compile(r"\s+")
_FOUNTAIN_NUMBER_END_RE = re.compile(r"\s*#([^#\s]+)#$")
_FOUNTAIN_NUMBER_START_RE = re.compile(r"^#([^#\s]+)#\s*")
SCENE_NUMBER = r"(?:[A-Z]{1,2}-?)?\d{1,4}(?:[A-Z]{1,3}|-\d{1,2})?"
SCENE_NUMBER_RE = re.compile(rf"{SCENE_NUMBER}\.?", re.IGNORECASE)
_LEADING_NUMBER_RE = re.compile(rf"^({SCENE_NUMBER})\.?\s+(.+)$", re.IGNORECASE)
_TRAILING_NUMBER_RE = re.compile(rf"\s+({SCENE_NUMBER})\.?$", re.IGNORECASE)
_CANONICAL_PREFIX = {"INT./EXT": "INT./EXT.", "INT/EXT": "INT./EXT.", "I/E": "I/E"}


@dataclass(frozen=True, slots=True)
class Heading:
    """A scene heading split into its parts; `normalized` is what labels match."""

    normalized: str
    number: str | None
    int_ext: str | None
    location: str | None
    time_of_day: str | None


def has_heading_prefix(text: str) -> bool:
    """True when the text starts with INT. EXT. EST. INT./EXT. INT/EXT or I/E (any case)."""
    return _PREFIX_RE.match(text) is not None


def is_forced_heading(text: str) -> bool:
    """A Fountain forced heading: one leading "." followed by a letter or digit."""
    return _FORCED_RE.match(text) is not None


def is_heading(text: str) -> bool:
    """A line that is a scene heading by itself (prefix or forced "."), after stripping."""
    stripped = text.strip()
    return has_heading_prefix(stripped) or is_forced_heading(stripped)


def is_scene_number(token: str) -> bool:
    """A margin scene number such as 12, 12A, A12 or 12."""
    return SCENE_NUMBER_RE.fullmatch(token) is not None


def strip_fountain_number(text: str) -> tuple[str, str | None]:
    """Remove a Fountain scene number ("#12A#") from a heading line: (text, number)."""
    stripped = text.strip()
    match = _FOUNTAIN_NUMBER_END_RE.search(stripped) or _FOUNTAIN_NUMBER_START_RE.search(stripped)
    if match is None:
        return stripped, None
    rest = (stripped[: match.start()] + stripped[match.end() :]).strip()
    return rest, match.group(1)


def parse_heading(text: str) -> Heading:
    """Normalise a heading: upper case, white space folded, scene numbers and a leading "." gone."""
    heading = _SPACE_RE.sub(" ", text).strip()
    if is_forced_heading(heading):
        heading = heading[1:].lstrip()
    heading, number = strip_fountain_number(heading)
    leading = _LEADING_NUMBER_RE.match(heading)
    if leading:
        rest = leading.group(2)
        trailing = _TRAILING_NUMBER_RE.search(rest)
        repeated = trailing is not None and trailing.group(1).upper() == leading.group(1).upper()
        if repeated and trailing is not None:
            rest = rest[: trailing.start()]
        if repeated or has_heading_prefix(rest):
            number = number or leading.group(1).upper()
            heading = rest.strip()
    normalized = heading.upper()
    int_ext, location, time_of_day = split_heading(normalized)
    return Heading(normalized, number, int_ext, location, time_of_day)


def split_heading(normalized: str) -> tuple[str | None, str | None, str | None]:
    """(int_ext, location, time_of_day) of a normalised heading, split on " - "."""
    int_ext: str | None = None
    rest = normalized
    match = _PREFIX_RE.match(normalized)
    if match:
        prefix = match.group(1).upper()
        int_ext = _CANONICAL_PREFIX.get(prefix, prefix + ".")
        rest = normalized[match.end() :].lstrip(". ")
    if not rest:
        return int_ext, None, None
    parts = [part.strip() for part in rest.split(" - ")]
    if len(parts) == 1 or not parts[-1]:
        return int_ext, rest.strip(" -") or None, None
    return int_ext, " - ".join(parts[:-1]) or None, parts[-1]
