"""Flag the scenes of a screenplay that stage intimate content, and who takes part.

`analyze(script)` reads every scene's action, shots and parentheticals (never dialogue: talk
about sex is not staged) sentence by sentence with the cues of `lexicon.py`. A cue counts
when its beat is staged: not negated ("they don't kiss", "without kissing"), not only
approached ("she almost kisses him"), not wished, planned, remembered, rumoured or told,
not only heard or off screen, not a picture. Evidence for a category combines across
distinct cues (noisy-or); a category is flagged at `lexicon.THRESHOLD`.

A kiss is not romantic between relatives or from an adult to a young child ("Luz kisses Maya
goodnight" where Maya is her daughter): family ties come from the script's introductions
("her daughter MAYA (12)", "ROSE (86), Felix's grandmother") and from a surname shared a
generation apart, and a kiss the sentence makes romantic ("on the mouth") stays one.

Scene-level rules add what no single sentence says: simulated sex implied by a cut or a fade
after undressing; sexual violence where someone is restrained and touched while resisting;
intimate touch implied by simulated sex and by sexual violence (not by a kiss forced on
someone, which is no touching beyond the kiss). A scene is `minor` when a character known to
be under 18 takes part in a flagged beat: the people named in its sentence, its pronouns
resolved to the most recent character of matching gender (and not to whoever a pronoun of
the other gender in the same sentence stands for), or words placing young people there ("a
junior girl"). Watching is not taking part.

Every flag carries the source lines that triggered it, as written, so a coordinator can find
them. The whole pass is linear in the script and compiles nothing per call. Most paragraphs
of a real script hold none of the cues' anchor words and cost a set lookup; the scene-level
markers are read only by the rules that need them, in the paragraphs those rules look at.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from closedset.breakdown import lexicon
from closedset.breakdown.ages import TITLES, Cast, cue_name, name_tokens, read_cast
from closedset.breakdown.lexicon import Cue, Mode, Signal
from closedset.breakdown.model import (
    Breakdown,
    Category,
    CharacterAge,
    Element,
    ElementKind,
    Evidence,
    Flag,
    Scene,
    SceneBreakdown,
    Script,
    severity_of,
)

__all__ = ["analyze", "analyze_scene"]

# Paragraph kinds that stage what happens. Parentheticals can ("between kisses").
_STAGED = frozenset(
    {
        ElementKind.ACTION,
        ElementKind.GENERAL,
        ElementKind.SHOT,
        ElementKind.CENTERED,
        ElementKind.PARENTHETICAL,
    }
)
_PROSE = frozenset(
    {ElementKind.ACTION, ElementKind.GENERAL, ElementKind.SHOT, ElementKind.CENTERED}
)
_CATEGORY_ORDER = tuple(Category)

_ATTEMPT_FACTOR = 0.65
_UNKNOWN_OWNER_FACTOR = 0.6
_IMPLIED_SEX = 0.6
_NEXT_TO_SKIN = 0.7
_COERCION = 0.75
_SEX_IMPLIES_TOUCH = 0.9
_VIOLENCE_IMPLIES_TOUCH = 0.85
_COERCION_WINDOW = 3
_END_OF_SCENE = 2
_GENDER_SCENES = 8
_GENDER_RATIO = 2.0
_GENDER_MARGIN = 4.0

_FOLD = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\n": " ", "\r": " ", "\t": " "}
)
_NEEDS_FOLDING = re.compile("[\u2018\u2019\u201c\u201d\n\r\t]")
# A sentence ends at . ! or ? followed by white space, except after a title or an initial.
_SENTENCE_END = re.compile(
    r"[.!?]+(?<!\b(?:mr|ms|dr|st|jr|sr|vs|no|lt|mt|mx)\.)(?<!\b(?:mrs|etc|sgt|det|rev)\.)"
    r"(?<!\b(?:prof|capt)\.)(?<![\s.][a-z]\.)[\"')\]]*(?=\s|$)"
)
_SUBJECT = re.compile(
    r"\b(?:he|she|they)\b|\b(?:his|her|their)\s+(?:own\s+)?(?:hands?|fingers|fingertips|mouth"
    r"|lips|palms?|arms?)\b"
)
_PRONOUN = re.compile(
    r"\b(?:he|she|him|her|his|hers|himself|herself|they|them|their|themselves|each\s+other)\b"
)
_TOKEN = re.compile(r"\S+")
_OWN = re.compile(r"\bown\b")
_CAP_RUN = re.compile(r"[A-Z][A-Za-z'\u2019.\-]*(?:[ \t]+[A-Z][A-Za-z'\u2019.\-]*)*")
_KIN_WORD_LIST = (
    "mother", "mom", "mum", "mama", "momma", "father", "dad", "daddy", "papa", "daughter", "son",
    "sister", "brother", "grandmother", "grandma", "granny", "gran", "nana", "grandfather",
    "grandpa", "granddad", "granddaughter", "grandson", "grandkid", "grandchild", "aunt",
    "auntie", "uncle", "niece", "nephew", "cousin", "stepmother", "stepmom", "stepfather",
    "stepdad", "stepdaughter", "stepson", "stepsister", "stepbrother", "half-sister",
    "half-brother", "twin", "kid", "child", "baby", "boy", "girl",
)  # fmt: skip
_KIN_WORDS = "(?:" + "|".join(_KIN_WORD_LIST) + ")"
# The same as `words()` finds them: a paragraph without any cannot state a family tie.
_KIN_WORD_SET = frozenset(
    part.encode("ascii") for word in _KIN_WORD_LIST for part in word.split("-")
)
_KIN_NAME = r"[A-Z][A-Za-z'\u2019.\-]*(?:[ \t]+[A-Z][A-Za-z'\u2019.\-]*){0,3}"
_KIN_SIZE = (
    r"(?:(?:little|big|baby|younger|older|kid|teenage|teenaged|adult|only|eldest|oldest"
    r"|youngest|twin|infant|newborn|grown|middle)\s+)?"
)
# Who is family: "ROSE ARDEN (86), Felix's grandmother" and "her little brother BENJI (8)".
_KIN_OWNER = r"(?P<owner>[A-Z][A-Za-z\-]*(?:'s|\u2019s)|[Hh]is|[Hh]er|[Tt]heir)"
_KIN = (
    re.compile(
        rf"(?P<name>{_KIN_NAME})(?:[ \t]*\([^()\n]{{1,20}}\))?,[ \t]+(?:[a-z]+[ \t]+)?"
        rf"{_KIN_OWNER}[ \t]+{_KIN_SIZE}{_KIN_WORDS}\b"
    ),
    re.compile(rf"\b{_KIN_OWNER}[ \t]+{_KIN_SIZE}{_KIN_WORDS},?[ \t]+(?P<name>{_KIN_NAME})"),
)
_GENERATION = 16
_YOUNG_CHILD = 13
_OLDER = 5
_ADVERBS_ONLY = re.compile(r"\s+(?:[a-z]+ly\s+|then\s+|now\s+|just\s+|also\s+|finally\s+)*")
_OBJECT_PRONOUN = re.compile(
    r"\s+(him|her)\b(?=\s*(?:[.,;:!?)\-]|$|(?:good\s*-?night|goodbye|good-bye|again|back|on|once"
    r"|gently|softly|tenderly|lightly|quickly|too|and|as|before|then|for|while)\b))"
)
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she)\b")
_MALE = frozenset({"he", "him", "his", "himself"})
_PLURAL = frozenset({"they", "them", "their", "themselves", "each other"})
_MALE_TITLES = frozenset({
    "MR", "MR.", "SIR", "LORD", "KING", "PRINCE", "FATHER", "UNCLE", "GRANDPA", "BROTHER",
    "MISTER", "DUKE", "COUNT", "BARON", "MONSIEUR", "SENOR", "HERR"
})  # fmt: skip
_FEMALE_TITLES = frozenset({
    "MRS", "MRS.", "MS", "MS.", "MISS", "LADY", "QUEEN", "PRINCESS", "MOTHER", "AUNT", "AUNTIE",
    "GRANDMA", "GRANNY", "NANA", "SISTER", "MADAM", "MADAME", "DUCHESS", "COUNTESS", "SENORA",
    "SENORITA", "FRAU", "DAME"
})  # fmt: skip
_POSSESSED = re.compile(r"\b(?:his|her|their)\s+$")
_MALE_NOUN_WORDS = frozenset({
    "boyfriend", "husband", "father", "dad", "son", "brother", "uncle", "man", "boy", "guy",
    "gentleman", "groom", "king", "prince", "widower", "actor", "waiter", "monk", "priest",
    "nephew", "grandson", "grandfather", "sir", "lord", "fiance", "bachelor", "businessman",
    "policeman", "fireman", "chairman", "councilman", "himself", "steward", "host"
})  # fmt: skip
_FEMALE_NOUN_WORDS = frozenset({
    "girlfriend", "wife", "mother", "mom", "mum", "daughter", "sister", "aunt", "woman", "girl",
    "lady", "bride", "queen", "princess", "widow", "actress", "waitress", "nun", "niece",
    "granddaughter", "grandmother", "maid", "hostess", "fiancee", "fianc\u00e9e", "matron",
    "mistress", "heroine", "businesswoman", "policewoman", "councilwoman", "herself",
    "stewardess", "lass", "dame"
})  # fmt: skip
_MALE_NOUNS = re.compile(rf"\b(?:{'|'.join(sorted(_MALE_NOUN_WORDS))})\b")
_FEMALE_NOUNS = re.compile(rf"\b(?:{'|'.join(sorted(_FEMALE_NOUN_WORDS))})\b")
# A noun matches only where it is one of the words of the window, as `\b` finds words.
_WORDS = re.compile(r"\b\w+")
_GENDER_VOTES = re.compile(r"\b(?:himself|herself|his|him|her|he|she|they)\b")
_OPENERS = frozenset({
    "then", "now", "finally", "suddenly", "meanwhile", "later", "still", "slowly", "quietly",
    "again", "and", "but", "so"
})  # fmt: skip
_PREVIOUS_WORD = re.compile(r"([a-z]+)\W*$")
_PLACE_WORDS = frozenset({
    "beside", "behind", "around", "near", "beneath", "under", "underneath", "above", "below",
    "over", "across", "inside", "within", "past", "along"
})  # fmt: skip
_SETTING_WORDS = frozenset({
    "up", "down", "upstairs", "downstairs", "outside", "inside", "across", "behind", "beside",
    "near", "under", "over", "above", "below", "in", "on", "at", "by", "from", "through", "later",
    "meanwhile", "nearby", "there", "here", "back", "out", "off", "onstage", "offstage",
    "afterwards", "overhead", "outdoors", "indoors", "elsewhere"
})  # fmt: skip
_OTHER_PREPOSITIONS = frozenset({
    "at", "to", "toward", "towards", "for", "with", "on", "onto", "into", "against", "from",
    "of", "by", "about", "after", "before", "than", "like", "between", "through"
})  # fmt: skip
_HER_AS_OBJECT = re.compile(
    r"\s*(?:[.,;:!?)\-]|$|(?:a|an|the|and|or|to|in|on|at|with|for|up|down|back|away|off|out"
    r"|again|close|closer|tight|tightly|go|in|into|over|as|from|by|hard|gently|softly|too"
    r"|now|then|here|there|alone|one|some|that|this|what|how|if|so|but)\b)"
)


# ------------------------------------------------------------------------------- text


def _fold(text: str) -> str:
    """Lower case, straight quotes, line breaks as spaces; one character for one, so offsets
    into the folded text are offsets into the element's text."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    if "\n" in lowered:
        lowered = lowered.replace("\n", " ")
    if (
        "\r" in lowered
        or "\t" in lowered
        or (not lowered.isascii() and _NEEDS_FOLDING.search(lowered))
    ):
        lowered = lowered.translate(_FOLD)
    return lowered


