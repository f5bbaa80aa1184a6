"""Who is in the script, by which names, and how old each character is said to be.

Ages come from the conventions screenplays use to introduce a character in action
(`MAYA (17)`, `LEO, 16,`, `MAYA, seventeen,`, `JAKE (late teens)`) and from what a
character says about themselves (`I'm seventeen.`, `I'll be eighteen in March.`).
An age belongs to the character, not to the scene: a scene can involve a minor whose
age was stated twenty pages earlier. Where a script states an age more than once
(a time jump), the statement in force for a scene is the latest one at or before it.

`age` is an integer or None (no number given: `(40s)`, `(late teens)`); `likely_minor`
marks descriptions that point below 18 without a number (`(teens)`, `(baby)`,
"I'm a minor", "I'm in tenth grade").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from closedset.breakdown.model import Element, ElementKind, Script

ADULT_AGE = 18

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_DECADE_WORDS = {
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
    "nineties",
}  # fmt: skip

_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
)
_NUMBER = rf"(?:\d{{1,2}}|{_NUMBER_WORD})"

# Words that make a name token a title rather than a given name or surname.
TITLES = frozenset({
    "DR", "DR.", "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "MISS", "MX", "MX.", "LADY", "LORD",
    "SIR", "DAME", "YOUNG", "OLD", "LITTLE", "BIG", "DETECTIVE", "DET", "DET.", "OFFICER",
    "SERGEANT", "SGT", "SGT.", "CAPTAIN", "CAPT", "CAPT.", "LIEUTENANT", "LT", "LT.", "AGENT",
    "FATHER", "SISTER", "BROTHER", "MOTHER", "AUNT", "AUNTIE", "UNCLE", "GRANDMA", "GRANDPA",
    "GRANNY", "NANA", "NURSE", "COACH", "PROFESSOR", "PROF", "PROF.", "JUDGE", "MADAME",
    "MADAM", "MONSIEUR", "SENATOR", "COUNCILMAN", "COUNCILWOMAN", "MAYOR", "PRINCE", "PRINCESS",
    "KING", "QUEEN", "DUKE", "DUCHESS", "COUNT", "COUNTESS", "BARON", "REVEREND", "REV", "REV.",
    "PASTOR", "THE", "A", "AN", "ST", "ST.", "SAINT", "PRIVATE", "CORPORAL", "GENERAL",
    "COLONEL", "MAJOR", "CHIEF", "DEPUTY", "SHERIFF", "MISTER", "DOCTOR"
})  # fmt: skip

_CUE_EXTENSION = re.compile(r"\s*\([^)]*\)|\s*\^\s*$|\s*\*+\s*$|:\s*$")
_SPACES = re.compile(r"\s+")

# `NAME (17)` / `NAME (late teens)` and `NAME, 16,` in action. A name is a run of upper-case
# words (at least one of two letters or more), optionally with a "NICKNAME" in quotes.
_NAME_WORD = r"(?:\"[A-Z][A-Z'.\-]*\"|[A-Z][A-Z0-9'.\-]*)"
_AGE_PAREN = re.compile(r"\(([^()\n]{1,30})\)")
_AGE_COMMA = re.compile(rf",\s+({_NUMBER})(?:\s+years\s+old)?\s*(?=[,.;])")
_NAME_BEFORE = re.compile(rf"(?<![A-Za-z0-9'])(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)[ \t]*$")
# `Maya is seventeen.`: a known name said to be an age now (not `was`), in action or dialogue.
_NAMED_AGE_REST = (
    r"\s+(?:(?P<mod>only|just|barely|not even|almost|nearly|already|still)\s+)?"
    rf"(?P<num>{_NUMBER})(?:\s+years?\s+old)?\s*(?=[.!?,;]|$)"
)
# Two patterns with a literal start each: the regex engine then jumps between candidates.
_NAMED_AGE = (re.compile("'s" + _NAMED_AGE_REST), re.compile(" is" + _NAMED_AGE_REST))
_TITLE_NAME_BEFORE = re.compile(
    r"(?<![A-Za-z'\-])(?P<name>[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?)$"
)
_UNIT_AFTER = (
    r"(?!\s*(?:minutes?|seconds?|hours?|days?|weeks?|months?|percent|%|feet|foot|inches|inch"
    r"|miles?|pounds?|dollars?|bucks|grand|o'clock|kilos?|meters?|metres?|times|of|more"
    r"|less|blocks?|points?|floors?|rounds?|cents?)\b)"
)
_SELF_HINT = re.compile("I'm|I am|I\u2019m|I'll|I will|I\u2019ll|turned")
_SEPARATOR = "\n\x00\n"
_SELF_AGE = re.compile(
    r"\bI(?:'m| am)\s+(?:(?P<mod>only|just|almost|nearly|barely|not even|already|still|actually"
    rf"|practically|basically|like)\s+)?(?P<num>{_NUMBER})(?:\s+years?\s+old)?{_UNIT_AFTER}"
    r"(?=\s*(?:[.!?,;:\-]|$)|\s+(?:and|in|next|this|now|okay|so|too|you|years)\b)",
    re.IGNORECASE,
)
_SELF_FUTURE_AGE = re.compile(
    rf"\bI(?:'ll| will) be (?P<num>{_NUMBER})\s+(?:in|next|on|this|tomorrow|soon|come)\b",
    re.IGNORECASE,
)
_SELF_TURNED = re.compile(
    rf"\bI (?:just |only )?turned (?P<num>{_NUMBER}){_UNIT_AFTER}\b", re.IGNORECASE
)
_SELF_MINOR = re.compile(
    r"\bI(?:'m| am) (?:a minor|underage|under age|under eighteen|not eighteen"
    r"|in (?:the )?(?:sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|6th|7th|8th|9th|10th"
    r"|11th|12th) grade|a (?:freshman|sophomore|junior|senior) in high school"
    r"|(?:still )?in (?:high school|middle school|junior high))\b",
    re.IGNORECASE,
)
_AGE_DIGITS = re.compile(
    r"^(?:aged?\s+)?(\d{1,2})(?:\s*(?:yrs?\.?|years?(?:\s+old)?|y/?o|ish|-ish|\+))?"
    r"(?:\s*(?:going on|but|/|-|to|or|,|and|looks|playing)\b.*|\s*/.*)?$"
)
_AGE_WORDS = re.compile(rf"^(?:aged?\s+)?({_NUMBER_WORD})(?:\s+years?\s+old|ish|-ish)?$")
_AGE_INFANT = re.compile(
    rf"^(?:\d{{1,2}}|{_NUMBER_WORD}|a few|few)\s+(?:months?|weeks?|days?)(?:\s+old)?$"
)
_AGE_DECADE = re.compile(r"^(?:early|mid|late|mid-|around|about|c\.)?\s*-?\s*(\d0)'?s$")
_AGE_DECADE_WORD = re.compile(r"^(?:early|mid|late|mid-)?\s*-?\s*([a-z]+ies)$")
# Likely ages for the words of `_AGE_YOUNG`, in the order they are tried.
_YOUNG_AGES = (
    ("pre", 11), ("tween", 11), ("teen", 15), ("adolescent", 15), ("newborn", 0), ("baby", 0),
    ("infant", 0), ("toddler", 2), ("school", 9), ("child", 8), ("kid", 8),
)  # fmt: skip
_AGE_YOUNG = re.compile(
    r"^(?:early|mid|late|mid-)?\s*-?\s*(?:teens?|teenage|teenager|pre-?teen|tween|adolescent"
    r"|baby|infant|toddler|newborn|child|kid|school ?girl|school ?boy)$"
)
_AGE_VAGUE = re.compile(
    r"^(?:ageless|any age|indeterminate|unknown|old|older|elderly|young|younger|adult|middle-aged"
    r"|30ish|grown)$"
)


def words_to_number(text: str) -> int | None:
    """`"seventeen"` -> 17, `"twenty-one"` -> 21, `"16"` -> 16; None if not a number below 100."""
    word = _SPACES.sub(" ", text.strip().lower()).replace(" ", "-")
    if word.isdigit():
        value = int(word)
        return value if value < 100 else None
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return _TENS[tens] + _UNITS[unit]
    return None


@dataclass(frozen=True, slots=True)
class ParsedAge:
    """`approx`: a likely age where the text gives none ("40s" 44, "teens" 15)."""

    age: int | None
    likely_minor: bool
    approx: int | None = None


@lru_cache(maxsize=4096)
def parse_age(text: str) -> ParsedAge | None:
    """Read what stands in an introduction's brackets; None when it is not an age at all."""
    value = _SPACES.sub(" ", text.strip().lower())
    if match := _AGE_DIGITS.match(value):
        return ParsedAge(int(match.group(1)), likely_minor=False)
    if match := _AGE_WORDS.match(value):
        return ParsedAge(words_to_number(match.group(1)), likely_minor=False)
    if _AGE_INFANT.match(value):
        return ParsedAge(0, likely_minor=False)
    if match := _AGE_DECADE.match(value):
        return ParsedAge(None, likely_minor=False, approx=_in_decade(value, int(match.group(1))))
    if (match := _AGE_DECADE_WORD.match(value)) and match.group(1) in _DECADE_WORDS:
        decade = _TENS[match.group(1).removesuffix("ies") + "y"]
        return ParsedAge(None, likely_minor=False, approx=_in_decade(value, decade))
    if _AGE_YOUNG.match(value):
        approx = next((age for word, age in _YOUNG_AGES if word in value), _YOUNG_AGES[-1][1])
        return ParsedAge(None, likely_minor=True, approx=approx)
    if _AGE_VAGUE.match(value):
        return ParsedAge(None, likely_minor=False)
    return None


