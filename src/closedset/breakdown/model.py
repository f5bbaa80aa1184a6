"""The screenplay model every reader produces and the detector consumes.

Pure data: no I/O, no Django. Line numbers are 1-based lines of the source as
read (after decoding), so evidence can point back into the file the user has.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum


class ElementKind(StrEnum):
    HEADING = "heading"
    ACTION = "action"
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    CENTERED = "centered"
    LYRIC = "lyric"
    SHOT = "shot"
    GENERAL = "general"
    PAGE_BREAK = "page_break"


class Category(StrEnum):
    KISS = "kiss"
    INTIMATE_TOUCH = "intimate_touch"
    NUDITY = "nudity"
    SIMULATED_SEX = "simulated_sex"
    SEXUAL_VIOLENCE = "sexual_violence"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


SEVERITY_ORDER = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
HIGH_CATEGORIES = frozenset({Category.NUDITY, Category.SIMULATED_SEX, Category.SEXUAL_VIOLENCE})


def severity_of(categories: frozenset[Category] | set[Category], *, minor: bool) -> Severity | None:
    """Severity as `shared/eval/LABELING.md` derives it; None for an unflagged scene."""
    if not categories:
        return None
    if minor:
        return Severity.CRITICAL
    if categories & HIGH_CATEGORIES:
        return Severity.HIGH
    if Category.INTIMATE_TOUCH in categories:
        return Severity.MEDIUM
    return Severity.LOW


@dataclass(frozen=True, slots=True)
class Element:
    """One paragraph of a screenplay.

    `speaker` is set on dialogue and parentheticals (the character cue they belong to),
    `dual` on both sides of dual dialogue.
    """

    kind: ElementKind
    text: str
    line: int
    page: int = 1
    speaker: str | None = None
    dual: bool = False


_ELEMENT_FIELDS = ("kind", "text", "line", "page", "speaker", "dual")
if tuple(item.name for item in fields(Element)) != _ELEMENT_FIELDS:  # pragma: no cover
    raise TypeError("make_element must set every field of Element")
_new = object.__new__
_set_kind, _set_text, _set_line, _set_page, _set_speaker, _set_dual = (
    getattr(Element, name).__set__ for name in _ELEMENT_FIELDS
)


def make_element(  # noqa: PLR0917 (positional, as `Element(...)` takes them)
    kind: ElementKind, text: str, line: int, page: int, speaker: str | None, dual: bool
) -> Element:
    """`Element(kind, text, line, page, speaker, dual)`, made in half the time: a frozen
    dataclass's `__init__` goes through `object.__setattr__` for each field. For readers,
    which make one per paragraph."""
    element: Element = _new(Element)
    _set_kind(element, kind)
    _set_text(element, text)
    _set_line(element, line)
    _set_page(element, page)
    _set_speaker(element, speaker)
    _set_dual(element, dual)
    return element


@dataclass(slots=True)
class Scene:
    ordinal: int
    heading: str
    normalized_heading: str
    occurrence: int = 1
    number: str | None = None
    int_ext: str | None = None
    location: str | None = None
    time_of_day: str | None = None
    page: int = 1
    eighths: int = 1
    line: int = 1
    elements: list[Element] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Script:
    title: str | None
    format: str  # "fountain" | "fdx" | "pdf" | "text"
    pages: int
    scenes: list[Scene]
    title_page: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Evidence:
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Flag:
    category: Category
    confidence: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class CharacterAge:
    name: str
    age: int | None


@dataclass(slots=True)
class SceneBreakdown:
    scene: Scene
    characters: list[CharacterAge]
    flags: list[Flag]
    minor: bool
    severity: Severity | None


@dataclass(slots=True)
class Breakdown:
    script: Script
    scenes: list[SceneBreakdown]