def _sentences(low: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(low):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(low) and low[start:].strip():
        spans.append((start, len(low)))
    return spans or [(0, len(low))]


def _clause_start(low: str, sentence_start: int, position: int) -> int:
    """Where the clause holding `position` begins: after punctuation, or at a conjunction."""
    start = sentence_start
    for match in lexicon.CLAUSE_BOUNDARY.finditer(low, sentence_start, position):
        start = match.start() if match.group()[0].isalpha() else match.end()
    return start


# ------------------------------------------------------------------------------ people


class _People:
    """Names as they appear in action, genders as the script's pronouns suggest."""

    def __init__(self, script: Script, cast: Cast) -> None:
        self.script = script
        self.cast = cast
        self._genders: dict[str, str | None] = {}
        self._mentions: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
        self._needles: dict[str, frozenset[str]] = {}
        self._minors: frozenset[str] | None = None
        self._runs: dict[str, tuple[tuple[int, int, tuple[str, ...]], ...]] = {}
        self._canonical: dict[str, str] = {}
        self._folded: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        self._relatives: set[frozenset[str]] | None = None
        # Each staged paragraph folded, with its words (a set once a cue may match), by the id
        # of its element.
        self.folded_elements: dict[int, tuple[str, list[bytes] | set[bytes]]] = {}
        # By the id of its element, each staged paragraph that some cue of `lexicon.EVIDENCE`
        # is worth trying on, with those cues (None until `_fold_all` has run).
        self.pending: dict[int, tuple[str, set[bytes], list[Cue]]] | None = None
        self.fixed_ages: dict[str, CharacterAge | None] = {}
        self._kin: frozenset[str] | None = None

    def fixed_age(self, name: str) -> CharacterAge | None:
        """The character's age for every scene of the script (None where it changes), made
        once and kept in `fixed_ages`."""
        stated = self.cast.statements.get(self.cast.canonical(name))
        if stated is not None and len(stated) > 1:
            found = None
        else:
            found = CharacterAge(name, stated[0].age if stated else None)
        self.fixed_ages[name] = found
        return found

    def canonical(self, name: str) -> str:
        """`cast.canonical`, remembered."""
        found = self._canonical.get(name)
        if found is None:
            found = self._canonical[name] = self.cast.canonical(name)
        return found

    def folded(self, text: str) -> tuple[str, list[tuple[int, int]]]:
        """A paragraph's folded text and its sentences, remembered."""
        found = self._folded.get(text)
        if found is None:
            low = _fold(text)
            found = self._folded[text] = (low, _sentences(low))
        return found

    def mentions(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, candidate characters) for each character name in `text[start:end]`."""
        found = self._mentions.get(text)
        if found is None:
            found = self._mentions[text] = self._find_mentions(text)
        if start == 0 and end is None:
            return found
        stop = len(text) if end is None else end
        return [item for item in found if start <= item[0] and item[1] <= stop]

    def _find_mentions(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        found: list[tuple[int, int, tuple[str, ...]]] = []
        if not self.cast.aliases:
            return found
        runs = self._runs
        for run in _CAP_RUN.finditer(text):
            word = run.group()
            names = runs.get(word)
            if names is None:
                names = runs[word] = self._names_in_run(word)
            if names:
                base = run.start()
                found.extend((base + start, base + end, owners) for start, end, owners in names)
        return found

    def _names_in_run(self, run: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
        """The names in a run of capitalised words, with offsets into the run: the longest
        alias (up to four words) at each word."""
        aliases = self.cast.aliases
        if " " not in run and "\t" not in run:
            key = _clean_token(run)
            owners = aliases.get(key) or aliases.get(key.rstrip("."))
            return ((0, len(run), owners),) if owners else ()
        found: list[tuple[int, int, tuple[str, ...]]] = []
        tokens = [(m.start(), m.end(), _clean_token(m.group())) for m in _TOKEN.finditer(run)]
        index = 0
        while index < len(tokens):
            for last in range(min(len(tokens), index + 4), index, -1):
                key = " ".join(token[2] for token in tokens[index:last])
                owners = aliases.get(key) or aliases.get(key.rstrip("."))
                if owners:
                    found.append((tokens[index][0], tokens[last - 1][1], owners))
                    index = last
                    break
            else:
                index += 1
        return tuple(found)

    def gender(self, name: str) -> str | None:
        if name not in self._genders:
            self._genders[name] = self._infer_gender(name)
        return self._genders[name]

    def minors(self) -> frozenset[str]:
        if self._minors is None:
            self._minors = self.cast.minors()
        return self._minors

    def related(self, first: str, second: str) -> bool:
        """Are the two characters family (parent, child, sibling, grandparent...)?"""
        relatives = self.relatives()
        return bool(relatives) and (
            frozenset((self.canonical(first), self.canonical(second))) in relatives
        )

    def relatives(self) -> set[frozenset[str]]:
        """Every pair of characters known to be family, found once."""
        if self._relatives is None:
            self._relatives = self._find_relatives()
        return self._relatives

    def kin(self) -> frozenset[str]:
        """The characters a family tie is known for, and those who are young children: the
        only ones a kiss can be familial for."""
        if self._kin is None:
            names = {name for pair in self.relatives() for name in pair}
            for name, stated in self.cast.statements.items():
                if any(item.age is not None and item.age < _YOUNG_CHILD for item in stated):
                    names.add(self.canonical(name))
            self._kin = frozenset(names)
        return self._kin

    def _find_relatives(self) -> set[frozenset[str]]:
        """Family ties the script states where it introduces a character ("her daughter MAYA
        (12)", "ROSE (86), Felix's grandmother"), and characters who share a surname a
        generation apart."""
        found: set[frozenset[str]] = set()
        scenes = self.script.scenes
        introductions = sorted(set(self.cast.introductions.values()))
        for scene_index, element_index in introductions:
            text = scenes[scene_index].elements[element_index].text
            if _KIN_WORD_SET.isdisjoint(lexicon.words(text)):
                continue
            for match in (match for pattern in _KIN for match in pattern.finditer(text)):
                this = self._named(match.group("name"))
                if this is None:
                    continue
                owner = match.group("owner")
                if owner.lower() in {"his", "her", "their"}:
                    other = self._last_named(text, 0, match.start(), this)
                else:
                    other = self._named(owner.removesuffix("'s").removesuffix("\u2019s"))
                if other is not None and other != this:
                    found.add(frozenset((this, other)))
        found |= self._same_family_name()
        return found

    def _named(self, text: str) -> str | None:
        """The character a name as written stands for, if the cast knows it ("Then MAYA" is
        MAYA: words before the name are dropped)."""
        tokens = name_tokens(text)
        for first in range(len(tokens)):
            owners = self.cast.aliases.get(" ".join(tokens[first:]))
            if owners:
                return self.canonical(owners[0])
        return None

    def _last_named(self, text: str, start: int, end: int, other_than: str) -> str | None:
        """The last character named in `text[start:end]`, other than `other_than`."""
        last = None
        for run in _CAP_RUN.finditer(text, start, end):
            for _name_start, _name_end, owners in self._names_in_run(run.group()):
                name = self.canonical(owners[0])
                if name != other_than:
                    last = name
        return last

    def _same_family_name(self) -> set[frozenset[str]]:
        """Characters whose full names share a surname and whose stated ages are a
        generation apart (sixteen years or more): parent and child, or grandparent."""
        by_surname: dict[str, list[tuple[str, int]]] = {}
        for name, full_names in self.cast.full_names.items():
            age = self.cast.approximate_age(name)
            if age is None:
                continue
            for full in full_names:
                tokens = [token for token in name_tokens(full) if token not in TITLES]
                if len(tokens) >= 2 and len(tokens[-1]) >= 2:
                    by_surname.setdefault(tokens[-1], []).append((self.canonical(name), age))
                    break
        found: set[frozenset[str]] = set()
        for members in by_surname.values():
            for index, (first, first_age) in enumerate(members):
                for second, second_age in members[index + 1 :]:
                    if first != second and abs(first_age - second_age) >= _GENERATION:
                        found.add(frozenset((first, second)))
        return found

    def needles(self, name: str) -> frozenset[str]:
        """The spellings under which `name` can appear in action ("Nora", "NORA BELL")."""
        found = self._needles.get(name)
        if found is None:
            forms = [form for form, owners in self.cast.aliases.items() if name in owners]
            found = frozenset(variant for form in forms for variant in (form, form.title()))
            self._needles[name] = found
        return found

    def _infer_gender(self, name: str) -> str | None:
        """From titles (MRS., LORD), then the pronouns that follow the character's name where
        the name opens a sentence, in the scene that introduces the character and the first
        scenes the character speaks in."""
        for full in self.cast.full_names.get(name, [name]):
            tokens = set(name_tokens(full))
            if tokens & _MALE_TITLES:
                return "m"
            if tokens & _FEMALE_TITLES:
                return "f"
        needles = self.needles(name)
        scenes = self.script.scenes
        intro = self.cast.introductions.get(name)
        places = [scenes[intro[0]]] if intro is not None else []
        places += [scene for scene in scenes if name in scene.characters][:_GENDER_SCENES]
        male = female = 0.0
        for scene in places:
            for element in scene.elements:
                if element.kind not in _PROSE:
                    continue
                text = element.text
                for needle in needles:
                    if needle in text:
                        break
                else:
                    continue
                m_votes, f_votes = self._votes(name, text)
                male += m_votes
                female += f_votes
            if abs(male - female) >= _GENDER_MARGIN:
                break
        if male >= 1 and male >= _GENDER_RATIO * female:
            return "m"
        if female >= 1 and female >= _GENDER_RATIO * male:
            return "f"
        return None

    def _votes(self, name: str, text: str) -> tuple[float, float]:
        """Votes from the sentences a character's name opens, read up to a new subject.

        A reflexive or "his own" is the character; so, more weakly, is a possessive or a
        pronoun after a word of place ("the book beside her"). "Him" or "her" as the object of
        a verb ("kisses him") is most likely someone of the other gender. Gendered nouns count
        in a sentence about the character alone ("her boyfriend RAY").
        """
        low, sentences = self.folded(text)
        votes = {"m": 0.0, "f": 0.0}
        mentions = self.mentions(text)
        for s0, s1 in sentences:
            inside = [item for item in mentions if s0 <= item[0] < s1]
            if not inside or name not in inside[0][2]:
                continue
            start, end, _owners = inside[0]
            if len(inside) == 1:
                before, after = (max(s0, start - 25), start), (end, min(s1, end + 45))
                near_before = _WORDS.findall(low, *before)
                near_after = _WORDS.findall(low, *after)
                for gender, nouns, words in (
                    ("m", _MALE_NOUNS, _MALE_NOUN_WORDS),
                    ("f", _FEMALE_NOUNS, _FEMALE_NOUN_WORDS),
                ):
                    if words.isdisjoint(near_before) and words.isdisjoint(near_after):
                        continue
                    if nouns.search(low, *before) or (
                        (noun := nouns.search(low, *after))
                        and not _POSSESSED.search(low, max(end, noun.start() - 8), noun.start())
                    ):
                        votes[gender] += 2.0
            opening = low[s0:start].strip(" \"'(*_-")
            if (opening and opening not in _OPENERS and not _scene_setting(opening)) or (
                low.startswith("'s", end)
            ):
                continue
            if low.startswith(" and ", end) or low.startswith(" & ", end):
                continue
            stop = inside[1][0] if len(inside) > 1 else s1
            for vote in _GENDER_VOTES.finditer(low, end, stop):
                word = vote.group()
                if word in {"he", "she", "they"}:
                    break
                gender = "m" if word in _MALE else "f"
                other = "f" if gender == "m" else "m"
                word_before = _PREVIOUS_WORD.search(low, max(end, vote.start() - 20), vote.start())
                previous = word_before.group(1) if word_before else ""
                if word in {"himself", "herself"} or low.startswith(" own", vote.end()):
                    votes[gender] += 3.0
                elif word == "his" or (word == "her" and not _HER_AS_OBJECT.match(low, vote.end())):
                    votes[gender] += 0.5
                elif previous in _PLACE_WORDS:
                    votes[gender] += 0.3
                elif previous not in _OTHER_PREPOSITIONS:
                    votes[other] += 0.3
        return votes["m"], votes["f"]


def _scene_setting(opening: str) -> bool:
    """An opening that only sets the scene before the name it leads to ("Up on the stand,",
    "Across the room,"): a phrase of place or time ending in a comma, with no name in it."""
    if not opening.endswith(",") or opening.count(",") > 1 or len(opening) > 40:
        return False
    first = opening.split(None, 1)[0].rstrip(",")
    return first in _SETTING_WORDS


def _clean_token(token: str) -> str:
    token = token.replace("\u2019", "'").upper()
    if token.endswith("'S"):
        token = token[:-2]
    return token.rstrip(",;:!?")


# ------------------------------------------------------------------------------- hits


@dataclass(slots=True)
class _Hit:
    cue: Cue
    index: int
    element: Element
    start: int
    end: int
    sentence: tuple[int, int]
    weights: dict[Category, float]
    signals: frozenset[Signal]


@dataclass(slots=True)
class _Paragraph:
    index: int
    element: Element
    low: str
    words: set[bytes] | None = None
    _spans: list[tuple[int, int]] | None = None
    _contexts: int = -1
    _wishes: dict[int, bool] = field(default_factory=dict)

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = _sentences(self.low)
        return self._spans

    def wished(self, s0: int, s1: int, position: int) -> bool:
        """Can `lexicon.IRREALIS` match in the sentence `s0:s1` before `position`? False when
        none of its words is in the sentence at all (found once per sentence). The pattern's
        words end in a letter and are followed by the rest of its sentence, so that test holds
        unless the word could end right at `position` (a letter on both sides)."""
        if position and (self.low[position - 1].isalnum() or self.low[position - 1] == "_"):
            return True
        found = self._wishes.get(s0)
        if found is None:
            found = self._wishes[s0] = lexicon.IRREALIS_WORDS.search(self.low, s0, s1) is not None
        return found

    @property
    def contexts(self) -> int:
        """Which staging contexts can occur in the paragraph at all (`_NEGATED`...), from its
        words: the regexes of the others need not run."""
        if self._contexts < 0:
            words = self.words if self.words is not None else set(lexicon.words(self.low))
            found = 0
            for flag, needed in _CONTEXT_WORDS:
                if not needed.isdisjoint(words):
                    found |= flag
            low = self.low
            if "advert" in low:
                found |= _DEPICTED
            for hint in lexicon.OFFSCREEN_HINTS:
                if hint in low:
                    found |= _HEARD
                    break
            self._contexts = found
        return self._contexts


_NEGATED, _APPROXIMATE, _DEPICTED, _ATTEMPTED, _HEARD = 1, 2, 4, 8, 16
_CONTEXT_WORDS = (
    (_NEGATED, lexicon.NEGATION_WORDS),
    (_APPROXIMATE, lexicon.APPROXIMATION_WORDS),
    (_DEPICTED, lexicon.DEPICTION_WORDS),
    (_ATTEMPTED, lexicon.ATTEMPT_WORDS),
)


@dataclass(slots=True)
class _SceneState:
    scene: Scene
    people: _People
    paragraphs: dict[int, _Paragraph] = field(default_factory=dict)
    hits: list[_Hit] = field(default_factory=list)
    mentioned: tuple[list[int], list[str]] | None = None
    staged: list[int] = field(default_factory=list)
    marked: dict[str, set[int]] = field(default_factory=dict)
    kin: bool | None = None


def _paragraph(state: _SceneState, index: int, low: str | None = None) -> _Paragraph:
    paragraph = state.paragraphs.get(index)
    if paragraph is None:
        element = state.scene.elements[index]
        if low is None:
            low = _fold(element.text)
        paragraph = _Paragraph(index, element, low)
        state.paragraphs[index] = paragraph
    return paragraph


def _sentence_of(sentences: Sequence[tuple[int, int]], position: int) -> tuple[int, int]:
    for span in sentences:
        if span[0] <= position < span[1]:
            return span
    return sentences[-1]


def _fold_all(people: _People, elements: list[Element]) -> None:
    """Fold these paragraphs, find their words and the cues worth trying on them in one go
    (what `_scan_element` would do for each with `lexicon.EVIDENCE`, without the cost of a
    call per paragraph). Kept by element; `people.pending` is left None when the paragraphs
    could not be folded together, and each is then scanned on its own."""
    if len(elements) < 2:
        return
    texts = [element.text for element in elements]
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return
    low = joined.lower()
    if len(low) != len(joined):
        return
    if "\n" in low:
        low = low.replace("\n", " ")
    if "\r" in low or "\t" in low or (not low.isascii() and _NEEDS_FOLDING.search(low)):
        low = low.translate(_FOLD)
    lows = low.split("\x00")
    parts = low.encode("ascii", "replace").translate(lexicon.LETTERS_AND_NUL).split(b"\x00")
    folded = people.folded_elements
    pending = people.pending = {}
    evidence = lexicon.EVIDENCE
    anchors = evidence.words
    for element, paragraph_low, part in zip(elements, lows, parts, strict=True):
        found = part.split()
        if anchors.isdisjoint(found):
            folded[id(element)] = (paragraph_low, found)
            continue
        words = set(found)
        folded[id(element)] = (paragraph_low, words)
        cues = evidence.candidates(words)
        if cues:
            pending[id(element)] = (paragraph_low, words, cues)


def _scan_element(state: _SceneState, index: int, cues_index: lexicon.CueIndex) -> None:
    element = state.scene.elements[index]
    folded = state.people.folded_elements.get(id(element))
    if folded is None:
        low = _fold(element.text)
        folded = state.people.folded_elements[id(element)] = (low, lexicon.words(low))
    low, found = folded
    if cues_index.words.isdisjoint(found):
        return
    if isinstance(found, set):
        words = found
    else:  # the words as a set, once some cue may match
        words = set(found)
        state.people.folded_elements[id(element)] = (low, words)
    cues = cues_index.candidates(words)
    if cues:
        _try_cues(state, index, low, words, cues)


def _try_cues(
    state: _SceneState, index: int, low: str, words: set[bytes], cues: Sequence[Cue]
) -> None:
    """Match these cues in a staged paragraph (folded `low`, its `words`) and judge each match."""
    paragraph = _paragraph(state, index, low)
    paragraph.words = words
    for cue in cues:
        for match in _matches(cue, low, words) if cue.starts else cue.pattern.finditer(low):
            hit = _judge(state, paragraph, cue, match)
            if hit is not None:
                state.hits.append(hit)


def _matches(cue: Cue, low: str, words: set[bytes]) -> list[re.Match[str]]:
    """Matches of a cue tried only where one of its starting words begins a word."""
    found: list[re.Match[str]] = []
    for raw in cue.starts.intersection(words):
        word = raw.decode("ascii")
        size = len(word)
        position = low.find(word)
        while position >= 0:
            after = position + size
            if (position == 0 or not low[position - 1].isalnum()) and (
                after == len(low) or not low[after].isalpha()
            ):
                match = cue.pattern.match(low, position)
                if match is not None:
                    found.append(match)
            position = low.find(word, after)
    found.sort(key=lambda match: match.start())
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


# A cue's weights as hits of full strength carry them (shared: hits never change theirs).
_WEIGHTS: dict[int, dict[Category, float]] = {}


def _judge(
    state: _SceneState, paragraph: _Paragraph, cue: Cue, match: re.Match[str]
) -> _Hit | None:
    low = paragraph.low
    start, end = match.span()
    if cue.word_start and start and (low[start - 1].isalnum() or low[start - 1] == "_"):
        return None
    if cue.not_before is not None and cue.not_before.search(low, max(0, start - 80), start):
        return None
    if cue.not_after is not None and cue.not_after.match(low, end):
        return None
    if cue.not_within is not None and cue.not_within.search(match.group()):
        return None
    s0, s1 = _sentence_of(paragraph.sentences, start)
    if cue.not_near is not None and cue.not_near.search(low, s0, s1):
        return None
    factor = _staging(state, paragraph, cue, match, (s0, s1))
    if factor is None:
        return None
    if cue.between and _family(state, paragraph, match, (s0, s1)):
        return None
    if factor == 1.0 and not cue.owner:
        weights = _WEIGHTS.get(id(cue))
        if weights is None:
            weights = _WEIGHTS[id(cue)] = {category: w for category, w in cue.weights.items() if w}
        if not weights and not cue.signals:
            return None
        return _Hit(
            cue, paragraph.index, paragraph.element, start, end, (s0, s1), weights, cue.signals
        )
    weights = dict(cue.weights)
    signals = cue.signals
    if cue.owner:
        garment = match.groupdict().get("garment")
        other = _is_someone_elses(state, paragraph, match, s0)
        if other is False:
            weights = dict(cue.self_weights)
            signals = cue.self_signals
            if garment in lexicon.FASTENINGS:
                weights.pop(Category.NUDITY, None)
            elif garment in lexicon.TOPS and _subject(state, paragraph, s0, start)[0] == "m":
                weights[Category.NUDITY] = min(weights.get(Category.NUDITY, 0.0), 0.3)
        elif other is None:
            weights = {category: w * _UNKNOWN_OWNER_FACTOR for category, w in weights.items()}
            signals = signals - {Signal.UNDRESS_OTHER}
            if garment in lexicon.FASTENINGS:
                signals = signals - {Signal.CONTACT}
        if garment in lexicon.NEXT_TO_SKIN and (weights or other is False):
            weights[Category.NUDITY] = max(weights.get(Category.NUDITY, 0.0), _NEXT_TO_SKIN)
    weights = {category: w * factor for category, w in weights.items() if w}
    if not weights and not signals:
        return None
    return _Hit(cue, paragraph.index, paragraph.element, start, end, (s0, s1), weights, signals)


def _staging(
    state: _SceneState,
    paragraph: _Paragraph,
    cue: Cue,
    match: re.Match[str],
    sentence: tuple[int, int],
) -> float | None:
    """1.0 when the beat is staged, a smaller factor for a bare attempt, None when it is not."""
    low = paragraph.low
    start = match.start()
    s0, s1 = sentence
    # Each pattern is tried on the whole sentence before it: where it does not match there it
    # cannot match in the clause, which then need not be found.
    contexts = paragraph.contexts
    mode = cue.mode
    clause = -1
    if contexts & _NEGATED and mode is not Mode.FIXED and lexicon.NEGATION.search(low, s0, start):
        clause = _clause_start(low, s0, start)
        if lexicon.NEGATION.search(low, clause, start):
            return None
    if (
        contexts & _APPROXIMATE
        and mode is Mode.ACT
        and lexicon.APPROXIMATION.search(low, s0, start)
    ):
        if clause < 0:
            clause = _clause_start(low, s0, start)
        if lexicon.APPROXIMATION.search(low, clause, start):
            return None
    if paragraph.wished(s0, s1, start) and lexicon.IRREALIS.search(low, s0, start):
        if clause < 0:
            clause = _clause_start(low, s0, start)
        if lexicon.IRREALIS.search(low, clause, start):
            return None
    if contexts & _DEPICTED and (
        lexicon.DEPICTION.search(low, s0, start)
        or lexicon.DEPICTED_AFTER.match(low, match.end(), min(s1, match.end() + 60))
    ):
        return None
    if contexts & _HEARD and mode is Mode.ACT and _offscreen(low, s0, s1):
        return None
    if contexts & _ATTEMPTED and mode is Mode.ACT and lexicon.ATTEMPT.search(low, s0, start):
        if clause < 0:
            clause = _clause_start(low, s0, start)
        if not lexicon.ATTEMPT.search(low, clause, start):
            return 1.0
        if lexicon.INTERRUPTION.search(low, match.end(), s1) or _interrupted_after(
            state, paragraph, s1
        ):
            return None
        return _ATTEMPT_FACTOR
    return 1.0


def _family(
    state: _SceneState, paragraph: _Paragraph, match: re.Match[str], sentence: tuple[int, int]
) -> bool:
    """Is this kiss between relatives ("Luz kisses Maya goodnight", Maya her daughter), or for
    a young child from someone much older? Not where the sentence makes it romantic ("on the
    mouth"). Only characters with a known family tie, or young children, are looked for."""
    low = paragraph.low
    s0, s1 = sentence
    people = state.people
    kin = people.kin()
    if not kin or not _kin_in_scene(state, kin) or lexicon.ROMANTIC_KISS.search(low, s0, s1):
        return False
    text = paragraph.element.text
    canonical = people.canonical
    end = match.end()
    kissed: str | None = None
    kisser: str | None = None
    for start, _stop, owners in people.mentions(text, end, s1):
        if not text[end:start].strip():
            kissed = canonical(_resolve(owners, state.scene))
        break
    if kissed is None:
        # "kisses him": the most recent character of that gender, other than whoever kisses.
        pronoun = _OBJECT_PRONOUN.match(low, end)
        if pronoun is None:
            return False
        earlier = _history(state, paragraph.index) + [
            _resolve(owners, state.scene)
            for _start, _stop, owners in people.mentions(text, s0, match.start())
        ]
        if not any(canonical(name) in kin for name in earlier):
            return False
        kisser = _kisser(state, paragraph, match, s0)
        found = _known_gender(
            state,
            [name for name in earlier if name != kisser],
            "m" if pronoun.group(1) == "him" else "f",
        )
        kissed = canonical(found) if found is not None else None
    if kissed is None or kissed not in kin:
        return False
    if kisser is None:
        kisser = _kisser(state, paragraph, match, s0)
    if kisser is None or canonical(kisser) == kissed:
        return False
    if people.related(kisser, kissed):
        return True
    cast = people.cast
    ordinal = state.scene.ordinal
    age = cast.age(kissed, ordinal)
    if age is None or age >= _YOUNG_CHILD:
        return False
    older = cast.age(kisser, ordinal)
    return older is None or older >= age + _OLDER


def _kin_in_scene(state: _SceneState, kin: frozenset[str]) -> bool:
    """Is any character of `kin` in the scene (speaking or named in it)? Found once."""
    if state.kin is None:
        canonical = state.people.canonical
        state.kin = any(canonical(name) in kin for name in state.scene.characters) or any(
            canonical(name) in kin for name in _history(state, len(state.scene.elements))
        )
    return state.kin


def _kisser(
    state: _SceneState, paragraph: _Paragraph, match: re.Match[str], sentence_start: int
) -> str | None:
    """Who gives a kiss: the name right before it ("Dexter gently kisses"), else the name that
    opens the sentence ("Greta crosses to Milo and kisses him"), else the character a "he" or
    "she" before it stands for."""
    text = paragraph.element.text
    start = match.start()
    named = state.people.mentions(text, sentence_start, start)
    if named:
        _last_start, last_end, owners = named[-1]
        if _ADVERBS_ONLY.fullmatch(paragraph.low, last_end, start):
            return _resolve(owners, state.scene)
        first_start, _first_end, first_owners = named[0]
        opening = paragraph.low[sentence_start:first_start].strip(" \"'(*_-")
        if not opening or opening in _OPENERS or _scene_setting(opening):
            return _resolve(first_owners, state.scene)
        return None
    pronoun = None
    for found in _SUBJECT_PRONOUN.finditer(paragraph.low, sentence_start, start):
        pronoun = found.group()
    if pronoun is None:
        return None
    return _known_gender(state, _history(state, paragraph.index), "m" if pronoun == "he" else "f")


def _known_gender(state: _SceneState, names: Sequence[str], gender: str) -> str | None:
    """The last of `names` known to be of `gender`."""
    for name in reversed(names):
        if state.people.gender(name) == gender:
            return name
    return None


def _offscreen(low: str, start: int, end: int) -> bool:
    sentence = low[start:end]
    for hint in lexicon.OFFSCREEN_HINTS:
        if hint in sentence:
            return lexicon.OFFSCREEN.search(sentence) is not None
    return False


def _interrupted_after(state: _SceneState, paragraph: _Paragraph, sentence_end: int) -> bool:
    """Does the next sentence (here or in the next staged paragraph) interrupt the attempt?"""
    low = paragraph.low
    for s0, s1 in paragraph.sentences:
        if s0 >= sentence_end:
            return bool(lexicon.INTERRUPTION.search(low, s0, s1))
    elements = state.scene.elements
    for index in range(paragraph.index + 1, len(elements)):
        element = elements[index]
        if element.kind is ElementKind.TRANSITION:
            return True
        if element.kind in _STAGED:
            following = _paragraph(state, index)
            f0, f1 = following.sentences[0]
            return bool(lexicon.INTERRUPTION.search(following.low, f0, f1))
    return False


def _subject(
    state: _SceneState, paragraph: _Paragraph, sentence_start: int, position: int
) -> tuple[str | None, str | None]:
    """(gender, name) of whoever acts at `position`: the nearest subject before it."""
    low = paragraph.low
    for window_start in (sentence_start, 0):
        pronouns = list(_SUBJECT.finditer(low, window_start, position))
        pronoun = pronouns[-1] if pronouns else None
        names = state.people.mentions(paragraph.element.text, window_start, position)
        name_hit = names[-1] if names else None
        if pronoun is not None and (name_hit is None or pronoun.start() > name_hit[0]):
            word = pronoun.group().split()[0]
            if word in {"he", "his"}:
                return "m", None
            if word in {"she", "her"}:
                return "f", None
            return "plural", None
        if name_hit is not None:
            name = _resolve(name_hit[2], state.scene)
            return state.people.gender(name), name
    if paragraph.element.kind is ElementKind.PARENTHETICAL and paragraph.element.speaker:
        name = state.people.cast.canonical(paragraph.element.speaker)
        return state.people.gender(name), name
    return None, None


def _is_someone_elses(
    state: _SceneState, paragraph: _Paragraph, match: re.Match[str], sentence_start: int
) -> bool | None:
    """Whose clothes or body: True someone else's, False the actor's own, None unknown."""
    poss = match.group("poss")
    if _OWN.search(match.group()):
        return False
    if poss in {"each other's", "one another's"}:
        return True
    gender, name = _subject(state, paragraph, sentence_start, match.start())
    if poss == "their":
        return True if gender == "plural" else None
    if poss.endswith("'s"):
        owners = state.people.cast.aliases.get(poss[:-2].upper(), ())
        if name is not None and name in owners:
            return False
        return True if gender is not None or name is not None else None
    owner_gender = "m" if poss == "his" else "f"
    if gender in {"m", "f"}:
        return gender != owner_gender
    if gender == "plural":
        return True
    return None


def _resolve(candidates: Sequence[str], scene: Scene) -> str:
    if len(candidates) == 1:
        return candidates[0]
    present = _present(tuple(scene.characters))
    for candidate in candidates:
        if candidate in present:
            return candidate
    return candidates[0]


@lru_cache(maxsize=256)
def _present(characters: tuple[str, ...]) -> frozenset[str]:
    return frozenset(cue_name(name) for name in characters)


# ------------------------------------------------------------------------------ scene


@dataclass(slots=True)
class _Evidence:
    weight: float
    hits: list[_Hit]


def analyze(script: Script) -> Breakdown:
    """Flag every scene of `script`."""
    cast = read_cast(script)
    people = _People(script, cast)
    _fold_all(
        people,
        [
            element
            for scene in script.scenes
            for element in scene.elements
            if element.kind in _STAGED
        ],
    )
    return Breakdown(script=script, scenes=[_analyze(scene, people) for scene in script.scenes])


def analyze_scene(scene: Scene, script: Script | None = None) -> SceneBreakdown:
    """Flag one scene; ages and names come from `script` when given (else the scene alone)."""
    context = script or Script(title=None, format="fountain", pages=1, scenes=[scene])
    return _analyze(scene, _People(context, read_cast(context)))


def _analyze(scene: Scene, people: _People) -> SceneBreakdown:
    state = _SceneState(scene, people)
    elements = scene.elements
    staged = state.staged = [
        index for index, element in enumerate(elements) if element.kind in _STAGED
    ]
    pending = people.pending
    if pending is None:
        for index in staged:
            _scan_element(state, index, lexicon.EVIDENCE)
    elif pending:
        for index in staged:
            found = pending.get(id(elements[index]))
            if found is not None:  # else no cue is worth trying (`_fold_all`)
                _try_cues(state, index, *found)
    if not state.hits:
        return SceneBreakdown(
            scene=scene,
            characters=_characters(state, flagged=False),
            flags=[],
            minor=False,
            severity=None,
        )
    scores = _scores(state)
    flags = _flags(state, scores)
    categories = {flag.category for flag in flags}
    minor = bool(categories) and _involves_minor(state, scores)
    return SceneBreakdown(
        scene=scene,
        characters=_characters(state, flagged=bool(categories)),
        flags=flags,
        minor=minor,
        severity=severity_of(categories, minor=minor),
    )


def _scores(state: _SceneState) -> dict[Category, dict[str, _Evidence]]:
    """Per category, the strongest evidence of each distinct cue, after scene-level rules."""
    scores: dict[Category, dict[str, _Evidence]] = {category: {} for category in _CATEGORY_ORDER}
    hits = state.hits
    consensual = any(
        hit.weights.get(Category.KISS, 0) or hit.weights.get(Category.SIMULATED_SEX, 0)
        for hit in hits
    )
    resisted: bool | None = None
    for hit in list(hits):
        for category, weight in hit.weights.items():
            if (
                category is Category.SEXUAL_VIOLENCE
                and Signal.GROPE in hit.signals
                and (consensual or _playful(state, hit))
            ):
                if resisted is None:
                    _markers(state, state.staged, "hold", "response")
                    resisted = any(Signal.RESISTANCE in item.signals for item in state.hits)
                if not resisted:
                    continue
            _add(scores, category, hit.cue.name, weight, [hit])
    _coercion(state, scores)
    _implied_sex(state, scores)
    for source, target, factor in (
        (Category.SIMULATED_SEX, Category.INTIMATE_TOUCH, _SEX_IMPLIES_TOUCH),
        (Category.SEXUAL_VIOLENCE, Category.INTIMATE_TOUCH, _VIOLENCE_IMPLIES_TOUCH),
    ):
        if _combined(scores[source]) < lexicon.THRESHOLD:
            continue
        # A kiss forced on someone is sexual violence, but no touching beyond a kiss.
        items = {
            key: item
            for key, item in scores[source].items()
            if source is not Category.SEXUAL_VIOLENCE or not _only_a_kiss(item.hits)
        }
        score = _combined(items)
        if score >= lexicon.THRESHOLD:
            evidence = [hit for item in items.values() for hit in item.hits]
            _add(scores, target, f"implied by {source.value}", score * factor, evidence)
    return scores


def _only_a_kiss(hits: Iterable[_Hit]) -> bool:
    """Is the sexual contact in these beats a kiss and nothing more?"""
    weighted = [hit for hit in hits if hit.weights]
    return bool(weighted) and all(
        Category.KISS in hit.weights and Category.INTIMATE_TOUCH not in hit.weights
        for hit in weighted
    )


def _add(
    scores: dict[Category, dict[str, _Evidence]],
    category: Category,
    key: str,
    weight: float,
    hits: list[_Hit],
) -> None:
    current = scores[category].get(key)
    if current is None or weight > current.weight:
        scores[category][key] = _Evidence(weight, hits)
    elif weight == current.weight:
        current.hits.extend(hits)


def _combined(evidence: dict[str, _Evidence]) -> float:
    remaining = 1.0
    for item in evidence.values():
        remaining *= 1.0 - min(item.weight, 0.99)
    return 1.0 - remaining


def _playful(state: _SceneState, hit: _Hit) -> bool:
    s0, s1 = hit.sentence
    return bool(lexicon.PLAYFUL.search(_paragraph(state, hit.index).low, s0, s1))


def _coercion(state: _SceneState, scores: dict[Category, dict[str, _Evidence]]) -> None:
    """Sexual violence from beats close together: sexual contact met with resistance that is
    not heeded (the person is held, or has to fight), or someone held and fighting while the
    other undresses. Nothing here if the scene shows both taking part."""
    contact = [
        hit
        for hit in state.hits
        if Signal.CONTACT in hit.signals or hit.weights.get(Category.KISS, 0) >= lexicon.THRESHOLD
    ]
    undressing = [hit for hit in state.hits if Signal.UNDRESS in hit.signals]
    if not contact and not undressing:
        return
    windows = {
        index
        for hit in contact + undressing
        for index in range(hit.index - _COERCION_WINDOW, hit.index + _COERCION_WINDOW + 1)
    }
    _markers(state, windows, "hold")
    hits = state.hits
    restraint = [hit for hit in hits if Signal.RESTRAINT in hit.signals]
    struggle = [hit for hit in hits if Signal.STRUGGLE in hit.signals]
    if not restraint and not struggle:
        return
    _markers(state, windows, "response")
    hits = state.hits
    resistance = [hit for hit in hits if Signal.RESISTANCE in hit.signals]
    spoken = _spoken(state, lexicon.SPOKEN_RESISTANCE, windows)
    mutual = {hit.index for hit in hits if Signal.MUTUAL in hit.signals}
    for sexual in contact + undressing:
        low, high = sexual.index - _COERCION_WINDOW, sexual.index + _COERCION_WINDOW
        if any(low <= index <= high for index in mutual):
            continue
        held = [hit for hit in restraint if low <= hit.index <= high]
        fought = [hit for hit in resistance if low <= hit.index <= high]
        struggled = [hit for hit in struggle if low <= hit.index <= high]
        said = any(low <= index <= high for index in spoken)
        touched = Signal.CONTACT in sexual.signals or sexual in contact
        if (held and (fought or said)) or (struggled and (touched or held)):
            evidence = [sexual, *held, *fought]
            _add(scores, Category.SEXUAL_VIOLENCE, "coercion", _COERCION, evidence)
            return


def _markers(state: _SceneState, indexes: Iterable[int], *groups: str) -> None:
    """Read the scene-level markers of `groups` (see `lexicon.MARKER_GROUPS`) in the staged
    paragraphs among `indexes` not read for them yet. Only the rules that need markers ask,
    only for the paragraphs they look at, and only for the markers they use."""
    wanted = set(indexes)
    for group in groups:
        marked = state.marked.setdefault(group, set())
        todo = wanted - marked
        if not todo:
            continue
        marked.update(todo)
        cues = lexicon.MARKER_GROUPS[group]
        for index in state.staged:
            if index in todo:
                _scan_element(state, index, cues)


def _spoken(
    state: _SceneState, pattern: re.Pattern[str], near: Iterable[int] | None = None
) -> list[int]:
    """The dialogue paragraphs (among `near`, when given) where `pattern` is said."""
    elements = state.scene.elements
    indexes = range(len(elements)) if near is None else sorted(near)
    return [
        index
        for index in indexes
        if 0 <= index < len(elements)
        and elements[index].kind is ElementKind.DIALOGUE
        and pattern.search(_fold(elements[index].text))
    ]


def _implied_sex(state: _SceneState, scores: dict[Category, dict[str, _Evidence]]) -> None:
    """Undressing, then the scene cuts or fades away: simulated sex is implied (unless what
    the scene shows is an assault: the cut then spares the audience, and sexual violence is
    already flagged)."""
    if _combined(scores[Category.SIMULATED_SEX]) >= lexicon.THRESHOLD:
        return
    if _combined(scores[Category.SEXUAL_VIOLENCE]) >= lexicon.THRESHOLD:
        return
    intimate = max(_combined(scores[Category.KISS]), _combined(scores[Category.INTIMATE_TOUCH]))
    if intimate < lexicon.THRESHOLD:
        return
    undressing = [
        hit
        for hit in state.hits
        if Signal.UNDRESS_OTHER in hit.signals
        or (Signal.UNDRESS in hit.signals and hit.weights.get(Category.NUDITY, 0) >= 0.5)
    ]
    if not undressing:
        return
    last = max(undressing, key=lambda hit: (hit.index, hit.start))
    _markers(state, (index for index in state.staged if index >= last.index), "ending")
    elements = state.scene.elements
    ending: list[_Hit] = []
    staged_after = 0
    for hit in state.hits:
        after = hit.index > last.index or (hit.index == last.index and hit.start > last.start)
        if after and Signal.INTERRUPTION in hit.signals:
            return
        if after and Signal.DARKNESS in hit.signals:
            ending.append(hit)
    if any(index > last.index for index in _spoken(state, lexicon.SPOKEN_INTERRUPTION)):
        return
    cut: int | None = None
    for index in range(last.index + 1, len(elements)):
        element = elements[index]
        if element.kind is ElementKind.TRANSITION and lexicon.TRANSITION_CUT.search(
            _fold(element.text)
        ):
            cut = index
            break
        if element.kind in _STAGED:
            staged_after += 1
    if ending or cut is not None or staged_after < _END_OF_SCENE:
        evidence = [last, *ending]
        if cut is not None:
            element = elements[cut]
            evidence.append(
                _Hit(last.cue, cut, element, 0, 0, (0, len(element.text)), {}, frozenset())
            )
        _add(scores, Category.SIMULATED_SEX, "implied by a cut", _IMPLIED_SEX, evidence)


def _flags(state: _SceneState, scores: dict[Category, dict[str, _Evidence]]) -> list[Flag]:
    flags: list[Flag] = []
    for category in _CATEGORY_ORDER:
        score = _combined(scores[category])
        if score < lexicon.THRESHOLD:
            continue
        hits = [hit for item in scores[category].values() for hit in item.hits]
        flags.append(Flag(category, round(min(score, 0.99), 2), _evidence(hits)))
    return flags


def _evidence(hits: Iterable[_Hit]) -> tuple[Evidence, ...]:
    """The source lines a beat spans (a paragraph laid out like a page wraps), as written."""
    seen: dict[int, Evidence] = {}
    for hit in hits:
        text = hit.element.text
        if "\n" not in text:
            if hit.element.line not in seen:
                seen[hit.element.line] = Evidence(hit.element.line, text.strip())
            continue
        lines = text.split("\n")
        first = text.count("\n", 0, hit.start)
        last = first + text.count("\n", hit.start, max(hit.start, hit.end - 1))
        for offset in range(first, min(last, len(lines) - 1) + 1):
            line = hit.element.line + offset
            seen.setdefault(line, Evidence(line, lines[offset].strip() or text.strip()))
    return tuple(seen[line] for line in sorted(seen))


# ------------------------------------------------------------------------------ minors


def _involves_minor(state: _SceneState, scores: dict[Category, dict[str, _Evidence]]) -> bool:
    scene = state.scene
    cast = state.people.cast
    minors = state.people.minors()
    present = bool(minors) and (
        any(state.people.canonical(name) in minors for name in scene.characters)
        or any(name in minors for name in _history(state, len(scene.elements)))
    )
    young_scene: bool | None = None
    if not present:
        young_scene = _scene_is_young(state)
        if not young_scene:
            return False
    flagged = [
        hit
        for category in _CATEGORY_ORDER
        if _combined(scores[category]) >= lexicon.THRESHOLD
        for item in scores[category].values()
        for hit in item.hits
        if hit.weights
    ]
    for hit in flagged:
        paragraph = _paragraph(state, hit.index)
        s0, s1 = hit.sentence
        if _young_words(paragraph.low, s0, s1):
            return True
        minor, anyone = _participants(state, hit, lambda name: cast.is_minor(name, scene.ordinal))
        if minor:
            return True
        if not anyone:
            if young_scene is None:
                young_scene = _scene_is_young(state)
            if young_scene:
                return True
    return False


def _young_words(low: str, start: int, end: int) -> bool:
    text = low[start:end]
    for hint in lexicon.YOUTH_HINTS:
        if hint in text:
            break
    else:
        return False
    for match in lexicon.YOUTH.finditer(low, start, end):
        if not lexicon.YOUTH_NOT_BEFORE.search(low, max(0, match.start() - 40), match.start()):
            return True
    return False


def _scene_is_young(state: _SceneState) -> bool:
    folded = state.people.folded_elements
    elements = state.scene.elements
    lows = [
        folded[id(elements[index])][0]
        if id(elements[index]) in folded
        else _paragraph(state, index).low
        for index in state.staged
    ]
    scene_text = "\n".join(lows)
    for hint in lexicon.YOUTH_HINTS:  # "teen" among them
        if hint in scene_text:
            break
    else:
        return False
    for low in lows:
        if _young_words(low, 0, len(low)) or ("teen" in low and lexicon.GROUP_AGES.search(low)):
            return True
    return False


def _participants(
    state: _SceneState, hit: _Hit, is_minor: Callable[[str], bool]
) -> tuple[bool, bool]:
    """Whether the characters a beat involves (named in its sentence or pointed to by its
    pronouns) include a minor, and whether they include anyone. A pronoun is resolved only
    where the answer can depend on it."""
    paragraph = _paragraph(state, hit.index)
    text, low = paragraph.element.text, paragraph.low
    s0, s1 = hit.sentence
    people = state.people
    scene = state.scene
    anyone = False
    named = people.mentions(text, s0, s1)
    for _start, end, owners in named:
        if lexicon.OBSERVER.match(low, end):
            continue
        if is_minor(_resolve(owners, scene)):
            return True, True
        anyone = True
    if paragraph.element.kind is ElementKind.PARENTHETICAL and paragraph.element.speaker:
        if is_minor(people.cast.canonical(paragraph.element.speaker)):
            return True, True
        anyone = True
    history: list[str] | None = None
    chosen_for: dict[str, set[str]] = {"m": set(), "f": set()}
    for pronoun in _PRONOUN.finditer(low, s0, s1):
        word = pronoun.group()
        if lexicon.OBSERVER.match(low, pronoun.end()) and word in {"he", "she", "they"}:
            continue
        if history is None:
            history = _history(state, hit.index)
        earlier = history + [
            _resolve(owners, scene) for start, _end, owners in named if start < pronoun.start()
        ]
        if word in _PLURAL:
            distinct: list[str] = []
            for name in reversed(earlier):
                if name not in distinct:
                    distinct.append(name)
                if len(distinct) == 2:
                    break
            if any(is_minor(name) for name in distinct):
                return True, True
            anyone = anyone or bool(distinct)
            continue
        wanted = "m" if word in _MALE else "f"
        # "he rubs lotion into her shoulders": "her" is not whoever "he" is.
        others = chosen_for["f" if wanted == "m" else "m"]
        if others:
            earlier = [name for name in earlier if name not in others]
        if not earlier or (anyone and not any(is_minor(name) for name in earlier)):
            continue  # whoever it is, the answer stays the same
        chosen = _most_recent(people, earlier, wanted)
        if chosen is not None:
            if is_minor(chosen):
                return True, True
            anyone = True
            chosen_for[wanted].add(chosen)
    return False, anyone


def _most_recent(people: _People, names: Sequence[str], gender: str) -> str | None:
    fallback = None
    for name in reversed(names):
        found = people.gender(name)
        if found == gender:
            return name
        if found is None and fallback is None:
            fallback = name
    return fallback


def _history(state: _SceneState, before: int) -> list[str]:
    """Characters in the order the scene brings them up, up to paragraph `before`."""
    if state.mentioned is None:
        indexes: list[int] = []
        names: list[str] = []
        scene = state.scene
        people = state.people
        for index, element in enumerate(scene.elements):
            kind = element.kind
            if kind is ElementKind.CHARACTER:
                indexes.append(index)
                names.append(people.canonical(element.text))
            elif kind in _PROSE:
                for _start, _end, owners in people.mentions(element.text):
                    indexes.append(index)
                    names.append(owners[0] if len(owners) == 1 else _resolve(owners, scene))
        state.mentioned = (indexes, names)
    indexes, names = state.mentioned
    return names[: bisect_left(indexes, before)]


def _characters(state: _SceneState, *, flagged: bool) -> list[CharacterAge]:
    people = state.people
    cast = people.cast
    scene = state.scene
    names: list[str] = []
    for name in scene.characters:
        canonical = people.canonical(name)
        if canonical and canonical not in names:
            names.append(canonical)
    if flagged:
        for name in _history(state, len(scene.elements)):
            if name not in names:
                names.append(name)
    ordinal = scene.ordinal
    fixed = people.fixed_ages
    ages: list[CharacterAge] = []
    for name in names:
        age = fixed.get(name)
        if age is None:
            if name in fixed:  # an age that changes over the script
                age = CharacterAge(name, cast.age(name, ordinal))
            else:
                age = people.fixed_age(name) or CharacterAge(name, cast.age(name, ordinal))
        ages.append(age)
    return ages