def _in_decade(value: str, decade: int) -> int:
    """A likely age within a decade: "early 40s" 41, "mid-40s" and "40s" 44, "late 40s" 47."""
    if value.startswith("early"):
        return decade + 1
    if value.startswith("late"):
        return decade + 7
    return decade + 4


@lru_cache(maxsize=4096)
def cue_name(text: str) -> str:
    """A character cue as a name: upper case, without extensions such as (V.O.) or (CONT'D)."""
    name = _CUE_EXTENSION.sub("", text.strip())
    name = _CUE_EXTENSION.sub("", name)
    return _SPACES.sub(" ", name).strip().upper()


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, upper case, without quotes: `DELPHINE "DEL" OKAFOR` -> 3 words."""
    return _name_tokens(name)


@lru_cache(maxsize=4096)
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(token.strip("\"'") for token in name.upper().split() if token.strip("\"'"))


@dataclass(frozen=True, slots=True)
class AgeStatement:
    """Where the script says how old a character is."""

    name: str
    age: int | None
    likely_minor: bool
    ordinal: int
    line: int
    approx: int | None = None


@dataclass(slots=True)
class Cast:
    """The characters of a script: canonical names, the names they go by, and stated ages.

    A canonical name is the character's cue name where the character speaks, otherwise the
    name as introduced in action (`DANA WELLS`).
    """

    names: list[str] = field(default_factory=list)
    full_names: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    statements: dict[str, list[AgeStatement]] = field(default_factory=dict)
    introductions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def canonical(self, name: str) -> str:
        """The canonical name for a cue or an alias; the cleaned name itself if unknown."""
        key = cue_name(name)
        if key in self.statements or key in self.full_names:
            return key
        found = self.aliases.get(key, ())
        return found[0] if len(found) == 1 else key

    def statement(self, name: str, ordinal: int | None = None) -> AgeStatement | None:
        """The age statement in force at scene `ordinal`: the latest one at or before it,
        otherwise the first one after it."""
        stated = self.statements.get(self.canonical(name))
        if not stated:
            return None
        if ordinal is None or len(stated) == 1:
            return stated[-1]
        index = bisect_right([item.ordinal for item in stated], ordinal)
        return stated[index - 1] if index else stated[0]

    def age(self, name: str, ordinal: int | None = None) -> int | None:
        stated = self.statement(name, ordinal)
        return stated.age if stated else None

    def approximate_age(self, name: str) -> int | None:
        """The age first stated, or a likely one where only a decade or "teens" is given."""
        stated = self.statements.get(self.canonical(name))
        if not stated:
            return None
        first = stated[0]
        return first.age if first.age is not None else first.approx

    def is_minor(self, name: str, ordinal: int | None = None) -> bool:
        """Known or clearly described to be under 18 at that point of the script."""
        stated = self.statement(name, ordinal)
        if stated is None:
            return False
        if stated.age is not None:
            return stated.age < ADULT_AGE
        return stated.likely_minor

    def minors(self) -> frozenset[str]:
        """Every character who is a minor in at least one statement."""
        return frozenset(
            name
            for name, stated in self.statements.items()
            if any(
                (item.age is not None and item.age < ADULT_AGE)
                or (item.age is None and item.likely_minor)
                for item in stated
            )
        )


_ACTION_KINDS = frozenset({ElementKind.ACTION, ElementKind.GENERAL, ElementKind.SHOT})


def read_cast(script: Script) -> Cast:
    """Collect the characters and every age the script states for them."""
    cast = Cast()
    names: list[str] = []
    actions: list[tuple[int, int, int, Element]] = []
    # The paragraphs `_spoken_ages` reads, in script order: saying someone "is" an age or "'s"
    # one, and dialogue where a speaker may give their own ("I'm", "turned").
    spoken: list[tuple[int, Element]] = []
    character = ElementKind.CHARACTER
    dialogue = ElementKind.DIALOGUE
    for scene_index, scene in enumerate(script.scenes):
        ordinal = scene.ordinal
        names += scene.characters
        for element_index, element in enumerate(scene.elements):
            kind = element.kind
            if kind is character:
                names.append(element.text)
                continue
            speaker = element.speaker
            if speaker:
                names.append(speaker)
            text = element.text
            if kind is dialogue:
                if " is " in text or "'s " in text or (speaker and _self_hint(text)):
                    spoken.append((ordinal, element))
            elif kind in _ACTION_KINDS:
                actions.append((scene_index, element_index, ordinal, element))
                if " is " in text or "'s " in text:
                    spoken.append((ordinal, element))
    cues = dict.fromkeys(map(cue_name, names))
    pending = [
        (name, parsed, ordinal, element.line + element.text.count("\n", 0, position), scene, index)
        for scene, index, ordinal, element, position, name, parsed in _all_introductions(actions)
    ]
    cues.pop("", None)
    for name in cues:
        cast.names.append(name)
        cast.full_names[name] = [name]

    cue_tokens = {
        cue: tokens
        for cue in cues
        if (tokens := name_tokens(cue)) and not all(token in TITLES for token in tokens)
    }
    matched: dict[str, str] = {}
    for name, parsed, ordinal, line, scene_index, element_index in pending:
        if name not in matched:
            matched[name] = _match_cue(name, cue_tokens) or name
        canonical = matched[name]
        if canonical not in cast.full_names:
            cast.names.append(canonical)
            cast.full_names[canonical] = [canonical]
        if name not in cast.full_names[canonical]:
            cast.full_names[canonical].append(name)
        cast.introductions.setdefault(canonical, (scene_index, element_index))
        _add(
            cast,
            AgeStatement(
                canonical,
                parsed.age,
                parsed.likely_minor,
                ordinal,
                line,
                parsed.age if parsed.age is not None else parsed.approx,
            ),
        )

    _build_aliases(cast)
    _spoken_ages(spoken, cast)
    for stated in cast.statements.values():
        stated.sort(key=lambda item: (item.ordinal, item.line))
    return cast


def _joined(items: list[tuple[int, int, int, Element]]) -> tuple[str, list[int]]:
    """The texts of `items` in one string (NUL lines between them, which no pattern here
    crosses), and where each starts: one regex pass finds what a pass per paragraph would."""
    texts = [item[3].text for item in items]
    starts: list[int] = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(_SEPARATOR)
    return _SEPARATOR.join(texts), starts


def _all_introductions(
    actions: list[tuple[int, int, int, Element]],
) -> list[tuple[int, int, int, Element, int, str, ParsedAge]]:
    """`_introductions` of every paragraph of action, in script order."""
    joined, starts = _joined(actions)
    if joined.count("\x00") >= len(actions):  # a paragraph holds NUL itself
        found = []
        for scene, index, ordinal, element in actions:
            for position, name, parsed in _introductions(element.text):
                found.append((scene, index, ordinal, element, position, name, parsed))
        return found
    hits: list[tuple[int, int, int, ParsedAge]] = []
    for match in _AGE_PAREN.finditer(joined):
        bracketed = parse_age(match.group(1))
        if bracketed is not None:
            hits.append((bisect_right(starts, match.start()) - 1, 0, match.start(), bracketed))
    for match in _AGE_COMMA.finditer(joined):
        number = words_to_number(match.group(1))
        if number is not None:
            stated = ParsedAge(number, likely_minor=False)
            hits.append((bisect_right(starts, match.start()) - 1, 1, match.start(), stated))
    hits.sort(key=lambda hit: hit[:3])
    found = []
    for item, _kind, position, parsed in hits:
        scene, index, ordinal, element = actions[item]
        local: list[tuple[int, str, ParsedAge]] = []
        _introduced(element.text, position - starts[item], parsed, local)
        found += [(scene, index, ordinal, element, *entry) for entry in local]
    return found


def _self_hint(text: str) -> bool:
    """`_SELF_HINT.search(text)`, with a test on plain substrings first."""
    return (
        "I'" in text or "I\u2019" in text or "I am" in text or "I will" in text or "turned" in text
    ) and _SELF_HINT.search(text) is not None


def _introductions(text: str) -> list[tuple[int, str, ParsedAge]]:
    """(offset, name, age) for each `NAME (age)` or `NAME, age,` in a paragraph of action."""
    found: list[tuple[int, str, ParsedAge]] = []
    if "(" in text:
        for match in _AGE_PAREN.finditer(text):
            parsed = parse_age(match.group(1))
            if parsed is not None:
                _introduced(text, match.start(), parsed, found)
    if "," in text:
        for match in _AGE_COMMA.finditer(text):
            number = words_to_number(match.group(1))
            if number is not None:
                _introduced(text, match.start(), ParsedAge(number, likely_minor=False), found)
    return found


def _introduced(
    text: str, end: int, parsed: ParsedAge, found: list[tuple[int, str, ParsedAge]]
) -> None:
    match = _NAME_BEFORE.search(text, max(0, end - 80), end)
    if match is None:
        return
    name = _intro_name(match.group("name"))
    if name:
        found.append((match.start(), name, parsed))


@lru_cache(maxsize=4096)
def _intro_name(raw: str) -> str:
    tokens = raw.split()
    while tokens and tokens[0] in {"A", "AN", "THE"}:
        tokens.pop(0)
    name = " ".join(tokens)
    letters = sum(map(str.isalpha, name))
    if letters < 2 or not any(len(token.strip("\"'.")) >= 2 for token in tokens):
        return ""
    return name


def _match_cue(name: str, cues: dict[str, tuple[str, ...]]) -> str | None:
    """The cue a character introduced as `name` speaks under, if any.

    An exact match wins, then a cue that starts the full name (`ELI` for `ELI VOSS`), then
    one whose words all appear in order (`MARA` in `DETECTIVE MARA OKONJO`, `DR. SHAH` in
    `DR. PRIYA SHAH`).
    """
    tokens = name_tokens(name)
    if not tokens:
        return None
    joined = " ".join(tokens)
    if joined in cues:
        return joined
    best: tuple[int, int, str] | None = None
    present = set(tokens)
    for cue, cue_tokens in cues.items():
        if cue_tokens[-1] not in present:
            continue
        if tokens[: len(cue_tokens)] == cue_tokens:
            score = 2
        elif _in_order(cue_tokens, tokens):
            score = 1
        else:
            continue
        candidate = (score, len(cue_tokens), cue)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def _in_order(needle: tuple[str, ...], haystack: tuple[str, ...]) -> bool:
    position = 0
    for token in needle:
        try:
            position = haystack.index(token, position) + 1
        except ValueError:
            return False
    return True


def _add(cast: Cast, statement: AgeStatement) -> None:
    cast.statements.setdefault(statement.name, []).append(statement)


def _build_aliases(cast: Cast) -> None:
    found: dict[str, list[str]] = {}
    for canonical, full_names in cast.full_names.items():
        for full in full_names:
            tokens = name_tokens(full)
            if not tokens:
                continue
            forms = {" ".join(tokens)}
            plain = [token for token in tokens if token not in TITLES]
            if plain:
                forms.add(plain[0])
                if len(plain) > 1 and len(plain[-1]) >= 3:
                    forms.add(plain[-1])
                if plain != list(tokens):
                    forms.add(" ".join(plain))
            for form in forms:
                if len(form.strip(".")) < 2:
                    continue
                owners = found.setdefault(form, [])
                if canonical not in owners:
                    owners.append(canonical)
    for form, owners in found.items():
        exact = [owner for owner in owners if owner == form]
        ordered = exact + [owner for owner in owners if owner != form]
        cast.aliases[form] = tuple(ordered)


def _spoken_ages(spoken: list[tuple[int, Element]], cast: Cast) -> None:
    """Ages characters state for themselves in dialogue, and `Ivy's seventeen.` anywhere,
    in the dialogue and action paragraphs `read_cast` found worth reading (with the ordinal
    of their scene), in script order."""
    for ordinal, element in spoken:
        text = element.text
        if element.kind is ElementKind.DIALOGUE and element.speaker and _self_hint(text):
            speaker = cast.canonical(element.speaker)
            _self_statements(cast, speaker, text, ordinal, element.line)
        if " is " in text or "'s " in text:
            _named_statements(cast, text, ordinal, element.line)


def _self_statements(cast: Cast, speaker: str, text: str, ordinal: int, line: int) -> None:
    for match in _SELF_AGE.finditer(text):
        number = words_to_number(match.group("num"))
        if number is None or number < 5:
            continue
        modifier = (match.group("mod") or "").lower()
        if modifier in {"almost", "nearly", "not even"}:
            number -= 1
        _add(cast, AgeStatement(speaker, number, False, ordinal, line))
    for match in _SELF_FUTURE_AGE.finditer(text):
        number = words_to_number(match.group("num"))
        if number is not None and number >= 5:
            _add(cast, AgeStatement(speaker, number - 1, False, ordinal, line))
    for match in _SELF_TURNED.finditer(text):
        number = words_to_number(match.group("num"))
        if number is not None and number >= 5:
            _add(cast, AgeStatement(speaker, number, False, ordinal, line))
    if _SELF_MINOR.search(text) and cast.age(speaker, ordinal) is None:
        _add(cast, AgeStatement(speaker, None, True, ordinal, line))


def _named_statements(cast: Cast, text: str, ordinal: int, line: int) -> None:
    for match in (item for pattern in _NAMED_AGE for item in pattern.finditer(text)):
        named = _TITLE_NAME_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if named is None:
            continue
        alias = named.group("name").upper()
        owners = cast.aliases.get(alias, ())
        if len(owners) != 1:
            continue
        number = words_to_number(match.group("num"))
        if number is None or number < 1:
            continue
        if (match.group("mod") or "") in {"almost", "nearly", "not even"}:
            number -= 1
        _add(cast, AgeStatement(owners[0], number, False, ordinal, line))
