"""Flag the scenes of a screenplay that stage intimate content, and who takes part.

`analyze(script)` reads every scene's action, shots and parentheticals (never dialogue: talk
about sex is not staged) sentence by sentence with the cues of `lexicon.py`. A cue counts
when its beat is staged: not negated ("they don't kiss", "without kissing"), not only
approached ("she almost kisses him"), not wished, planned, remembered, rumoured or told,
not only heard or off screen, not a picture. Evidence for a category combines across
distinct cues (noisy-or); a category is flagged at `lexicon.THRESHOLD`.

Scene-level rules add what no single sentence says: simulated sex implied by a cut or a fade
after undressing; sexual violence where someone is restrained and touched while resisting;
intimate touch implied by simulated sex and by sexual violence. A scene is `minor` when a
character known to be under 18 takes part in a flagged beat: the people named in its
sentence, its pronouns resolved to the most recent character of matching gender, or words
placing young people there ("a junior girl"). Watching is not taking part.

Every flag carries the source lines that triggered it, as written, so a coordinator can find
them. The whole pass is linear in the script and compiles nothing per call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from closedset.breakdown import lexicon
from closedset.breakdown.ages import Cast, cue_name, name_tokens, read_cast
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
# Beats whose reading depends on the rest of the scene (coercion, implied sex, consent).
_NEEDS_MARKERS = frozenset({Signal.CONTACT, Signal.UNDRESS, Signal.UNDRESS_OTHER, Signal.GROPE})

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
    r"[.!?]+(?<!\bmr\.)(?<!\bmrs\.)(?<!\bms\.)(?<!\bdr\.)(?<!\bst\.)(?<!\bjr\.)(?<!\bsr\.)"
    r"(?<!\bvs\.)(?<!\betc\.)(?<!\bno\.)(?<!\bprof\.)(?<!\blt\.)(?<!\bsgt\.)(?<!\bcapt\.)"
    r"(?<!\bdet\.)(?<!\brev\.)(?<!\bmt\.)(?<!\bmx\.)(?<![\s.][a-z]\.)[\"')\]]*(?=\s|$)"
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
_MALE_NOUNS = re.compile(
    r"\b(?:boyfriend|husband|father|dad|son|brother|uncle|man|boy|guy|gentleman|groom|king"
    r"|prince|widower|actor|waiter|monk|priest|nephew|grandson|grandfather|sir|lord|fiance"
    r"|bachelor|businessman|policeman|fireman|chairman|councilman|himself|steward|host)\b"
)
_FEMALE_NOUNS = re.compile(
    r"\b(?:girlfriend|wife|mother|mom|mum|daughter|sister|aunt|woman|girl|lady|bride|queen"
    r"|princess|widow|actress|waitress|nun|niece|granddaughter|grandmother|maid|hostess"
    r"|fiancee|fianc\u00e9e|matron|mistress|heroine|businesswoman|policewoman|councilwoman"
    r"|herself|stewardess|lass|dame)\b"
)
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
    if _NEEDS_FOLDING.search(lowered):
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
        aliases = self.cast.aliases
        if not aliases:
            return found
        for run in _CAP_RUN.finditer(text):
            word = run.group()
            if " " not in word and "\t" not in word:
                key = _clean_token(word)
                owners = aliases.get(key) or aliases.get(key.rstrip("."))
                if owners:
                    found.append((run.start(), run.end(), owners))
                continue
            tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(word)]
            base = run.start()
            index = 0
            while index < len(tokens):
                matched = False
                for last in range(min(len(tokens), index + 4), index, -1):
                    key = " ".join(_clean_token(token[2]) for token in tokens[index:last])
                    owners = aliases.get(key) or aliases.get(key.rstrip("."))
                    if owners:
                        found.append((base + tokens[index][0], base + tokens[last - 1][1], owners))
                        index = last
                        matched = True
                        break
                if not matched:
                    index += 1
        return found

    def gender(self, name: str) -> str | None:
        if name not in self._genders:
            self._genders[name] = self._infer_gender(name)
        return self._genders[name]

    def minors(self) -> frozenset[str]:
        if self._minors is None:
            self._minors = self.cast.minors()
        return self._minors

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
                text = element.text
                if element.kind in _PROSE and any(needle in text for needle in needles):
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
        low = _fold(text)
        votes = {"m": 0.0, "f": 0.0}
        mentions = self.mentions(text)
        for s0, s1 in _sentences(low):
            inside = [item for item in mentions if s0 <= item[0] < s1]
            if not inside or name not in inside[0][2]:
                continue
            start, end, _owners = inside[0]
            if len(inside) == 1:
                before, after = (max(s0, start - 25), start), (end, min(s1, end + 45))
                for gender, nouns in (("m", _MALE_NOUNS), ("f", _FEMALE_NOUNS)):
                    if nouns.search(low, *before) or (
                        (noun := nouns.search(low, *after))
                        and not _POSSESSED.search(low, max(end, noun.start() - 8), noun.start())
                    ):
                        votes[gender] += 2.0
            opening = low[s0:start].strip(" \"'(*_-")
            if (opening and opening not in _OPENERS) or low.startswith("'s", end):
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
    _spans: list[tuple[int, int]] | None = None

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = _sentences(self.low)
        return self._spans


@dataclass(slots=True)
class _SceneState:
    scene: Scene
    people: _People
    paragraphs: dict[int, _Paragraph] = field(default_factory=dict)
    words: dict[int, tuple[str, list[bytes]]] = field(default_factory=dict)
    hits: list[_Hit] = field(default_factory=list)
    mentioned: list[tuple[int, str]] | None = None


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


def _scan_element(state: _SceneState, index: int, cues_index: lexicon.CueIndex) -> None:
    folded = state.words.get(index)
    if folded is None:
        low = _fold(state.scene.elements[index].text)
        folded = state.words[index] = (low, lexicon.words(low))
    low, words = folded
    cues = cues_index.candidates(words)
    if not cues:
        return
    paragraph = _paragraph(state, index, low)
    for cue in cues:
        for match in _matches(cue, low, words) if cue.starts else cue.pattern.finditer(low):
            hit = _judge(state, paragraph, cue, match)
            if hit is not None:
                state.hits.append(hit)


def _matches(cue: Cue, low: str, words: list[bytes]) -> list[re.Match[str]]:
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
    clause = _clause_start(low, s0, start)
    if cue.mode is not Mode.FIXED and lexicon.NEGATION.search(low, clause, start):
        return None
    if cue.mode is Mode.ACT and lexicon.APPROXIMATION.search(low, clause, start):
        return None
    if lexicon.IRREALIS.search(low, clause, start):
        return None
    if lexicon.DEPICTION.search(low, s0, start) or lexicon.DEPICTED_AFTER.match(
        low, match.end(), min(s1, match.end() + 60)
    ):
        return None
    if cue.mode is Mode.ACT and _offscreen(low, s0, s1):
        return None
    if cue.mode is Mode.ACT and lexicon.ATTEMPT.search(low, clause, start):
        if lexicon.INTERRUPTION.search(low, match.end(), s1) or _interrupted_after(
            state, paragraph, s1
        ):
            return None
        return _ATTEMPT_FACTOR
    return 1.0


def _offscreen(low: str, start: int, end: int) -> bool:
    sentence = low[start:end]
    return any(hint in sentence for hint in lexicon.OFFSCREEN_HINTS) and bool(
        lexicon.OFFSCREEN.search(sentence)
    )


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
    present = {cue_name(name) for name in scene.characters}
    for candidate in candidates:
        if candidate in present:
            return candidate
    return candidates[0]


# ------------------------------------------------------------------------------ scene


@dataclass(slots=True)
class _Evidence:
    weight: float
    hits: list[_Hit]


def analyze(script: Script) -> Breakdown:
    """Flag every scene of `script`."""
    cast = read_cast(script)
    people = _People(script, cast)
    return Breakdown(script=script, scenes=[_analyze(scene, people) for scene in script.scenes])


def analyze_scene(scene: Scene, script: Script | None = None) -> SceneBreakdown:
    """Flag one scene; ages and names come from `script` when given (else the scene alone)."""
    context = script or Script(title=None, format="fountain", pages=1, scenes=[scene])
    return _analyze(scene, _People(context, read_cast(context)))


def _analyze(scene: Scene, people: _People) -> SceneBreakdown:
    state = _SceneState(scene, people)
    staged = [index for index, element in enumerate(scene.elements) if element.kind in _STAGED]
    for index in staged:
        _scan_element(state, index, lexicon.EVIDENCE)
    if not state.hits:
        return SceneBreakdown(
            scene=scene,
            characters=_characters(state, flagged=False),
            flags=[],
            minor=False,
            severity=None,
        )
    if any(_NEEDS_MARKERS & hit.signals or Category.KISS in hit.weights for hit in state.hits):
        for index in staged:
            _scan_element(state, index, lexicon.SCENE_MARKERS)
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
    scores: dict[Category, dict[str, _Evidence]] = {category: {} for category in Category}
    hits = state.hits
    consensual = any(
        hit.weights.get(Category.KISS, 0) or hit.weights.get(Category.SIMULATED_SEX, 0)
        for hit in hits
    )
    resisted = any(Signal.RESISTANCE in hit.signals for hit in hits)
    for hit in hits:
        for category, weight in hit.weights.items():
            if (
                category is Category.SEXUAL_VIOLENCE
                and Signal.GROPE in hit.signals
                and not resisted
                and (consensual or _playful(state, hit))
            ):
                continue
            _add(scores, category, hit.cue.name, weight, [hit])
    _coercion(state, scores)
    _implied_sex(state, scores)
    for source, target, factor in (
        (Category.SIMULATED_SEX, Category.INTIMATE_TOUCH, _SEX_IMPLIES_TOUCH),
        (Category.SEXUAL_VIOLENCE, Category.INTIMATE_TOUCH, _VIOLENCE_IMPLIES_TOUCH),
    ):
        score = _combined(scores[source])
        if score >= lexicon.THRESHOLD:
            evidence = [hit for item in scores[source].values() for hit in item.hits]
            _add(scores, target, f"implied by {source.value}", score * factor, evidence)
    return scores


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
    hits = state.hits
    restraint = [hit for hit in hits if Signal.RESTRAINT in hit.signals]
    struggle = [hit for hit in hits if Signal.STRUGGLE in hit.signals]
    if not restraint and not struggle:
        return
    contact = [
        hit
        for hit in hits
        if Signal.CONTACT in hit.signals or hit.weights.get(Category.KISS, 0) >= lexicon.THRESHOLD
    ]
    undressing = [hit for hit in hits if Signal.UNDRESS in hit.signals]
    if not contact and not undressing:
        return
    resistance = [hit for hit in hits if Signal.RESISTANCE in hit.signals]
    spoken = _spoken(state, lexicon.SPOKEN_RESISTANCE)
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


def _spoken(state: _SceneState, pattern: re.Pattern[str]) -> list[int]:
    return [
        index
        for index, element in enumerate(state.scene.elements)
        if element.kind is ElementKind.DIALOGUE and pattern.search(_fold(element.text))
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
        any(cast.canonical(name) in minors for name in scene.characters)
        or any(name in minors for name in _history(state, len(scene.elements)))
    )
    young_scene: bool | None = None
    if not present:
        young_scene = _scene_is_young(state)
        if not young_scene:
            return False
    flagged = [
        hit
        for category in Category
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
        people = _participants(state, hit)
        if any(cast.is_minor(name, scene.ordinal) for name in people):
            return True
        if not people:
            if young_scene is None:
                young_scene = _scene_is_young(state)
            if young_scene:
                return True
    return False


def _young_words(low: str, start: int, end: int) -> bool:
    text = low[start:end]
    if not any(hint in text for hint in lexicon.YOUTH_HINTS):
        return False
    for match in lexicon.YOUTH.finditer(low, start, end):
        if not lexicon.YOUTH_NOT_BEFORE.search(low, max(0, match.start() - 40), match.start()):
            return True
    return False


def _scene_is_young(state: _SceneState) -> bool:
    for index, element in enumerate(state.scene.elements):
        if element.kind not in _STAGED:
            continue
        low = _paragraph(state, index).low
        if _young_words(low, 0, len(low)) or ("teen" in low and lexicon.GROUP_AGES.search(low)):
            return True
    return False


def _participants(state: _SceneState, hit: _Hit) -> set[str]:
    """The characters a beat involves: named in its sentence or pointed to by its pronouns."""
    paragraph = _paragraph(state, hit.index)
    text, low = paragraph.element.text, paragraph.low
    s0, s1 = hit.sentence
    people = state.people
    scene = state.scene
    involved: set[str] = set()
    named = people.mentions(text, s0, s1)
    for _start, end, owners in named:
        if lexicon.OBSERVER.match(low, end):
            continue
        involved.add(_resolve(owners, scene))
    if paragraph.element.kind is ElementKind.PARENTHETICAL and paragraph.element.speaker:
        involved.add(people.cast.canonical(paragraph.element.speaker))
    history = _history(state, hit.index)
    for pronoun in _PRONOUN.finditer(low, s0, s1):
        word = pronoun.group()
        if lexicon.OBSERVER.match(low, pronoun.end()) and word in {"he", "she", "they"}:
            continue
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
            involved.update(distinct)
            continue
        wanted = "m" if word in _MALE else "f"
        chosen = _most_recent(people, earlier, wanted)
        if chosen is not None:
            involved.add(chosen)
    return involved


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
        mentioned: list[tuple[int, str]] = []
        scene = state.scene
        cast = state.people.cast
        for index, element in enumerate(scene.elements):
            if element.kind is ElementKind.CHARACTER:
                mentioned.append((index, cast.canonical(element.text)))
            elif element.kind in _PROSE:
                for _start, _end, owners in state.people.mentions(element.text):
                    mentioned.append((index, _resolve(owners, scene)))
        state.mentioned = mentioned
    return [name for index, name in state.mentioned if index < before]


def _characters(state: _SceneState, *, flagged: bool) -> list[CharacterAge]:
    cast = state.people.cast
    scene = state.scene
    names: list[str] = []
    for name in scene.characters:
        canonical = cast.canonical(name)
        if canonical and canonical not in names:
            names.append(canonical)
    if flagged:
        for name in _history(state, len(scene.elements)):
            if name not in names:
                names.append(name)
    return [CharacterAge(name, cast.age(name, scene.ordinal)) for name in names]
