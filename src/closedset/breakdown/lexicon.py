"""The detector's vocabulary: the phrasings of staged intimacy and the contexts that cancel them.

Everything here is data. A `Cue` is one way screenplays write an intimate beat ("kisses her",
"their clothes pool on the floor", "the bed creaks in a steady rhythm"), with the categories it
is evidence for and how strongly, the words that must occur in a paragraph before it is tried
(`anchors`, so most paragraphs cost one set lookup), and its own guards against the phrasings
that look alike but are not intimate ("the kiss of death", "thrusts the knife", "strips the
beds", "makes out a shape in the fog"). `detect.py` applies the cues sentence by sentence and
decides, with the context patterns at the bottom of this module, whether the beat is staged:
not negated ("they don't kiss", "without kissing"), not hypothetical, remembered or rumoured,
not only heard or off screen, not a photograph or painting.

All patterns run on folded text: lower case, curly quotes made straight, line breaks as spaces.
Weights are evidence strengths between 0 and 1; a scene is flagged for a category when the
combined evidence (noisy-or over distinct cues) reaches `THRESHOLD`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from closedset.breakdown.model import Category

THRESHOLD = 0.5

KISS = Category.KISS
TOUCH = Category.INTIMATE_TOUCH
NUDITY = Category.NUDITY
SEX = Category.SIMULATED_SEX
VIOLENCE = Category.SEXUAL_VIOLENCE


class Mode(StrEnum):
    """How a cue's polarity is decided."""

    ACT = "act"  # something done: cancelled by negation, "almost", hypotheticals, off screen
    STATE = "state"  # how someone appears: cancelled by negation and hypotheticals only
    FIXED = "fixed"  # carries its own polarity ("against her will"): hypotheticals only


class Signal(StrEnum):
    """Roles a beat plays in scene-level rules (implied sex, coercion)."""

    UNDRESS = "undress"  # clothes come off on screen
    UNDRESS_OTHER = "undress_other"  # someone takes off someone else's clothes
    CONTACT = "contact"  # sexual touching of a particular person
    RESTRAINT = "restraint"  # pinning, cornering, holding down, blocking the way
    RESISTANCE = "resistance"  # pulling away, pushing away, "let me go"
    STRUGGLE = "struggle"  # resisting someone who does not stop: struggling, kicking, screaming
    MUTUAL = "mutual"  # both take part ("they're kissing", "each other")
    BED = "bed"  # in or onto a bed together
    DARKNESS = "darkness"  # the light goes out, fade to black
    INTERRUPTION = "interruption"  # a knock, a phone, they spring apart
    GROPE = "grope"  # touching that is sexual violence unless the scene is consensual


@dataclass(frozen=True, slots=True)
class Cue:
    """One phrasing of an intimate beat.

    `anchors`: a paragraph must contain one of these words for the cue to be tried, and one
    of `also` when that is given. `starts`: the words a match can begin with; when given, the
    pattern is tried only at those words instead of at every position. These word sets are
    ASCII bytes, the form `words()` gives a paragraph in. `word_start`: a match must begin a
    word (the pattern's leading `\\b` is checked by the caller, which lets the regex engine
    skip ahead on first letters).

    `between`: a beat between two people (a kiss) that is not intimate between relatives or
    from an adult to a young child ("kisses Maya goodnight" where Maya is her daughter).

    `owner`: the pattern has a `poss` group naming whose clothes or body it is; `weights` and
    `signals` apply when that is someone other than the one acting, `self_weights` and
    `self_signals` when it is their own ("she unbuttons his shirt" vs "her blouse").
    """

    name: str
    pattern: re.Pattern[str]
    weights: Mapping[Category, float]
    anchors: frozenset[bytes]
    also: frozenset[bytes] = frozenset()
    starts: frozenset[bytes] = frozenset()
    word_start: bool = False
    mode: Mode = Mode.ACT
    signals: frozenset[Signal] = frozenset()
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    not_within: re.Pattern[str] | None = None
    not_near: re.Pattern[str] | None = None
    owner: bool = False
    self_weights: Mapping[Category, float] = field(default_factory=dict)
    self_signals: frozenset[Signal] = frozenset()
    between: bool = False


_EMPTY: Mapping[Category, float] = MappingProxyType({})


def _inflect(word: str) -> set[str]:
    """A word and its regular inflections, for anchors (over-generating is harmless)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def _anchors(spec: str) -> frozenset[bytes]:
    """`"kiss* smooch necking"`: a trailing `*` adds the word's inflections."""
    words: set[str] = set()
    for item in spec.split():
        if item.endswith("*"):
            words |= _inflect(item[:-1])
        else:
            words.add(item)
    return frozenset(word.encode("ascii") for word in words)


# Letters stay (upper case folded to lower), everything else separates words.
_LETTERS = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 else 32 for code in range(256)
)


# The same, keeping NUL: it separates paragraphs folded together.
LETTERS_AND_NUL = b"\x00" + _LETTERS[1:]


def words(text: str) -> list[bytes]:
    """A paragraph's words, lower case ASCII letters only: the unit anchors are looked up in."""
    return text.encode("ascii", "replace").translate(_LETTERS).split()


def _rx(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


def _by_first_letter(alternatives: list[str]) -> str:
    """`a|b|c` with the alternatives that start with the same plain letter under one group:
    `apple|avocado|bean` becomes `a(?:pple|vocado)|bean`. The same matches (an alternative
    that does not start with a plain letter, or whose letter a quantifier follows, stays as
    it is), found faster."""
    groups: dict[str, list[str]] = {}
    order: list[str] = []
    for alternative in alternatives:
        first = alternative[:1]
        plain = (first.isalpha() or first == "'") and alternative[1:2] not in {"?", "*", "+", "{"}
        key = first if plain else "\\" + str(len(order))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(alternative[1:] if plain else alternative)
    parts = []
    for key in order:
        rests = groups[key]
        if key.startswith("\\"):
            parts.extend(rests)
        elif len(rests) == 1:
            parts.append(key + rests[0])
        else:
            parts.append(key + "(?:" + "|".join(rests) + ")")
    return "|".join(parts)


def _without_leading_boundary(source: str) -> tuple[str, bool]:
    """Drop a `\b` that starts every alternative; the caller then checks it on each match."""
    parts = _alternatives(source)
    if all(part.startswith("\\b") for part in parts):
        return "|".join(part[2:] for part in parts), True
    return source, False


def _cue(
    name: str,
    pattern: str,
    anchors: str,
    *,
    also: str = "",
    starts: str = "",
    kiss: float = 0.0,
    touch: float = 0.0,
    nudity: float = 0.0,
    sex: float = 0.0,
    violence: float = 0.0,
    mode: Mode = Mode.ACT,
    signals: Iterable[Signal] = (),
    not_before: str | None = None,
    not_after: str | None = None,
    not_within: str | None = None,
    not_near: str | None = None,
    owner: bool = False,
    self_nudity: float = 0.0,
    self_touch: float = 0.0,
    self_signals: Iterable[Signal] = (),
    between: bool = False,
) -> Cue:
    weights = {
        category: weight
        for category, weight in (
            (KISS, kiss),
            (TOUCH, touch),
            (NUDITY, nudity),
            (SEX, sex),
            (VIOLENCE, violence),
        )
        if weight
    }
    self_weights = {
        category: weight
        for category, weight in ((NUDITY, self_nudity), (TOUCH, self_touch))
        if weight
    }
    source, word_start = _without_leading_boundary(pattern)
    return Cue(
        name=name,
        pattern=_rx(source),
        word_start=word_start,
        weights=MappingProxyType(weights),
        anchors=_anchors(anchors),
        also=_anchors(also),
        starts=_anchors(starts),
        mode=mode,
        signals=frozenset(signals),
        not_before=_rx(rf"(?:{not_before})$") if not_before else None,
        not_after=_rx(not_after) if not_after else None,
        not_within=_rx(not_within) if not_within else None,
        not_near=_rx(not_near) if not_near else None,
        owner=owner,
        self_weights=MappingProxyType(self_weights) if self_weights else _EMPTY,
        self_signals=frozenset(self_signals),
        between=between,
    )


# --------------------------------------------------------------------------- building blocks

_POSS = r"(?P<poss>his|her|their|each other's|one another's|[a-z][a-z\-]*'s)"
_POSS_ANY = r"(?:his|her|their|[a-z][a-z\-]*'s)"
_ADJ = r"(?:[a-z\-]+\s+){0,2}?"

# Garments whose removal is undressing (not coats, hats, ties, shoes or gloves).
_GARMENT = (
    r"(?:t-shirt|tee-shirt|tee|shirt|blouse|dress|gown|nightgown|nightdress|nightie|skirt|jeans"
    r"|trousers|pants|slacks|shorts|tank top|top|camisole|sweater|jumper|hoodie|sweatshirt"
    r"|bra|brassiere|panties|knickers|underwear|boxers|briefs|thong|lingerie|bodice|corset"
    r"|stays|chemise|shift|slip|petticoat|stockings|tights|robe|bathrobe|towel|bikini|swimsuit"
    r"|belt|fly|zipper|zip|buttons|hooks|laces|clothes|clothing|uniform|scrubs|kimono|sarong"
    r"|negligee|leggings|nightshirt|pajamas|pyjamas)"
)
_GARMENT_WORDS = (
    "tee shirt blouse dress gown nightgown nightdress nightie skirt jeans trousers pants "
    "slacks shorts top camisole sweater jumper hoodie sweatshirt bra brassiere panties knickers "
    "underwear boxers briefs thong lingerie bodice corset stays chemise shift slip petticoat "
    "stockings tights robe bathrobe towel bikini swimsuit belt fly zipper zip buttons hooks "
    "laces clothes clothing uniform scrubs kimono sarong negligee leggings nightshirt pajamas "
    "pyjamas"
)
# Fastenings: undoing your own belt or buttons is not undressing on its own.
FASTENINGS = frozenset({"belt", "fly", "zipper", "zip", "buttons", "hooks", "laces"})
# Worn next to the skin: taking them off (anyone's) leaves someone nude.
NEXT_TO_SKIN = frozenset({
    "bra", "brassiere", "panties", "knickers", "underwear", "boxers", "briefs", "thong",
    "lingerie", "stays", "chemise", "shift", "slip", "corset", "petticoat", "towel", "negligee"
})  # fmt: skip
# Tops: a man taking off his own shirt is not nudity as productions use the word.
TOPS = frozenset({
    "t-shirt", "tee-shirt", "tee", "shirt", "sweater", "jumper", "hoodie", "sweatshirt", "top",
    "tank top", "uniform"
})  # fmt: skip
# Worn next to the skin: being seen in them is nudity ("in her bra", "in his boxers").
_UNDERWEAR = (
    r"(?:underwear|undies|underclothes|undergarments?|underthings|bras?|brassiere|panties"
    r"|knickers|lingerie|boxers|boxer[- ]briefs|boxer shorts|briefs|jockey shorts|y-fronts"
    r"|tighty[- ]whities|thong|g-string|jockstrap|negligee|camisole|chemise|corset|bustier"
    r"|garter belt|garters|petticoat|bloomers|skivvies|long johns|union suit|nightie"
    r"|baby[- ]doll|teddy|pasties)"
)
_UNDERWEAR_WORDS = (
    "underwear undies underclothes undergarment undergarments underthings bra bras brassiere "
    "panties knickers lingerie boxers briefs shorts fronts whities thong string jockstrap "
    "negligee camisole chemise corset bustier garter garters petticoat bloomers skivvies johns "
    "nightie doll teddy pasties"
)
_INTIMATE_PART = (
    r"(?:breasts?|nipples?|ass|butt|buttocks|backside|bottom|behind|rear|bum|crotch|groin"
    r"|genitals|penis|bust|cleavage|inner thighs?|thighs?|body|curves|skin)"
)
_PART_WORDS = (
    "breast breasts nipple nipples ass butt buttocks backside bottom behind rear bum crotch groin "
    "genitals penis bust cleavage thigh thighs body curves skin"
)
_MILD_PART = r"(?:back|waist|sides?|hips?|legs?|chest|stomach|belly|spine|shoulders?|torso)"
_CLOTHES_UNDER = (
    r"(?:sweater|shirt|t-shirt|blouse|dress|skirt|top|jeans|pants|trousers|waistband|underwear"
    r"|panties|bra|robe|gown|slip|nightgown|shorts|hoodie|jumper|shift|chemise|bodice|corset"
    r"|knickers|boxers|briefs|fly|belt|sheets|covers|towel|kilt|petticoats?|skirts)"
)
_HAND = r"(?:hands?|fingers|fingertips|palms?)"
_MOVE = (
    r"(?:slide|slides|sliding|slid|slip|slips|slipping|slipped|move|moves|moving|moved|roam"
    r"|roams|roaming|roamed|run|runs|running|ran|wander|wanders|wandering|wandered|travel"
    r"|travels|traveling|travelling|traveled|creep|creeps|creeping|crept|explore|explores"
    r"|exploring|explored|drift|drifts|drifting|drifted|snake|snakes|snaking|snaked|glide"
    r"|glides|gliding|glided|trail|trails|trailing|trailed|skim|skims|skimming|find|finds"
    r"|finding|found|reach|reaches|reaching|reached|work|works|working|worked|push|pushes"
    r"|pushing|pushed|sneak|sneaks|sneaking|dip|dips|dipping|disappear|disappears"
    r"|disappearing|go|goes|going|went|inch|inches|inching|tug|tugs|tugging|fumble|fumbles"
    r"|fumbling)"
)
_BED = (
    r"(?:bed|beds|mattress|sheets|pillows|sofa|couch|settee|bunk|cot|futon|bedroll|hay"
    r"|haystack|floor|rug|carpet|blanket|grass|sand|backseat|back seat|divan|chaise|daybed)"
)
_BED_WORDS = (
    "bed beds mattress sheets pillows sofa couch settee bunk cot futon bedroll hay haystack "
    "rug carpet blanket backseat divan chaise daybed"
)
_BEDDING_WORDS = r"sheets?|covers|quilt|duvet|blankets?|bedclothes|bedsheets|comforter|eiderdown"
_BEDDING = rf"(?:{_BEDDING_WORDS})"
_NOT_PERSON_AFTER = (
    r"\s+(?:the\s+)?(?:keys|piano|cat|dog|horse|steering|wheel|gun|trigger|glass|bottle"
    r"|fabric|page|paper|wood|stone|wall|guitar|petals?|leaf|leaves|photo|photograph|picture"
    r"|letter|ring|locket|necklace|blanket|pillow|sheets?|statue|doll|mannequin|dummy|book)\b"
)

# Kisses that are not romantic or sexual: on the forehead, head, hand or cheek; of family
# members; of things.
_NON_ROMANTIC_PART = (
    r"(?:forehead|brow|head|hair|cheeks?|hands?|fingers|fingertips|knuckles|ring|temple|palm"
    r"|nose|crown|top\s+of|tip\s+of|feet|foot|toes|boots?|shoes?|teeth)"
)
_FAMILY = (
    r"(?:mom|mum|mother|mama|mommy|mummy|dad|father|papa|daddy|son|sons|daughter|daughters"
    r"|baby|babies|infant|newborn|child|children|kids?|grandma|grandmother|grandpa"
    r"|grandfather|granny|gran|nana|nan|grandson|granddaughter|grandkids?|grandchildren|aunt"
    r"|auntie|uncle|niece|nephew|sister|brother|cousin|twins?|toddler)"
)
_THINGS = (
    r"(?:it|photo|photograph|picture|ring|crucifix|cross|rosary|medal|medallion|dice|ground"
    r"|floor|earth|soil|card|cards|letter|envelope|note|trophy|ball|bottle|screen|mirror"
    r"|glass|window|flag|book|bible|icon|statue|coin|locket|pendant|teddy|doll|dog|cat|puppy"
    r"|kitten|horse|air|page|paper|poster|tombstone|headstone|grave|gravestone|urn|cup|mug"
    r"|microphone|mic|guitar|car|wheel|dashboard|steering\s+wheel|wall|door)"
)
_NO_CONJ = r"(?!(?:and|then|as|while|but|before|until|when)\b)"
# A fight, not an embrace: straddling or pinning someone to punch them.
_FIGHT = (
    r"\b(?:punch\w*|hits?|hitting|strangl\w+|chok\w+|fight\w*|pummel\w*|wrestl\w+|stab\w*"
    r"|grappl\w+|headbutt\w*|elbow\w*|cuff\w*|handcuff\w*|arrest\w*|gun|knife|blade"
    r"|throat|bleed\w*|blood\w*)\b"
)
# Care, not intimacy: undressing someone to treat them.
_CARE = (
    r"\b(?:wound|wounds|scar|injur\w+|bleed\w*|blood\w*|stethoscope|electrodes?|cpr|defibrillat\w*"
    r"|paramedics?|nurses?|doctor|dr\.|medic|surgeon|triage|bandag\w+|stitch\w*|burns?|x-ray"
    r"|examin\w+|patient|hospital|gurney|iv|catheter|diaper|nappy|toddler|baby|child|kid|son"
    r"|daughter|corpse|body\s+bag)\b"
)
# "His mother kisses him goodbye": a parent, grandparent, aunt or uncle as the one who acts.
_FAMILY_SUBJECT = (
    r"\b(?:mom|mum|mother|mama|mommy|dad|father|papa|daddy|grandma|grandmother|grandpa"
    r"|grandfather|granny|gran|nana|aunt|auntie|uncle|parents?)\s+(?:[a-z]+\s+)?"
)
_KISS_NOT_AFTER = (
    r"-off|-ass|\s+(?:off|up\s+to|up|ass|my\s+ass|curl|of\s+death|of\s+life)\b"
    rf"|\s+(?:{_NO_CONJ}[a-z\-']+\s+){{0,4}}?{_NON_ROMANTIC_PART}\b"
    rf"|\s+(?:(?:his|her|their|the|a|[a-z]+'s)\s+)?(?:little\s+|baby\s+|young\s+|infant\s+"
    rf"|newborn\s+|sleeping\s+)?{_FAMILY}\b"
    rf"|\s+(?:(?:the|a|an|his|her|their|its|[a-z]+'s)\s+)?(?:[a-z\-]+\s+)?{_THINGS}\b"
)
_KISS_NOT_BEFORE = (
    _FAMILY_SUBJECT + r"|"
    r"(?:\bsun-|\bair[- ]|\bblow(?:s|ing|n)?\s+(?:[a-z]+\s+)?(?:a\s+|another\s+|little\s+"
    r"|two\s+|big\s+)*|\bblew\s+(?:[a-z]+\s+)?(?:a\s+|another\s+|big\s+)*|\bchef's\s+"
    r"|\bhershey'?s?\s+|\bkiss-|\bx\s+and\s+|\bkiss\s+kiss\s+)"
)

# ------------------------------------------------------------------------------------ cues

CUES: tuple[Cue, ...] = (
    # ---- kissing
    _cue(
        "kiss",
        r"\bkiss(?:es|ed|ing)?\b(?!-)",
        "kiss*",
        kiss=0.9,
        between=True,
        not_before=_KISS_NOT_BEFORE,
        not_after=_KISS_NOT_AFTER,
    ),
    _cue(
        "kiss moves to the lips",
        r"\bkiss(?:es|ed|ing)?\b[^.;!?]{0,80}?\b(?:then|before|until|finally|at\s+last|and)\b"
        r"[^.;!?]{0,60}?\b(?:his|her|their)\s+(?:lips|mouth|neck|throat)\b",
        "kiss*",
        also="lips mouth neck throat",
        kiss=0.85,
        between=True,
        not_within=r"\b(?:not|never|almost|nearly|instead\s+of|rather\s+than)\b|n't\b",
    ),
    _cue(
        "mouth finds mouth",
        r"\b(?:finds?|found|seeks?|sought|claims?|captures?|catch(?:es)?|caught)\s+"
        r"(?:his|her|their)\s+mouth\b",
        "mouth",
        kiss=0.85,
        not_after=r"\s+with\s+(?:a|the|his|her)\s+(?:hand|palm|fingers?|finger|tape|cloth|rag)",
        starts="find finds found seek seeks sought claim claims capture captures catch catches "
        "caught",
    ),
    _cue(
        "mouth on mouth",
        r"\b(?:mouth|mouths|lips)\s+(?:is\s+|are\s+|was\s+|were\s+)?(?:on|upon|against)\s+"
        r"(?:his|hers|her|him|theirs|each\s+other's|each\s+other)\b",
        "mouth mouths lips",
        kiss=0.85,
        not_after=r"\s+(?:hand|hands|palm|fingers?|arm|shoulder|ear|forehead|brow|hair|cheek"
        r"|temple|knuckles)\b",
        also="on upon against",
    ),
    _cue(
        "mouth on body",
        r"\b(?:mouth|mouths|lips)\s+(?:(?:is|are|was|were|moves?|moving|moved|trails?|trailing"
        r"|travels?|traveling|drifts?|drifting|works?|working|slides?|sliding|wanders?|finds?"
        r"|finding|presses?|pressed|brushes|brushing|grazes?|grazing|lingers?|lingering)\s+)?"
        r"(?:(?:down|along|over|across|to|at|on|against|up|into)\s+){1,2}(?:the\s+\w+\s+of\s+)?"
        r"(?:his|her|their|[a-z][a-z\-]*'s)\s+(?:[a-z\-]+\s+)?(?:throat|neck|collarbone|shoulders?"
        r"|breasts?|chest|stomach|belly|jaw|jawline|earlobe|nape|navel|hips?|thighs?|spine"
        r"|skin|body|mouth|lips|nipples?|wrist|back)\b",
        "mouth mouths lips",
        kiss=0.8,
        touch=0.3,
        also="throat neck collarbone shoulder shoulders breast breasts chest stomach belly jaw "
        "jawline earlobe nape navel hip hips thigh thighs spine skin body mouth lips nipple "
        "nipples wrist back",
    ),
    _cue(
        "mouths meet",
        r"\b(?:mouths|lips)\s+(?:meet|met|meeting|collide|colliding|find\s+each\s+other"
        r"|touch|touching|lock|locked|locking|crash|crashing|brush|brushing|join|joining)\b",
        "mouths lips",
        kiss=0.85,
        not_after=r"\s+(?:the|a|his|her)\s+(?:glass|cup|rim|bottle|mug|paper|microphone|mic"
        r"|cigarette|pipe|flute|straw|edge|spoon|fork|coffee|tea|wine|water)\b",
    ),
    _cue(
        "presses lips to",
        r"\b(?:press(?:es|ed|ing)?|brush(?:es|ed|ing)?|touch(?:es|ed|ing)?|plants?|planted"
        r"|planting|crush(?:es|ed|ing)?|lays?|laid)\s+(?:his|her|their)\s+(?:lips|mouth)\s+"
        r"(?:to|against|on|onto|over|across)\s+(?:his|hers|her|him|theirs)\b",
        "lips mouth",
        kiss=0.85,
        not_after=r"\s+(?:hand|hands|palm|fingers?|forehead|brow|head|hair|cheeks?|temple"
        r"|knuckles|ear)\b",
        starts="press presses pressed pressing brush brushes brushed brushing touch touches "
        "touched touching plant plants planted planting crush crushes crushed crushing lay lays "
        "laid",
    ),
    _cue(
        "lips find",
        r"\blips\s+(?:find|finds|found|meet|meets|met|brush|brushes|graze|grazes|touch|touches"
        r"|press|presses|crush|crushes|claim|claims|seek|seeks)\s+(?:his|hers|her|him)\b",
        "lips",
        kiss=0.85,
        not_after=r"\s+(?:hand|hands|palm|fingers?|forehead|brow|cheeks?|temple|knuckles|ear"
        r"|hair)\b",
    ),
    _cue(
        "snog",
        r"\b(?:smooch\w*|snog\w*|necking|lip[- ]?lock\w*|lock(?:s|ed|ing)?\s+lips)\b",
        "smooch* snog* necking lip lock* lips liplock",
        kiss=0.85,
    ),
    _cue(
        "peck on the lips",
        r"\bpecks?\s+(?:him|her)\s+on\s+the\s+(?:lips|mouth)\b|\bpeck\s+on\s+(?:the|his|her)\s+"
        r"(?:lips|mouth)\b",
        "peck pecks",
        kiss=0.7,
        between=True,
    ),
    _cue(
        "nuzzles",
        r"\bnuzzl(?:e|es|ed|ing)\s+(?:into\s+)?(?:his|her|[a-z][a-z\-]*'s)\s+(?:neck|throat|ear"
        r"|earlobe|breasts?|chest)\b",
        "nuzzle*",
        kiss=0.4,
        touch=0.55,
    ),
    # ---- making out
    _cue(
        "make out",
        r"\b(?:make|makes|making|made)[- ]?out\b",
        "make makes making made makeout",
        kiss=0.9,
        touch=0.6,
        not_after=r"\s*-?\s*(?:point|spot|lane|bench|hill|place)\b|\s+(?!(?:with|on|in|against"
        r"|behind|under|beneath|by|near|at|like|for|again|heavily|hungrily|passionately"
        r"|furiously|frantically|feverishly|sloppily|wildly|some|while|until|as|and|session"
        r"|sessions|a\s+little|a\s+bit|in\s+the|on\s+the|there|here|too|now|then|beside"
        r"|across|inside|outside|upstairs|downstairs|hard|intensely|openly|happily|drunkenly"
        r"|awkwardly|slowly)\b)[a-z]",
    ),
    _cue(
        "hook up",
        r"\bhook(?:s|ed|ing)?[- ]up\b",
        "hook hooks hooked hooking hookup",
        kiss=0.5,
        touch=0.6,
        sex=0.4,
        not_after=r"\s+(?!(?:with\s+(?:him|her|them|each|a|an|the\s+(?:girl|guy|boy|man|woman))"
        r"|again|in\s+the\s+(?:bathroom|car|back|closet|bedroom)|at\s+the\s+party)\b)[a-z]"
        r"|\s+with\s+(?:the|a|an)\s+(?!girl|guy|boy|man|woman)",
    ),
    # ---- touching
    _cue(
        "caress",
        r"\bcaress(?:es|ed|ing)?\b",
        "caress*",
        touch=0.75,
        signals=[Signal.CONTACT],
        not_before=r"(?:wind|breeze|sun|sunlight|light|water|waves?|music|voice|rain|air|warmth"
        r"|steam|heat|smoke|silk|fabric)\s+(?:[a-z]+\s+)?|" + _FAMILY_SUBJECT,
        not_after=_NOT_PERSON_AFTER + rf"|\s+(?:(?:his|her|their|the)\s+)?{_FAMILY}(?:'s)?\b",
    ),
    _cue(
        "rubs lotion into her skin",
        r"\b(?:rub(?:s|bed|bing)?|smooth(?:s|ed|ing)?|massag(?:e|es|ed|ing)|work(?:s|ed|ing)?"
        r"|spread(?:s|ing)?|slather(?:s|ed|ing)?)\s+(?:the\s+|some\s+)?(?:sunscreen|sun\s*cream"
        r"|suntan\s+lotion|lotion|oil|massage\s+oil|cream|moisturi[sz]er|balm)\s+(?:in\s+)?(?:into"
        r"|onto|on|over|across|down)\s+(?:his|her|[a-z][a-z\-]*'s)\s+(?:bare\s+)?(?:shoulders?"
        r"|back|skin|neck|legs?|thighs?|chest|stomach|body|feet|calves|arms?)\b",
        "rub rubs rubbed rubbing smooth smooths smoothed smoothing massage massages massaged "
        "massaging work works worked working spread spreads spreading slather slathers slathered "
        "slathering",
        also="sunscreen suncream sun cream suntan lotion oil cream moisturiser moisturizer balm",
        touch=0.45,
        signals=[Signal.CONTACT],
        not_near=_CARE,
        not_before=_FAMILY_SUBJECT,
    ),
    _cue(
        "leans into his hands",
        r"\b(?:leans?|leaning|leaned|melts?|melting|melted|arches|arching|arched|presses|pressing"
        r"|pressed)\s+(?:back\s+)?into\s+(?:his|her|their|[a-z][a-z\-]*'s)\s+(?:touch|hands|caress"
        r"|fingers)\b",
        "lean leans leaning leaned melt melts melting melted arches arching arched presses "
        "pressing pressed",
        also="touch hands caress fingers",
        touch=0.35,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "fondle",
        r"\bfondl(?:e|es|ed|ing)\b",
        "fondle*",
        touch=0.8,
        signals=[Signal.CONTACT],
        not_after=_NOT_PERSON_AFTER,
    ),
    _cue(
        "grope",
        r"\bgrop(?:e|es|ed|ing)\b",
        "grope*",
        touch=0.8,
        violence=0.7,
        signals=[Signal.CONTACT, Signal.GROPE],
        not_after=r"\s+(?:for|around|about|blindly|through|along|in\s+the\s+dark|in\s+(?:his|her)"
        r"\s+(?:pocket|bag|purse)|at\s+the\s+(?:wall|door|light|switch|lock|handle)"
        r"|the\s+(?:wall|door|switch|floor|dark|lock|handle|air)|(?:his|her|their)\s+way)\b",
    ),
    _cue(
        "grope each other",
        r"\bgrop(?:e|es|ed|ing)\s+(?:at\s+)?(?:each\s+other|one\s+another)\b",
        "grope*",
        touch=0.8,
        signals=[Signal.MUTUAL],
    ),
    _cue(
        "hands under clothes",
        rf"\b{_HAND}\s+(?:[a-z\-]+\s+){{0,2}}?{_MOVE}\s+(?:[a-z\-]+\s+){{0,2}}?(?:under|beneath"
        rf"|underneath|inside|into|up|down)\s+(?:[a-z\-]+\s+){{0,2}}?(?:his|her|their"
        rf"|[a-z][a-z\-]*'s)\s+(?:[a-z\-]+\s+)?{_CLOTHES_UNDER}\b",
        "hand hands fingers fingertips palm palms",
        also=_GARMENT_WORDS + " waistband kilt petticoats skirts covers sheets",
        touch=0.75,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "puts a hand under clothes",
        r"\b(?:puts?|putting|shoves?|shoving|shoved|slides?|sliding|slid|slips?|slipping|slipped"
        r"|pushes|pushing|pushed|jams?|jamming|jammed|forces?|forcing|forced|sticks?|sticking"
        r"|stuck|runs?|running|ran|moves?|moving|moved|snakes?|snaking|works?|working|worked"
        r"|reaches|reaching|reached|gets?|getting|got)\s+(?:his|her|their|a)\s+(?:other\s+)?"
        r"(?:hands?|fingers|palm)\s+(?:[a-z\-]+\s+)?(?:up|under|beneath|underneath|inside|into"
        r"|down)\s+(?:[a-z\-]+\s+)?(?:his|her|their|[a-z][a-z\-]*'s)\s+(?:[a-z\-]+\s+)?"
        rf"(?:{_CLOTHES_UNDER}|thighs?|legs)\b",
        "hand hands fingers palm",
        also=_GARMENT_WORDS + " waistband kilt petticoats skirts thigh thighs legs",
        starts="put puts putting shove shoves shoving shoved slide slides sliding slid slip slips "
        "slipping slipped pushes pushing pushed jam jams jamming jammed force forces forcing "
        "forced stick sticks sticking stuck run runs running ran move moves moving moved snake "
        "snakes snaking work works working worked reaches reaching reached get gets getting got",
        touch=0.75,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "hands on body",
        rf"\b{_HAND}\s+(?:[a-z\-]+\s+){{0,2}}?{_MOVE}\s+(?:[a-z\-]+\s+){{0,2}}?(?:up|down|under"
        rf"|beneath|underneath|inside|into|over|along|across|around|between|to)\s+"
        rf"(?:[a-z\-]+\s+){{0,3}}?(?:his|her|their|[a-z][a-z\-]*'s)\s+(?:bare\s+|inner\s+"
        rf"|naked\s+|lower\s+|upper\s+)?{_INTIMATE_PART}\b",
        "hand hands fingers fingertips palm palms",
        also=_PART_WORDS,
        touch=0.7,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "hands roam",
        rf"\b{_HAND}\s+(?:[a-z\-]+\s+){{0,2}}?(?:roam|roams|roaming|roamed|explore|explores"
        rf"|exploring|explored|wander|wanders|wandering|wandered|travel|travels|traveling"
        rf"|travelling|traveled|map|maps|mapping|memori[sz]e|memori[sz]es|memori[sz]ing)\s+"
        rf"(?:[a-z\-]+\s+){{0,3}}?(?:his|her|their|each\s+other's|[a-z][a-z\-]*'s)\s+"
        rf"(?:[a-z\-]+\s+)?(?:{_MILD_PART}|{_INTIMATE_PART})\b"
        rf"|\b{_HAND}\s+(?:[a-z\-]+\s+){{0,2}}?(?:roam|roams|roaming|explore|explores|exploring"
        rf"|wander|wanders|wandering)\b",
        "hand hands fingers fingertips palm palms",
        also="roam roams roaming roamed explore explores exploring explored wander wanders "
        "wandering wandered travel travels traveling travelling traveled map maps mapping "
        "memorise memorises memorising memorize memorizes memorizing",
        touch=0.7,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "hands along the back",
        rf"\b{_HAND}\s+(?:[a-z\-]+\s+){{0,2}}?(?:{_MOVE}|rest|rests|resting|spread|spreads"
        rf"|settle|settles|settled|splayed|splay|splays|linger|lingers|lingering)\s+"
        rf"(?:[a-z\-]+\s+){{0,2}}?(?:up|down|over|along|across|around|on|at|against)\s+"
        rf"(?:[a-z\-]+\s+){{0,2}}?(?:his|her|their|[a-z][a-z\-]*'s)\s+(?:bare\s+|lower\s+"
        rf"|small\s+of\s+(?:his|her)\s+)?{_MILD_PART}\b",
        "hand hands fingers fingertips palm palms",
        also="back waist side sides hip hips leg legs chest stomach belly spine shoulder "
        "shoulders torso",
        touch=0.35,
    ),
    _cue(
        "hand on intimate part",
        r"\b(?:hand|hands|palm|palms)\s+(?:(?:firmly|still|now|resting|rests|lingers|lingering"
        r"|flat)\s+)?(?:on|upon|over|between|cupping|inside|up)\s+(?:her|his|[a-z][a-z\-]*'s)\s+"
        r"(?:bare\s+|naked\s+|upper\s+)?(?:breasts?|ass|butt|buttocks|backside|bottom|crotch"
        r"|groin|bodice|bust|cleavage|nipples?|genitals|penis|inner\s+thighs?)\b",
        "hand hands palm palms",
        also=_PART_WORDS + " bodice",
        touch=0.65,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "puts a hand on a knee",
        r"\b(?:puts?|putting|places?|placing|placed|rests?|resting|rested|lays?|laying|laid"
        r"|slides?|sliding|slid|runs?|running|ran|moves?|moving|moved|plants?|planting|planted)\s+"
        r"(?:his|her|a)\s+(?:[a-z]+\s+)?hand\s+(?:[a-z]+\s+)?(?:on|onto|up|along|over)\s+(?:her|his"
        r"|[a-z][a-z\-]*'s)\s+(?:bare\s+)?(?:knee|knees|thigh|thighs|leg|legs)\b",
        "hand",
        also="knee knees thigh thighs leg legs",
        starts="put puts putting place places placing placed rest rests resting rested lay lays "
        "laying laid slide slides sliding slid run runs running ran move moves moving moved plant "
        "plants planting planted",
        touch=0.45,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "hand on a thigh",
        r"\b(?:hand|hands|palm|palms)\s+(?:(?:firmly|still|now|resting|rests|lingers|lingering"
        r"|flat|high)\s+)?(?:on|upon|over|up)\s+(?:her|his|[a-z][a-z\-]*'s)\s+(?:bare\s+|naked\s+"
        r"|upper\s+)?thighs?\b",
        "hand hands palm palms",
        also="thigh thighs",
        touch=0.45,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "touches a body",
        r"\b(?:cups?|cupped|cupping|squeez(?:e|es|ed|ing)|kneads?|kneaded|kneading"
        r"|fondl(?:e|es|ed|ing)|caress(?:es|ed|ing)?|strok(?:e|es|ed|ing)|rubs?|rubbed|rubbing"
        r"|massag(?:e|es|ed|ing)|paws?|pawed|pawing|licks?|licked|licking|nibbl(?:e|es|ed|ing)"
        r"|sucks?|sucked|sucking|bites?|biting|bit|touch(?:es|ed|ing)?|palms?|palmed|palming"
        r"|feels?|felt|feeling|kiss(?:es|ed|ing)?|traces?|traced|tracing|explores?|explored"
        r"|exploring)\s+(?:at\s+|on\s+|up\s+|along\s+|down\s+)?"
        rf"{_POSS}\s+(?:(?:bare|inner|naked|upper|left|right|pale|round|full|exposed|small|soft"
        r"|warm|lower)\s+)*(?:breasts?|nipples?|ass|butt|buttocks|backside|bottom|crotch|groin"
        r"|thighs?|bust|cleavage|genitals|penis|body|belly|stomach|ribs|navel|hips?|chest"
        r"|collarbone|spine)\b",
        "cup cups cupped cupping squeeze squeezes squeezed squeezing knead* fondle* caress* "
        "stroke* rub* massage* paw* lick* nibble* suck* bite bites biting bit touch* palm* "
        "feel feels felt feeling kiss* trace* explore*",
        starts="cup* squeeze* knead* fondle* caress* stroke* rub* massage* paw* lick* nibble* "
        "suck* bite bites biting bit touch* palm* feel feels felt feeling kiss* trace* explore*",
        also=_PART_WORDS + " ribs navel collarbone spine chest hip hips belly stomach",
        touch=0.65,
        signals=[Signal.CONTACT],
        owner=True,
        not_within=r"\b(?:touch(?:es|ed|ing)?|feels?|felt|feeling|rubs?|rubbed|rubbing"
        r"|massag\w+|palms?|palmed)\s+(?:at\s+|on\s+)?(?:his|her|their|[a-z\-]+'s)\s+"
        r"(?:[a-z]+\s+)*(?:chest|stomach|belly|ribs|hips?|body|spine|collarbone)\b",
    ),
    _cue(
        "pinch or grab from behind",
        r"\b(?:pinch(?:es|ed|ing)?|grab(?:s|bed|bing)?|squeez(?:e|es|ed|ing)|goos(?:e|es|ed"
        r"|ing)|smack(?:s|ed|ing)?|slap(?:s|ped|ping)?|swat(?:s|ted|ting)?)\s+(?:at\s+)?"
        rf"{_POSS}\s+(?:[a-z\-]+\s+)?(?:ass|butt|buttocks|backside|bottom|behind|rear|bum"
        r"|breasts?|crotch|groin)\b",
        "pinch* grab* squeeze* goose* smack* slap* swat*",
        starts="pinch* grab* squeeze* goose* smack* slap* swat*",
        touch=0.7,
        violence=0.6,
        signals=[Signal.CONTACT, Signal.GROPE],
        also="ass butt buttocks backside bottom behind rear bum breast breasts crotch groin",
    ),
    _cue(
        "gives a pinch",
        r"\b(?:gives?|giving|gave|plants?)\s+(?:his|her|[a-z][a-z\-]*'s)\s+(?:ass|butt|buttocks"
        r"|backside|bottom|behind|rear|bum|breasts?|crotch)\s+(?:a|an)\s+(?:[a-z\-]+\s+)?"
        r"(?:pinch|squeeze|grope|grab|slap|smack|swat|goose)\b",
        "pinch squeeze grope grab slap smack swat goose",
        touch=0.7,
        violence=0.6,
        signals=[Signal.CONTACT, Signal.GROPE],
    ),
    _cue(
        "straddles",
        r"\bstraddl(?:e|es|ed|ing)\s+(?:him|her|them|his|her|[a-z][a-z\-]*'s)\b",
        "straddle*",
        touch=0.75,
        signals=[Signal.CONTACT, Signal.BED],
        not_after=r"\s+(?:[a-z\-]+\s+)?(?:bike|bicycle|horse|chair|bench|motorcycle|moped"
        r"|scooter|saddle|line|fence|log|wall|branch|stool|seat|desk)\b",
        not_near=_FIGHT,
    ),
    _cue(
        "in a lap",
        r"\b(?:in|on|into|onto)\s+(?:his|her|[a-z][a-z\-]*'s|a\s+(?:boy|girl|man|woman|guy)'s)\s+"
        r"lap\b",
        "lap",
        touch=0.35,
    ),
    _cue(
        "on top of",
        r"\b(?:climb|clamber|crawl|slide|slid|roll|settle|lower|sink|swing|swung|ease|eases|move"
        r"|moves|moved|hoist|hop|hops|lift|lifts)[a-z]*\s+(?:back\s+|up\s+|herself\s+"
        r"|himself\s+|over\s+)?(?:on\s+top\s+of|onto|astride|on)\s+(?:him|her)\b(?!\s*(?:self|'s))"
        r"|\band\s+(?:on\s+top\s+of|onto|astride)\s+(?:him|her)\b"
        r"|\b(?:is|she's|he's|lies|lying|lay|straddled|astride)\s+on\s+top\s+of\s+(?:him|her)\b",
        "top onto astride",
        starts="climb* clamber* crawl* slide* slid roll* settle* lower* sink* sank swing* swung "
        "ease* move* hoist* hop* lift* and is lies lying lay straddled astride she he",
        touch=0.7,
        signals=[Signal.CONTACT, Signal.BED],
        not_near=_FIGHT,
    ),
    _cue(
        "pulls onto the bed",
        r"\b(?:pull|push|drag|draw|tug|shove|guide|lower|lay|lays|laid|ease|press|topple|tumble"
        r"|roll|steer|walk|back)[a-z]*\s+(?:him|her|them)\s+(?:(?:back|down|backwards?|backward"
        r"|gently|roughly|slowly|with\s+(?:her|him))\s+){0,2}(?:onto|on|into|across|to|down\s+"
        rf"on(?:to)?)\s+(?:the|his|her|a|their)\s+(?:[a-z\-]+\s+)?{_BED}\b",
        _BED_WORDS,
        starts="pull* push* drag* draw* drew tug* shove* guide* lower* lay lays laid laying ease* "
        "press* topple* tumble* roll* steer* walk* back backs backed backing",
        also="him her them",
        touch=0.55,
        signals=[Signal.BED, Signal.CONTACT],
        not_near=_FIGHT,
    ),
    _cue(
        "they fall onto the bed",
        r"\bthey\s+(?:[a-z]+\s+)?(?:fall|tumble|collapse|sink|topple|roll)\s+(?:back\s+"
        r"|together\s+|backwards?\s+)?(?:onto|on|into|across)\s+(?:the|a)\s+(?:[a-z\-]+\s+)?"
        r"(?:bed|mattress|bunk|futon|sheets|hay)\b",
        "bed mattress bunk futon sheets hay",
        touch=0.45,
        signals=[Signal.BED],
        starts="they",
    ),
    _cue(
        "all over each other",
        r"\ball\s+over\s+each\s+other\b|\bcan't\s+keep\s+(?:their|his|her)\s+hands\s+off\b"
        r"|\bhands\s+(?:everywhere|all\s+over\s+(?:each\s+other|him|her))\b",
        "all keep everywhere",
        kiss=0.6,
        touch=0.7,
        signals=[Signal.CONTACT, Signal.MUTUAL],
        also="over everywhere off",
    ),
    _cue(
        "skirt hiked up",
        r"\b(?:skirt|dress|nightgown|nightdress|nightie|slip|shift|gown|kilt)\s+(?:is\s+)?(?:hiked|rucked"
        r"|pushed|bunched|rolled|pulled|yanked|shoved|hitched)\s+up\b",
        "skirt dress nightgown nightdress nightie slip shift gown kilt",
        touch=0.55,
        nudity=0.35,
        signals=[Signal.CONTACT, Signal.UNDRESS],
        also="hiked rucked pushed bunched rolled pulled yanked shoved hitched",
    ),
    _cue(
        "skin against skin",
        r"\bskin\s+(?:against|on|to)\s+skin\b|\b(?:bodies|body)\s+(?:[a-z]+\s+)?(?:pressed"
        r"|press|pressing|entwined|intertwined|tangled|locked|grinding|grind|moving|move)\s+"
        r"(?:together|against)\b|\bbodies\s+(?:[a-z]+\s+)?(?:entwine|intertwine|tangle|merge)"
        r"(?:s|d)?\b|\bpress(?:es|ed|ing)?\s+(?:her|his)\s+(?:whole\s+|naked\s+"
        r"|bare\s+)?body\s+(?:against|to|into)\s+(?:his|hers|him|her)\b",
        "skin bodies body press presses pressed pressing",
        touch=0.7,
        nudity=0.25,
        signals=[Signal.CONTACT],
        also="against on to together entwine entwines entwined intertwine intertwines "
        "intertwined tangle tangles tangled merge merges merged into",
    ),
    _cue(
        "tangled in the sheets",
        rf"\b(?:tangled|entangled|entwined|intertwined)\s+(?:up\s+)?(?:together\s+)?(?:in|under"
        rf"|beneath)\s+(?:the|a|their)\s+(?:[a-z\-]+\s+)?{_BEDDING}\b|\bin\s+each\s+other's\s+arms\b",
        "tangled entangled entwined intertwined arms",
        touch=0.45,
        nudity=0.2,
        signals=[Signal.BED],
    ),
    _cue(
        "traces the skin",
        r"\btrac(?:e|es|ed|ing)\s+(?:[a-z\-]+\s+){0,4}?(?:along|across|down|over|on)\s+"
        r"(?:his|her|[a-z][a-z\-]*'s)\s+(?:bare\s+)?(?:ribs|skin|chest|spine|collarbone|stomach"
        r"|belly|back|thigh|thighs|hip|hips|lips|jaw|breasts?)\b",
        "trace traces traced tracing",
        touch=0.5,
    ),
    _cue(
        "grinds against",
        r"\bgrind(?:s|ing)?\s+(?:[a-z]+\s+)?(?:against|on|into|up\s+against)\s+(?:him|her|each"
        r"\s+other|his|her)\b",
        "grind grinds grinding",
        touch=0.75,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "legs around",
        r"\bwraps?\s+(?:her|his)\s+legs\s+(?:around|round)\s+(?:him|her|his|her)\b",
        "wrap wraps",
        touch=0.7,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "in bed together",
        r"\b(?:in|into)\s+bed\s+together\b|\btogether\s+in\s+bed\b|\b(?:climbs?|climbing|slips?"
        r"|slipping|gets?|getting|crawls?|crawling|slides?|sliding)\s+into\s+bed\s+(?:with"
        r"|beside|next\s+to)\s+(?:him|her)\b",
        "bed",
        touch=0.45,
        signals=[Signal.BED],
        also="together with beside next",
    ),
    # ---- undressing
    _cue(
        "removes someone's clothes",
        r"\b(?:unbutton(?:s|ed|ing)?|unzip(?:s|ped|ping)?|unhook(?:s|ed|ing)?|unlac(?:e|es|ed|ing)"
        r"|unclasp(?:s|ed|ing)?|unfasten(?:s|ed|ing)?|unbuckl(?:e|es|ed|ing)|undo(?:es|ing)?"
        r"|undid|unti(?:e|es|ed)|untying|unwrap(?:s|ped|ping)?|(?:peel|pull|tug|strip|slip|slid"
        r"|slide|tak|took|shrug|wriggl|yank|tear|tore|rip|whip|throw|threw|toss|fling|flung|kick"
        r"|ease|eas|push|work)[a-z]*\s+off|remov(?:e|es|ed|ing)|yank(?:s|ed|ing)?\s+(?:open|down)"
        r"|(?:tear|tears|tore|tearing|rip|rips|ripped|ripping)\s+(?:open|at)|(?:fumbl(?:e|es|ed|ing)"
        r"|struggl(?:e|es|ed|ing)|wrestl(?:e|es|ed|ing))\s+with|(?:tug|tugs|tugged|tugging|pull"
        r"|pulls|pulled|pulling|paw|paws|pawed|pawing|claw|claws|clawed|clawing|grab|grabs"
        r"|grabbed|grabbing)\s+at|works?\s+(?:at|open)|working\s+(?:at|open)"
        r"|help(?:s|ed|ing)?\s+(?:him|her)\s+out\s+of|(?:step|steps|stepped|stepping|wriggl\w+"
        r"|shimm(?:y|ies|ied|ying)|slips?|slipping|slipped)\s+out\s+of|drop(?:s|ped|ping)?)\s+"
        rf"(?:at\s+)?(?:the\s+(?:[a-z\-]+\s+)?(?:of|on)\s+)?{_POSS}\s+(?:own\s+)?{_ADJ}"
        rf"(?P<garment>{_GARMENT})\b",
        _GARMENT_WORDS,
        starts="unbutton* unzip* unhook* unlace* unclasp* unfasten* unbuckle* undo undoes undoing "
        "undid untie* untying unwrap* peel* pull* tug* strip* slip* slid slide* take takes taking "
        "took shrug* wriggle* yank* tear* tore rip* whip* throw* threw toss* fling* flung kick* "
        "ease* push* work* remove* fumble* struggle* wrestle* paw* claw* grab* help* step* shimmy "
        "shimmies shimmied shimmying drop*",
        also="unbutton* unzip* unhook* unlace* unclasp* unfasten* unbuckle* undo undoes undoing "
        "undid untie* untying unwrap* off remove* yank* tear tears tore tearing rip* fumble* "
        "struggle* wrestle* at open out drop*",
        touch=0.75,
        signals=[Signal.UNDRESS, Signal.UNDRESS_OTHER, Signal.CONTACT],
        owner=True,
        self_nudity=0.5,
        self_signals=[Signal.UNDRESS],
        not_after=r"\s+(?:hat|button|drawer|step|shelf|pocket|hanger|hook|rack|line)\b",
        not_near=_CARE,
    ),
    _cue(
        "pulls a garment off someone",
        r"\b(?:pull|push|peel|slid|slide|slip|eas|tug|draw|lift|drag|strip|shrug|work|lower|roll"
        rf"|tear|rip|yank)[a-z]*\s+(?:the|a)\s+{_ADJ}(?P<garment>{_GARMENT})\s+(?:off|from|down"
        rf"|away\s+from)\s+(?:of\s+)?{_POSS}\s+(?:shoulders?|body|head|hips|legs|waist|arms"
        r"|torso|chest|breasts|back)\b",
        _GARMENT_WORDS,
        starts="pull* push* peel* slid slide* slip* ease* tug* draw* drew lift* drag* strip* "
        "shrug* work* lower* roll* tear* tore rip* yank*",
        also="shoulders shoulder body head hips legs waist arms torso chest breasts back",
        touch=0.75,
        signals=[Signal.UNDRESS, Signal.UNDRESS_OTHER, Signal.CONTACT],
        owner=True,
        self_nudity=0.5,
        self_signals=[Signal.UNDRESS],
        not_near=_CARE,
    ),
    _cue(
        "pulls a shirt over someone's head",
        r"\b(?:drag|draw|lift|push|pull|tug|hike|ruck|peel|roll|yank|slide|ease|hitch|bunch|strip"
        rf"|rake|work)[a-z]*\s+{_POSS}\s+{_ADJ}(?P<garment>{_GARMENT})\s+(?:up\s+(?:and\s+)?)?"
        r"(?:over\s+(?P=poss)\s+head|off)\b",
        _GARMENT_WORDS,
        starts="drag* draw* drew lift* push* pull* tug* hike* ruck* peel* roll* yank* slide* slid "
        "ease* hitch* bunch* strip* rake* work*",
        also="head off",
        touch=0.75,
        signals=[Signal.UNDRESS, Signal.UNDRESS_OTHER, Signal.CONTACT],
        owner=True,
        self_nudity=0.5,
        self_signals=[Signal.UNDRESS],
    ),
    _cue(
        "pushes a garment up",
        r"\b(?:drag|push|pull|tug|hike|ruck|roll|yank|hitch|bunch|slide|lift)[a-z]*\s+"
        rf"{_POSS}\s+{_ADJ}(?P<garment>{_GARMENT})\s+(?:up|down|open|aside|away)\b",
        _GARMENT_WORDS,
        starts="drag* push* pull* tug* hike* ruck* roll* yank* hitch* bunch* slide* slid lift*",
        also="up down open aside away",
        touch=0.55,
        signals=[Signal.UNDRESS, Signal.CONTACT],
        owner=True,
        self_nudity=0.3,
        not_after=r"\s+(?:to\s+(?:show|check|look|examine|reveal\s+(?:a|the)\s+(?:wound|scar"
        r"|bruise|cut|tattoo|rash))|(?:his|her)\s+(?:sleeve|arm))",
        not_near=_CARE,
    ),
    _cue(
        "undresses someone",
        r"\b(?:undress(?:es|ed|ing)?|strip(?:s|ped|ping)?|disrob(?:e|es|ed|ing))\s+"
        r"(?:him|her|them|each\s+other|one\s+another)\b(?!\s*(?:of\b|'s|self|selves))",
        "undress* strip* disrobe*",
        touch=0.8,
        nudity=0.4,
        signals=[Signal.UNDRESS, Signal.UNDRESS_OTHER, Signal.CONTACT],
        not_after=r"\s+with\s+(?:his|her|their)\s+eyes|\s+(?!(?:slowly|naked|bare|down|and|with"
        r"|as|then|gently|roughly|completely|off|to|in|while|until|piece|one|layer)\b)[a-z]",
        not_near=_CARE,
        also="him her them each one",
    ),
    _cue(
        "tear off their clothes",
        r"\b(?:tear|tears|tearing|tore|rip|rips|ripping|ripped|pull|pulls|pulling|pulled|strip"
        r"|strips|stripping|stripped|peel|peels|peeling|peeled|shed|sheds|shedding|shuck|shucks"
        r"|shucking|fumble|fumbling)\s+(?:off\s+|at\s+|with\s+)?(?:each\s+other's|one\s+another's"
        r"|their)\s+clothes\b|\b(?:clothes|clothing)\s+(?:come|comes|came|coming)\s+off\b",
        "clothes clothing",
        starts="tear tears tearing tore rip rips ripping ripped pull pulls pulling pulled strip "
        "strips stripping stripped peel peels peeling peeled shed sheds shedding shuck shucks "
        "shucking fumble fumbling clothes clothing",
        touch=0.7,
        nudity=0.5,
        signals=[Signal.UNDRESS, Signal.UNDRESS_OTHER, Signal.MUTUAL],
    ),
    _cue(
        "undresses",
        r"\b(?:undress(?:es|ing)?|disrob(?:e|es|ing))\b(?=\s*(?:[.,;:!?\-]|$)|\s+(?:and|slowly"
        r"|quickly|completely|fully|in\s+front|for|behind|then|down|to|while|as|herself|himself"
        r"|themselves)\b)|\b(?:gets?|getting|got)\s+undressed\b|\b(?:half|partially|fully"
        r"|completely|hastily)[- ]undressed\b",
        "undress undresses undressing undressed disrobe disrobes disrobing",
        nudity=0.6,
        signals=[Signal.UNDRESS],
    ),
    _cue(
        "clothes pool on the floor",
        rf"\b{_POSS_ANY}\s+{_ADJ}(?:clothes|clothing|things|{_GARMENT})\s+(?:[a-z\-]+,?\s+){{0,3}}?"
        r"(?:pool|pools|pooled|pooling|puddle|puddles|puddled|puddling|heap|heaps|heaped"
        r"|crumple|crumples|crumpled)\b",
        "pool pools pooled pooling puddle puddles puddled puddling heap heaps heaped crumple "
        "crumples crumpled",
        nudity=0.65,
        touch=0.3,
        signals=[Signal.UNDRESS, Signal.UNDRESS_OTHER],
    ),
    _cue(
        "trail of clothes",
        r"\b(?:trail|path|pile|heap|tangle|jumble)\s+of\s+(?:discarded\s+|abandoned\s+)?(?:clothes"
        r"|clothing|garments)\b[^.;!?]{0,60}?\b(?:bed|bedroom|couch|sofa|sheets)\b|\b(?:their|his"
        r"|her)\s+(?:clothes|clothing)\s+(?:are\s+|lie\s+|lying\s+)?(?:strewn|scattered|flung"
        r"|tossed|everywhere|all\s+over)\b",
        "trail path pile heap tangle jumble strewn scattered flung tossed everywhere all",
        also="clothes clothing garments",
        nudity=0.55,
        signals=[Signal.UNDRESS],
    ),
    _cue(
        "clothes drop to the floor",
        rf"\b{_POSS_ANY}\s+{_ADJ}(?:clothes|clothing|{_GARMENT})\s+(?:[a-z\-]+\s+){{0,3}}?"
        r"(?:falls?|fell|falling|drops?|dropped|dropping|lands?|landed|landing|hits?|slides?|slid"
        r"|sliding|slithers?|slithered)\s+(?:[a-z\-]+\s+){0,3}?(?:to|on|onto)\s+the\s+"
        r"(?:floor|floorboards|ground|carpet|rug)\b",
        "floor floorboards ground carpet rug",
        also="fall falls fell falling drop drops dropped dropping land lands landed landing hit "
        "hits slide slides slid sliding slither slithers slithered",
        nudity=0.65,
        signals=[Signal.UNDRESS],
    ),
    _cue(
        "garment follows",
        rf"\b{_POSS_ANY}\s+{_ADJ}(?:{_GARMENT})\s+follows\b",
        "follows",
        nudity=0.55,
        signals=[Signal.UNDRESS],
    ),
    _cue(
        "garment slips",
        r"\b(?:shirt|blouse|dress|gown|nightgown|nightdress|shift|slip|robe|bathrobe|towel"
        r"|kimono|sarong|wrap|chemise|bodice|bra|camisole|negligee|nightie|toga|top)\s+"
        r"(?:[a-z\-]+\s+){0,2}?(?:slips?|slipping|slipped|falls?|falling|fell|drops?|dropping"
        r"|dropped|slides?|sliding|slid|gapes?|gaping|pools?|pooling|is\s+lowered|peels?\s+away"
        r"|(?:comes?|coming|came)\s+(?:loose|undone|open|off|away|apart))\b",
        "shirt blouse dress gown nightgown nightdress shift slip robe bathrobe towel kimono "
        "sarong wrap chemise bodice bra camisole negligee nightie toga top",
        starts="shirt blouse dress gown nightgown nightdress shift slip robe bathrobe towel "
        "kimono sarong wrap chemise bodice bra camisole negligee nightie toga top",
        also="slip slips slipping slipped falls fall falling fell drops drop dropping dropped "
        "slides slide sliding slid gapes gape gaping pools pool pooling lowered peels peel loose "
        "undone open off away apart",
        nudity=0.65,
        mode=Mode.STATE,
        signals=[Signal.UNDRESS],
        not_within=r"\b(?:that|which|slip\s+of|sheets?\s+of|drop\s+of)\b",
        not_before=r"(?:tank|bottle|table|desk|box|jar|roof|car|page|mountain|hill|tree|cliff"
        r"|train|bus|cabinet|counter|stove)\s+",
    ),
    _cue(
        "sheet slips to the waist",
        rf"\b(?:{_BEDDING_WORDS}|towel)\s+(?:[a-z\-]+\s+){{0,2}}?(?:slips?|slipping|slipped"
        r"|falls?|falling|fell|drops?|dropping|dropped|slides?|sliding|slid|is\s+(?:pulled|drawn"
        r"|folded|peeled)\s+(?:back|down)|peels?\s+away)\s+(?:down\s+)?(?:to|from|off|past"
        r"|away\s+from)\s+(?:her|his|their|the)\s+(?:waist|hips|shoulders|body|chest|breasts"
        r"|stomach|thighs|legs|navel|corpse)\b",
        "sheet sheets covers quilt duvet blanket blankets bedclothes bedsheets comforter "
        "eiderdown towel",
        also="waist hips shoulders body chest breasts stomach thighs legs navel corpse",
        nudity=0.75,
        mode=Mode.STATE,
        signals=[Signal.UNDRESS],
    ),
    _cue(
        "lowers a garment to the waist",
        r"\b(?:lowers?|lowering|lowered|push(?:es|ed|ing)?|pulls?|pulling|pulled|slides?|sliding"
        r"|slid|peels?|peeling|peeled|rolls?|rolling|rolled|drops?|dropping|dropped|shrugs?"
        r"|shrugging|shrugged|eases?|easing|eased|tugs?|tugging|tugged|slips?|slipping|slipped)\s+"
        r"(?:it|them|(?:the|her|his|their)\s+(?:[a-z\-]+\s+)?(?:gown|dress|top|blouse|shirt|robe"
        r"|bathrobe|towel|sheet|blanket|shift|slip|nightgown|nightdress|chemise|bodice|bra"
        r"|camisole|straps?|sarong|kimono|jeans|pants|trousers|skirt|shorts|underwear|panties"
        r"|boxers|briefs|knickers|tights|stockings))\s+(?:down\s+)?(?:to|off|from|past|below)\s+"
        r"(?:her|his|their)\s+(?:waist|hips|shoulders|ankles|knees|thighs|chest|elbows|feet)\b",
        "waist hips shoulders ankles knees thighs chest elbows feet",
        starts="lower* push* pull* slide* slid peel* roll* drop* shrug* ease* tug* slip*",
        nudity=0.75,
        signals=[Signal.UNDRESS],
        also="lower lowers lowering lowered push pushes pushed pushing pull pulls pulling pulled "
        "slide slides sliding slid peel peels peeling peeled roll rolls rolling rolled drop drops "
        "dropping dropped shrug shrugs shrugging shrugged ease eases easing eased tug tugs "
        "tugging tugged slip slips slipping slipped",
    ),
    # ---- nudity
    _cue(
        "naked",
        r"\b(?:stark[- ]|half[- ]|buck[- ]|butt[- ])?naked\b",
        "naked",
        nudity=0.85,
        mode=Mode.STATE,
        not_after=r"\s+(?:eye|eyes|ambition|ambitions|truth|flame|flames|blade|blades|sword|steel"
        r"|bulb|bulbs|light|lights|lightbulb|lightbulbs|aggression|hostility|fear|greed|hatred"
        r"|contempt|terror|emotion|grief|longing|desire|need|panic|self-interest|power|wire|wires"
        r"|branches|trees|boughs?|walls?|concrete|brick|floorboards?|rafters|beams|lie|fact|facts"
        r"|vulnerability|city|lunch|hostility|envy|rage|pain|hunger|honesty|appeal|plea"
        r"|question|threat|grab|attempt|display\s+of\s+(?:power|force|greed)|finger|fingers"
        r"|ring|wrist|wrists|throat|face|feet|foot|toes|arms?|hands?|shoulders?|scalp|gums)\b"
        r"|\s+[a-z0-9\-]+\s+(?:bulb|bulbs|lightbulb|lightbulbs|light|lights|flame|flames|blade"
        r"|blades|wire|wires|sword|steel|branches|walls?|beams|rafters)\b",
        not_before=r"(?:feels?|feeling|felt|looks?|looking|seems?|seemed)\s+(?:[a-z]+\s+)?"
        r"|(?:with|to)\s+the\s+|naked\s+and\s+",
    ),
    _cue(
        "nude",
        r"\b(?:semi-|half-)?nude\b",
        "nude",
        nudity=0.85,
        mode=Mode.STATE,
        not_after=r"\s*(?:-|\s)(?:colou?red|toned?|tones|lipstick|lip|lips|gloss|heels|pumps|shoes"
        r"|sandals|stockings|tights|pantyhose|hose|polish|nails|palette|shade|shades|makeup"
        r"|beige|leotard|bodysuit|fabric|silk|mesh|bra|underwear|thong|painting|paintings"
        r"|portrait|portraits|statue|statues|sculpture|sculptures|photo|photos|photograph"
        r"|photographs|sketch|sketches|drawing|drawings|study|studies|calendar|calendars"
        r"|magazine|magazines|pictures?|images?|selfies?)\b",
        not_before=r"(?:photos?|photographs?|paintings?|pictures?|images?|drawings?|sketch(?:es)?"
        r"|statues?|posters?)\s+of\s+(?:a\s+)?",
    ),
    _cue("nudity", r"\bnudity\b", "nudity", nudity=0.8, mode=Mode.STATE),
    _cue(
        "topless",
        r"\b(?:topless|bottomless)\b",
        "topless bottomless",
        nudity=0.85,
        mode=Mode.STATE,
        not_after=r"\s+(?:car|convertible|jeep|bus|roadster|pit|pits|cup|cups|coffee|brunch"
        r"|mimosas?|well|drink|drinks|hunger|appetite|supply|glass|mug|fries|chasm|abyss"
        r"|depths?|pool|lake|ocean|sea|void)\b",
    ),
    _cue(
        "in the buff",
        r"\b(?:in\s+the\s+buff|in\s+the\s+altogether|birthday\s+suit|au\s+naturel|starkers"
        r"|not\s+a\s+stitch|full[- ]frontal|frontal\s+nudity|skinny[- ]?dip\w*"
        r"|streak(?:s|ing)?\s+(?:across|through|past|down)|streakers?|mooning|moons\s+(?:the|them"
        r"|him|her"
        r"|us|everyone|the\s+camera)|in\s+the\s+nude)\b",
        "buff altogether birthday naturel starkers stitch frontal skinny dip dipping skinnydip "
        "skinnydipping streak streaks streaking streaker streakers mooning moons nude",
        nudity=0.85,
        mode=Mode.STATE,
    ),
    _cue(
        "wearing nothing",
        r"\b(?:wearing|wears|wore|in|clad\s+in|dressed\s+in)\s+(?:absolutely\s+)?nothing\b"
        r"(?!\s+(?:to|of|more|less|like|at\s+all\s+but|special|fancy|flat|new|formal|warm"
        r"|suitable|appropriate))|\b(?:has|had|having|with|got|without)\s+(?:anything|nothing)"
        r"\s+on\b(?!\s+(?:the|his|her|a|it|them|that|this|tv|television|tonight|today|tomorrow))",
        "nothing anything",
        starts="wearing wears wore in clad dressed has had having with got without",
        nudity=0.85,
        mode=Mode.STATE,
    ),
    _cue(
        "nothing but a towel",
        r"\bnothing\s+but\s+(?:a|an|his|her|their|the)?\s*(?:[a-z\-]+\s+){0,2}?(?:towel|sheet"
        r"|blanket|smile|apron|robe|shirt|socks?|boots|heels|stockings|underwear|boxers|briefs"
        r"|bra|panties|thong|lingerie|necklace|jewel\w*|hat|tie|weed|sheets?|bubbles|foam"
        r"|tattoos?|paint|body\s+paint|soap|suds|sock|shorts|g-string|pearls)\b",
        "nothing",
        nudity=0.85,
        mode=Mode.STATE,
        also="but",
    ),
    _cue(
        "and nothing else",
        r"\b(?:towel|robe|sheet|sock|socks|boots|shoes|hat|apron|tie|necklace|watch|smile"
        r"|blanket|wearing|slippers|heels|cap|shirt|t-shirt|jersey|sweater|hoodie|jacket|coat"
        r"|briefs|boxers|underwear|bra|panties)\b[^.;!?]{0,40}?(?:,|\band)\s+nothing\s+else\b",
        "else",
        nudity=0.85,
        mode=Mode.STATE,
    ),
    _cue(
        "wearing only a shirt",
        r"\b(?:wearing|wears|wore|in|clad\s+in)\s+(?:only|just|nothing\s+but)\s+(?:a|an|his|her"
        r"|their|[a-z][a-z\-]*'s)\s+(?:[a-z\-]+\s+)?(?:shirt|t-shirt|tee|jersey|sweater|hoodie"
        r"|towel|sheet|blanket|jacket|coat|apron|robe|tie|shirt-tail)\b",
        "only just nothing",
        nudity=0.65,
        mode=Mode.STATE,
        also="shirt tee jersey sweater hoodie towel sheet blanket jacket coat apron robe tie",
    ),
    _cue(
        "sheet draped over the hips",
        r"\b(?:sheet|towel|blanket|cloth|drape)\s+(?:is\s+)?(?:draped|folded|pulled|tucked"
        r"|bunched|twisted|tangled|wrapped|slung|thrown|lies|lying|lie|rests|resting|covers"
        r"|covering)\s+(?:loosely\s+|only\s+|just\s+)?(?:across|over|around|at|to)\s+(?:her|his"
        r"|their|the)\s+(?:hips|waist|buttocks|bottom|groin|lower\s+back|middle|loins|privates"
        r"|crotch|legs|thighs|ankles|knees)\b",
        "sheet towel blanket cloth drape",
        nudity=0.7,
        mode=Mode.STATE,
        also="hips waist buttocks bottom groin lower middle loins privates crotch legs thighs "
        "ankles knees",
    ),
    _cue(
        "in underwear",
        r"\b(?:in|wearing|wears|wore|clad\s+in|down\s+to|stripped\s+to|strips\s+to|stripping\s+to"
        r"|only|just|nothing\s+but|sits\s+in|stands\s+in)\s+(?:(?!(?:the|sports|swim|her\s+room"
        r"|his\s+room)\b)[a-z\-']+\s+){0,3}?" + _UNDERWEAR + r"\b",
        _UNDERWEAR_WORDS,
        starts="in wearing wears wore clad down stripped strips stripping only just nothing sits "
        "stands",
        nudity=0.8,
        mode=Mode.STATE,
        not_within=r"\b(?:sports\s+bra|swim\w*|bikini|drawer|catalog\w*|ad|advert\w*|store"
        r"|shop|basket|pile|bag|suitcase|box|hamper|laundry|package|packet|aisle)\b",
        not_after=r"\s+(?:drawer|drawers|catalog\w*|ad|ads|advert\w*|store|shop|section"
        r"|department|aisle|model|commercial|billboard|basket|pile|hamper)\b",
    ),
    _cue(
        "in a slip",
        r"\b(?:in|wearing|clad\s+in|down\s+to|stripped\s+to|nothing\s+but|only|just)\s+"
        r"(?:(?:his|her|a|an|just|only|thin|sheer|silk|silky|satin|cotton|lace|lacy|white|black"
        r"|damp|wet|linen|[a-z]+\s+and)\s+){1,3}(?:slip|shift|drawers|stays|briefs|smalls"
        r"|shorts\s+and\s+(?:a\s+)?bra)\b",
        "slip shift drawers stays briefs smalls",
        starts="in wearing clad down stripped nothing only just",
        nudity=0.75,
        mode=Mode.STATE,
        not_within=r"\b(?:double|night|day|late|early|work|long|short|twelve|split)\s+shift\b",
        not_after=r"\s+(?:dress|of|knot|road|lane|on|up|ring|work|change)\b|-(?:on|dress)",
    ),
    _cue(
        "underwear-clad",
        rf"\b{_UNDERWEAR}[- ]clad\b|\b(?:bra|panties|knickers|boxers|briefs|underwear|lingerie"
        r"|thong)\s+and\s+(?:bra|panties|knickers|boxers|briefs|underwear|stockings|garters?"
        r"|heels|socks|a\s+t-shirt|t-shirt|undershirt)\b",
        _UNDERWEAR_WORDS + " clad",
        starts=_UNDERWEAR_WORDS,
        nudity=0.55,
        mode=Mode.STATE,
        also="clad and",
    ),
    _cue(
        "in a towel",
        r"\b(?:in|wearing|wrapped\s+in|clad\s+in)\s+(?:just\s+|only\s+|nothing\s+but\s+)?"
        r"(?:a|his|her)\s+(?:[a-z\-]+\s+)?(?:bath\s+)?towel\b|\btowels?\s+(?:wrapped\s+|knotted\s+"
        r"|slung\s+|tied\s+|cinched\s+)?(?:around|round)\s+(?:his|her|their)\s+(?:waists?|hips"
        r"|bod(?:y|ies)|chests?)\b",
        "towel towels",
        starts="in wearing wrapped clad towel towels",
        nudity=0.55,
        mode=Mode.STATE,
    ),
    _cue(
        "bare body",
        r"\bbare[- ](?:breasted|assed|bottomed|naked)\b|\bbare\s+(?:breasts?|buttocks|ass|bottom"
        r"|backside|behind|bum|crotch|genitals|nipples?)\b",
        "bare",
        nudity=0.8,
        mode=Mode.STATE,
        also="breasted assed bottomed naked breast breasts buttocks ass bottom backside behind bum "
        "crotch genitals nipple nipples",
    ),
    _cue(
        "bare skin",
        r"\b(?:bare|naked|exposed)\s+(?:body|flesh|torso|skin)\b",
        "bare naked exposed",
        nudity=0.45,
        mode=Mode.STATE,
        also="body flesh torso skin",
    ),
    _cue(
        "bare back",
        r"\bbare[- ](?:chested|backed|shouldered)\b|\bshirtless\b|\b(?:her|his)\s+bare\s+(?:back"
        r"|chest|shoulders?|midriff|thighs|legs|skin)\b",
        "bare shirtless",
        nudity=0.3,
        mode=Mode.STATE,
    ),
    _cue(
        "pale backside",
        r"\b(?:his|her|their|[a-z][a-z\-]*'s)\s+(?:(?:pale|bare|naked|exposed|white|round|dimpled"
        r"|hairy|freckled|sunburned|sunburnt|wrinkled|tattooed)\s+){1,2}(?:breasts?|nipples?"
        r"|buttocks|backside|butt|ass|bottom|behind|rear|genitals|penis|body|flesh|buns)\b",
        "pale bare naked exposed dimpled hairy freckled sunburned sunburnt wrinkled tattooed",
        nudity=0.8,
        mode=Mode.STATE,
        not_within=r"\b(?:white|round)\s+(?:chest|body|torso)\b",
        also="breast breasts nipple nipples buttocks backside butt ass bottom behind rear "
        "genitals penis body flesh buns",
    ),
    _cue(
        "flashes a body",
        r"\b(?:flash(?:es|ed|ing)?|expos(?:es|ed|ing)|bar(?:es|ed|ing)|reveal(?:s|ed|ing)"
        r"|show(?:s|ed|ing)?|display(?:s|ed|ing))\s+(?:[a-z\-]+\s+)?(?:her|his|their)\s+"
        r"(?:[a-z\-]+\s+)?(?:breasts?|nipples?|buttocks|backside|butt|ass|bottom|behind|genitals"
        r"|penis|crotch|privates|naked\s+body|bare\s+body)\b|\b(?:breasts?|nipples?|buttocks"
        r"|backside|butt|bottom|genitals|penis|crotch)\s+(?:[a-z\-]+\s+)?(?:flash(?:es|ed)?"
        r"|(?:is|are)\s+(?:visible|exposed|bare|on\s+display|revealed|showing)|(?:comes?|pops?"
        r"|spills?|falls?|swings?)\s+(?:into\s+view|out|free|loose))\b",
        "flash flashes flashed flashing expose exposes exposed exposing bares bared baring "
        "reveals revealed revealing displays displayed visible view free spills spill pops "
        "breasts nipples buttocks genitals penis crotch privates",
        nudity=0.8,
        mode=Mode.STATE,
    ),
    _cue(
        "mentions a breast",
        r"\b(?:her|his|their)\s+(?:(?:left|right|bare|naked|exposed|small|full|heavy)\s+)?"
        r"(?:breasts?|nipples?|buttocks|genitals|penis)\b",
        "breast breasts nipple nipples buttocks genitals penis",
        nudity=0.4,
        mode=Mode.STATE,
        not_after=r"[\s-]+(?:pocket|pockets|cancer|milk|pump|implants?|reduction|exam|self-exam"
        r"|tissue|plate|stroke|feeding|size|augmentation|bone|of\s+the)\b",
    ),
    _cue(
        "exposes himself",
        r"\bexpos(?:es|ed|ing)\s+(?:him|her)self\b(?!\s+to\b)|\bflash(?:es|ed|ing)?\s+(?:him|her"
        r"|them|us"
        r"|the\s+(?:crowd|camera|class|car|guy|guys|boys|girls|room|bus|window|neighbou?rs?))\s*"
        r"(?=[.,;!?\-]|$)",
        "expose exposes exposed exposing flash flashes flashed flashing",
        nudity=0.8,
        violence=0.45,
        mode=Mode.STATE,
    ),
    _cue(
        "exposes himself to someone",
        r"\bexpos(?:es|ed|ing)\s+(?:him|her)self\s+to\b|\bflash(?:es|ed|ing)\s+(?:his|her)\s+"
        r"(?:genitals|penis|privates|crotch)\s+(?:at|to)\b",
        "expose exposes exposed exposing flash flashes flashed flashing",
        nudity=0.8,
        violence=0.75,
        mode=Mode.STATE,
    ),
    _cue(
        "breastfeeds",
        r"\bbreast[- ]?f(?:eed|eeds|eeding|ed)\b|\bnurs(?:es|ing)\s+(?:the|her)\s+(?:baby|infant"
        r"|newborn)\b",
        "breastfeed breastfeeds breastfeeding breastfed breast nurses nursing",
        nudity=0.6,
        mode=Mode.STATE,
    ),
    _cue(
        "in the shower",
        r"\b(?:in|under|into|out\s+of|steps\s+from)\s+the\s+(?:hot\s+|cold\s+)?shower\b"
        r"(?!\s+(?:curtain|rod|head|door|caddy|tray|drain|cap|gel|tiles?|floor|stall\s+door))"
        r"|\b(?:takes?|taking|took|grabs?|grabbing|grabbed)\s+a\s+(?:quick\s+|long\s+|hot\s+"
        r"|cold\s+)?shower\b|\b(?:showers|showering)\b(?=\s*(?:[.,;:\-]|$)|\s+(?:naked|quickly"
        r"|slowly|alone|together|in|under|and|while|off)\b)|\bshower\s+together\b",
        "shower showers showering",
        nudity=0.55,
        mode=Mode.STATE,
        not_before=r"(?:baby|bridal|meteor|rain|april|light|scattered|passing|wedding|spark)\s+"
        r"|\bwho\s+(?:[a-z]+\s+){0,3}",
        not_near=r"\b(?:fully\s+clothed|clothed|in\s+(?:his|her|their)\s+(?:clothes|uniform"
        r"|suit|dress|coat|jeans|pajamas)|shower\s+of|showers?\s+of|showers\s+(?:him|her|them|us)"
        r"\s+with)\b",
    ),
    _cue(
        "sinks into the bath",
        r"\b(?:sinks?|sinking|slips?|slipping|slides?|sliding|lowers?\s+(?:her|him)self|climbs?"
        r"|climbing|steps?|stepping|gets?|getting|eases?\s+(?:her|him)self)\s+(?:back\s+|down\s+)?"
        r"into\s+(?:the|a|her|his)\s+(?:hot\s+|steaming\s+|bubble\s+)?(?:bath|tub|bathtub)\b"
        r"|\bruns?\s+(?:a|her|his|the)\s+(?:hot\s+)?bath\b[^.;]{0,40}?\b(?:sinks?|slides?|slips?"
        r"|climbs?|steps?|gets?|lowers?)\s+(?:[a-z]+\s+)?(?:into|in)\b",
        "bath tub bathtub",
        nudity=0.55,
        mode=Mode.STATE,
        not_near=r"\b(?:fully\s+clothed|clothed|in\s+(?:his|her|their)\s+clothes|empty)\b",
    ),
    _cue(
        "in the bath",
        r"\b(?:in|into|out\s+of)\s+the\s+(?:bath|bathtub|tub|bubble\s+bath)\b(?!\s+(?:mat"
        r"|towel|toy|toys|salts?|water\s+running|tap|faucet))|\b(?:takes?|taking|took)\s+a\s+"
        r"(?:bath|bubble\s+bath|soak)\b|\b(?:bathes|bathing)\b(?!\s+(?:suit|suits|costume|cap"
        r"|beauty|the|a|his|her|their|in\s+(?:light|sunlight|the\s+glow)))",
        "bath bathtub tub bathes bathing soak",
        nudity=0.5,
        mode=Mode.STATE,
        not_near=r"\b(?:fully\s+clothed|clothed|in\s+(?:his|her|their)\s+clothes|empty\s+(?:bath"
        r"|tub)|edge\s+of\s+the\s+(?:bath|tub)|scrubs\s+the\s+(?:bath|tub))\b",
    ),
    _cue(
        "scantily clad",
        r"\b(?:scantily[- ]clad|half[- ]dressed|barely[- ]dressed|barely[- ]clothed"
        r"|partially[- ]dressed|partially[- ]clothed|semi[- ]naked|hyper[- ]exposed|wardrobe"
        r"\s+malfunction|skimpily[- ]dressed)\b",
        "scantily half barely partially semi hyper wardrobe skimpily",
        nudity=0.6,
        mode=Mode.STATE,
        also="clad dressed clothed naked exposed malfunction",
    ),
    _cue(
        "strips",
        r"\bstrip(?:s|ped|ping)?\b(?=\s+(?:off|down|naked|nude|bare|out\s+of|for\s+(?:him|her"
        r"|them|the)|in\s+front|completely|slowly|quickly|seductively|to\s+(?:his|her|their|the)"
        r"\s+(?:waist|skin|underwear|boxers|briefs|bra|panties|knickers|undershirt|drawers|shorts"
        r"|chemise|shift|slip))\b|\s*(?:[.,;:!?\-]|$))",
        "strip strips stripped stripping",
        nudity=0.75,
        signals=[Signal.UNDRESS],
    ),
    _cue(
        "striptease",
        r"\bstrip[- ]?teas(?:e|es|ing)\b|\blap\s?danc(?:e|es|ing|er)\b|\bstrip\s+search(?:es|ed"
        r"|ing)?\b|\bstrip-search\w*",
        "strip striptease stripteases stripteasing lap lapdance search",
        nudity=0.7,
        mode=Mode.STATE,
    ),
    _cue(
        "strip club",
        r"\bstrippers?\b|\bstrip\s+(?:club|joint)s?\b|\bburlesque\b|\bpeep\s+show\b",
        "stripper strippers strip burlesque peep",
        nudity=0.45,
        mode=Mode.STATE,
    ),
    _cue(
        "modesty garment",
        r"\b(?:pasties|nipple\s+covers?|modesty\s+(?:patch|pouch|garment|sock)|merkin"
        r"|flesh[- ](?:tone|toned|coloured|colored)\s+(?:underwear|thong|g-string|bra))\b",
        "pasties nipple modesty merkin flesh",
        nudity=0.7,
        mode=Mode.STATE,
    ),
    _cue(
        "changes clothes",
        r"\b(?:changes?|changing)\s+(?:her|his|their)?\s*(?:clothes|out\s+of|into)\b|\b(?:gets?"
        r"|getting)\s+dressed\b",
        "change changes changing dressed",
        nudity=0.3,
        mode=Mode.STATE,
    ),
    # ---- sex
    _cue(
        "go at it",
        r"\b(?:go|goes|going|went)\s+at\s+it\b(?=\s*(?:[.,;!?\-]|$)|\s+(?:like|again|hard|on|in)\b)",
        "go goes going went",
        also="it",
        sex=0.6,
        not_near=r"\b(?:fight\w*|argu\w+|punch\w*|box\w*|wrestl\w*|debat\w+|work\w*|hammer"
        r"|tongs|cook\w*|clean\w*|dog|dogs|cats|kids|brothers|sisters)\b",
    ),
    _cue(
        "make love",
        r"\b(?:make|makes|making|made)\s+love\b|\blove[- ]?making\b",
        "love lovemaking",
        sex=0.9,
        not_after=r"\s+to\s+(?:the\s+)?(?:camera|microphone|mic|audience|crowd|lens|song|music"
        r"|food|meal|dance|guitar|words?)\b",
    ),
    _cue(
        "have sex",
        r"\b(?:have|has|having|had)\s+(?:[a-z\-]+\s+){0,2}?sex\b(?![- ](?:ed|education|appeal"
        r"|life|talk|drive|scandal|tape|toy|shop|worker|offender|change|reassignment|of\s+the))"
        r"|\b(?:during|mid-|in\s+the\s+middle\s+of)\s*sex\b|\bsexual\s+intercourse\b"
        r"|\bintercourse\b|\bsex\s+(?:on|in|against|under)\s+(?:the|a)\b|\bsex\s+(?:scene|act"
        r"|acts)\b|\bcopulat\w+|\bcoitus\b",
        "sex intercourse copulate copulates copulating coitus",
        sex=0.9,
        not_before=r"(?:social|verbal|polite|friendly|cultural)\s+",
    ),
    _cue(
        "sleep together",
        r"\bsleep(?:s|ing)?\s+together\b",
        "sleep sleeps sleeping",
        sex=0.55,
        touch=0.3,
        not_near=r"\b(?:stay\s+warm|for\s+warmth|bunks?|twins|kids|children|siblings|sisters"
        r"|brothers|huddled|snor\w+|asleep|nap\w*|puppies|dogs|cats|in\s+shifts)\b",
        also="together",
    ),
    _cue(
        "sleep with",
        r"\bslept\s+together\b|\bsleep(?:s|ing)?\s+with\s+(?:him|her|them)\b(?=\s*(?:[.,;!?\-]|$)"
        r"|\s+(?:again|tonight|anyway|and|in|on|at)\b)",
        "slept sleep sleeps sleeping",
        sex=0.35,
        also="together with",
    ),
    _cue(
        "thrusting",
        r"\bthrust(?:s|ing)?\b(?=\s*(?:[.,;:!?\-]|$)|\s+(?:into\s+(?:her|him)|inside|against"
        r"\s+(?:her|him|each)|deeper|harder|faster|slowly|again|rhythmically|up\s+into|(?:his|her)"
        r"\s+(?:hips|pelvis)|(?:him|her)\b|in\s+(?:rhythm|time)))|\b(?:his|her|their)\s+thrusts\b",
        "thrust thrusts thrusting",
        sex=0.8,
        not_before=r"(?:sword|blade|knife|spear|lance|rapier|bayonet|the|a|main|its|whose)\s+",
    ),
    _cue(
        "rides him",
        r"\b(?:rides?|riding)\s+(?:him|her)\b(?=\s*(?:[.,;:!?\-]|$)|\s+(?:hard|slowly|faster"
        r"|harder|gently|rhythmically|urgently|until|like)\b)",
        "ride rides riding",
        sex=0.8,
    ),
    _cue(
        "moves over him",
        r"\bmov(?:es|ing|e|ed)\s+(?:slowly\s+|together\s+)?(?:(?:on\s+top\s+of|over|beneath|under"
        r"|underneath|against|inside|within|above|with)\s+(?:him|her)|(?:beneath|under|with|inside)"
        r"\s+each\s+other)\b",
        "move moves moving moved",
        starts="move moves moving moved",
        sex=0.8,
        not_after=r"\s*(?:to\s+(?:reach|grab|get|look|see|check|let|make|open|close|turn)"
        r"|on\s+the\s+dance\s*floor)",
        not_near=r"\b(?:dance|dancing|dances|waltz|tango|music|song|crowd)\b",
    ),
    _cue(
        "throes of passion",
        r"\bthroes\s+of\s+(?:passion|lovemaking|love|ecstasy|sex)\b|\bon\s+top\s+of\s+(?:him|her)"
        r"\b[^.;!?]{0,30}?\b(?:mov(?:e|es|ing)|rock(?:s|ing)?|thrust(?:s|ing)?|grind(?:s|ing)?"
        r"|rid(?:e|es|ing)|buck(?:s|ing)?)\b",
        "throes top",
        sex=0.8,
    ),
    _cue(
        "move together",
        r"\b(?:rock(?:s|ing)?|grind(?:s|ing)?|mov(?:es|ing|e))\s+(?:together|in\s+rhythm"
        r"|in\s+unison|as\s+one)\b",
        "together unison rhythm",
        sex=0.6,
        not_near=r"\b(?:dance|dancing|dances|dancers?|waltz|tango|music|song|crowd|boat|train|bus"
        r"|wave|waves|wind|branches|trees|oars?|rowing|march\w*|sway\w*|fight\w*|spar\w*"
        r"|circl\w+|box\w*|wrestl\w*|arm(?:y|ies)|troops|soldiers|team|players|band|choir"
        r"|furniture|couch|piano|boxes|crates|cars|ships|line|queue)\b",
        starts="rock rocks rocking grind grinds grinding move moves moving",
    ),
    _cue(
        "moving under the covers",
        rf"\b(?:under|beneath|underneath)\s+(?:the|a|their)\s+(?:[a-z\-]+\s+)?{_BEDDING}"
        r"[^.;!?]{0,80}?\b(?:mov(?:e|es|ing)|rock\w*|writh\w*|thrash\w*|buck\w*|undulat\w*"
        r"|heav\w*|rhythm\w*|bump\w*|wriggl\w*|hump\w*|moan\w*|pant(?:s|ing)?|gasp\w*)\b"
        r"|\b(?:mov(?:e|es|ing)|rock\w*|writh\w*|thrash\w*|undulat\w*|heav\w*|hump\w*"
        r"|moan\w*)\b[^.;!?]{0,40}?\b(?:under|beneath|underneath)\s+"
        rf"(?:the|a|their)\s+{_BEDDING}",
        "sheet sheets covers quilt duvet blanket blankets bedclothes bedsheets comforter eiderdown",
        sex=0.85,
        not_within=r"\b(?:restless\w*|nightmare|fever\w*|shiver\w*|toss(?:es|ing)?\s+and\s+turn"
        r"|asleep|sleeps|sleeping|snor\w+|dream\w*|cold|freez\w+|hid(?:e|es|ing)|cat|dog"
        r"|search\w*|feel(?:s|ing)?\s+for)\b",
        also="moan moans moaning moaned pant pants panting gasp gasps gasping move moves moving "
        "rock rocks rocking rocked writhe writhes writhing thrash thrashes thrashing buck bucks "
        "bucking undulate undulates undulating heave heaves heaving rhythm rhythmic rhythmically "
        "bump bumps bumping wriggle wriggles wriggling hump humps humping",
    ),
    _cue(
        "in a steady rhythm",
        r"\b(?:bed|beds|bedframe|bedstead|bedsprings|springs|mattress|headboard|duvet|quilt"
        r"|sheets|covers|blankets?|bunk|cot|car|van|sofa|couch|hammock)\b[^.;!?]{0,60}?"
        r"\b(?:creak\w*|squeak\w*|bang\w*|thump\w*|knock\w*|rock\w*|mov\w+|shak\w+|bounc\w+"
        r"|jounc\w+|sway\w*|groan\w*)\b[^.;!?]{0,60}?\b(?:rhythm\w*|steady\s+beat|in\s+time"
        r"|faster\s+and\s+faster|tempo)\b|\b(?:rhythmic(?:ally)?|steady|regular|unmistakable)\s+"
        r"(?:creak\w*|squeak\w*|bang\w*|thump\w*|knock\w*|rocking)\b|\b(?:headboard|bedframe"
        r"|bed)\s+(?:[a-z]+\s+){0,2}(?:bangs?|banging|thumps?|thumping|knocks?|knocking)\s+"
        r"(?:against|into)\s+the\s+wall\b|\b(?:creak\w*|squeak\w*|bang\w*|thump\w*|knock\w*"
        r"|rock\w*|bounc\w+)\s+rhythmically\b",
        "rhythm rhythmic rhythmically rhythms steady regular unmistakable tempo headboard bedframe",
        sex=0.8,
    ),
    _cue(
        "car rocks",
        r"\b(?:car|van|truck|camper|pickup|suv|sedan|caravan|trailer)\s+(?:[a-z]+\s+)?(?:rocks"
        r"|rocking|bounces|bouncing|shakes|shaking|sways|swaying|creaks|creaking)\b",
        "rocks rocking bounces bouncing shakes shaking sways swaying creaks creaking",
        sex=0.4,
        not_near=r"\b(?:wind|storm|gust\w*|earthquake|tremor|explosion|blast|road|pothole|bump\w*"
        r"|crash\w*|engine|idl\w+|waves?|sea|tide|traffic|train|truck\s+passes)\b",
        also="car van truck camper pickup suv sedan caravan trailer",
    ),
    _cue(
        "windows steam up",
        r"\bwindows?\s+(?:[a-z]+\s+)?(?:steam|steams|steaming|steamed|fog|fogs|fogging"
        r"|fogged)(?:\s+up)?\b",
        "steam steams steaming steamed fog fogs fogging fogged",
        sex=0.35,
        not_near=r"\b(?:shower|bath|kettle|breath|cold|rain|frost\w*|winter|snow|kitchen"
        r"|cooking|heater|defrost\w*)\b",
    ),
    _cue(
        "shapes move inside",
        r"\b(?:bodies|shapes|figures|silhouettes)\s+(?:[a-z]+\s+)?(?:move|moving|writhe"
        r"|writhing|rock|rocking|entwine|entwined)\b",
        "bodies shapes figures silhouettes",
        sex=0.35,
        not_near=r"\b(?:fog|mist|smoke|dark\w*|shadow\w*|crowd|dance\w*|water|trees|woods"
        r"|forest|ghost\w*|zombie\w*)\b",
    ),
    _cue(
        "moans with pleasure",
        r"\b(?:moan(?:s|ing|ed)?|groan(?:s|ing|ed)?|gasp(?:s|ing|ed)?|cr(?:ies|y|ying)\s+out|sighs?)"
        r"\s+(?:[a-z]+\s+)?(?:with|in)\s+(?:pleasure|ecstasy|delight|release|passion)\b"
        r"|\b(?:moans?|moaning|moaned)\b",
        "moan moans moaning moaned pleasure ecstasy passion",
        sex=0.35,
        not_after=r"\s+(?:in|with|from)\s+(?:pain|agony|despair|frustration|boredom|disgust"
        r"|annoyance|exasperation|protest|fear|sleep|grief)\b|\s+(?:about|that|at\s+the)\b",
        not_near=r"\b(?:wound|wounded|injur\w+|pain|agony|hurt|sick|fever|wind|ghost|dying"
        r"|dead|zombie|hangover|hungover|cramp\w*|bleed\w*|blood)\b",
    ),
    _cue(
        "climaxes",
        r"\bclimax(?:es|ing|ed)\b|\b(?:her|his|their)\s+climax\b|\borgasm\w*\b"
        r"|\bcom(?:es|ing)\s+inside\s+(?:her|him)\b",
        "climax climaxes climaxing climaxed orgasm orgasms orgasmic orgasming inside",
        sex=0.85,
        not_before=r"(?:song|aria|music|score|symphony|movement|film|story|storm|piece|speech"
        r"|sequence|chorus|crescendo|fight|battle|game|race|show|scene|plot|rally|opera"
        r"|orchestra|band|concert|chase|number|act|play|evening|night|season|tension|argument"
        r"|debate|build|drama|finale)\s+(?:[a-z]+\s+)?",
        not_after=r"\s+(?:of\s+the|in\s+the\s+(?:film|story|song|game|play))\b"
        r"|(?<=climaxes)\s+(?:his|her|their|the|a|an|its|with)\b"
        r"|(?<=climaxed)\s+(?:his|her|their|the|a|an|its|with)\b",
    ),
    _cue(
        "oral sex",
        r"\b(?:goes|going|went|gone|go)\s+down\s+on\s+(?:him|her)\b|\boral\s+sex\b"
        r"|\bblow[- ]?jobs?\b|\bcunnilingus\b|\bfellatio\b|\bsucks?\s+him\s+off\b"
        r"|\bhead\s+(?:[a-z]+\s+)?between\s+(?:her|his)\s+(?:legs|thighs)\b",
        "down oral blow blowjob blowjobs cunnilingus fellatio sucks suck between",
        sex=0.85,
        starts="goes going went gone go oral blow blowjob blowjobs cunnilingus fellatio sucks "
        "suck head",
    ),
    _cue(
        "kisses down her body",
        r"\bkiss(?:es|ed|ing)?\s+(?:his|her|their)\s+way\s+down\b",
        "kiss*",
        sex=0.45,
        kiss=0.8,
        touch=0.5,
        also="way",
    ),
    _cue(
        "masturbates",
        r"\bmasturbat\w+|\bjerk(?:s|ing|ed)?\s+(?:him|her|them)?sel(?:f|ves)\s+off\b"
        r"|\bjerk(?:s|ing|ed)?\s+off\b|\bpleasur(?:es|ing|ed)\s+(?:herself|himself|him|her)\b"
        r"|\bget(?:s|ting)?\s+(?:herself|himself)\s+off\b",
        "masturbate masturbates masturbating masturbated masturbation jerk jerks jerking jerked "
        "pleasures pleasuring pleasured herself himself",
        sex=0.8,
    ),
    _cue(
        "touches herself",
        r"\btouch(?:es|ing)?\s+(?:herself|himself|themselves)\b",
        "herself himself themselves",
        sex=0.55,
        not_after=r"\s+(?:to|on\s+the\s+(?:arm|face|shoulder|head|forehead)|for|as\s+if)",
    ),
    _cue(
        "hand into underwear",
        r"\b(?:hand|hands|fingers)\s+(?:[a-z\-]+\s+){0,2}?(?:slides?|slips?|moves?|disappears?"
        r"|goes|snakes?|dips?|reaches|creeps?|works?)\s+(?:down\s+)?(?:into|inside|beneath"
        r"|under|down)\s+(?:her|his|the)\s+(?:[a-z\-]+\s+)?(?:underwear|panties|knickers|boxers"
        r"|briefs|pants|jeans|shorts|waistband|trousers|skirt|pajama\w*|pyjama\w*)\b",
        "hand hands fingers",
        also="underwear panties knickers boxers briefs pants jeans shorts waistband trousers "
        "skirt pajamas pyjamas pajama pyjama",
        sex=0.6,
        touch=0.8,
        signals=[Signal.CONTACT],
    ),
    _cue(
        "orgy",
        r"\b(?:orgy|orgies|threesome|foursome|gangbang|group\s+sex|sex\s+party)\b",
        "orgy orgies threesome foursome gangbang sex",
        sex=0.8,
        nudity=0.4,
    ),
    _cue(
        "fucks",
        r"\b(?:fuck(?:s|ing)?|shag(?:s|ging)?|bonk(?:s|ing)?|screw(?:s|ing)?|bang(?:s|ing)?"
        r"|hump(?:s|ing)?)\s+(?:him|her|them|each\s+other)\b(?=\s*(?:[.,;:!?\-]|$)|\s+(?:hard"
        r"|again|senseless|silly|against|on|in|from|slowly|until|while|and)\b)|\b(?:they|he|she)"
        r"\s+(?:are\s+|is\s+)?(?:fuck|fucking|shag|shagging|humping)\b|\bhumping\b",
        "fuck fucks fucking shag shags shagging bonk bonks bonking screw screws screwing bang "
        "bangs banging hump humps humping",
        sex=0.8,
    ),
    _cue(
        "enters her",
        r"\b(?:enters?|entering|entered|penetrat(?:es|ed|ing)|push(?:es|ed|ing)|slides?|sliding"
        r"|slid|is|he's|she's)\s+(?:inside|into)\s+(?:her|him)\b(?=\s*(?:[.,;:!?\-]|$)|\s+(?:slowly"
        r"|gently|again|from\s+behind|and|as|hard|deeply|now|still)\b)|\b(?:enters?|entering|entered"
        r"|penetrat(?:es|ed|ing))\s+(?:her|him)\b(?=\s*(?:[.,;:!?\-]|$)|\s+(?:slowly|gently"
        r"|again|from\s+behind|and|as|hard|deeply)\b)",
        "enter enters entering entered penetrate penetrates penetrated penetrating inside",
        sex=0.85,
    ),
    _cue(
        "consummate",
        r"\bconsummat\w+\s+(?:the|their|his|her)\s+(?:marriage|union|relationship|love|wedding)\b",
        "consummate consummates consummated consummating",
        sex=0.8,
    ),
    _cue(
        "post-coital",
        r"\b(?:post[- ]coital|afterglow|after\s+(?:they\s+)?(?:make|made)\s+love|after\s+sex"
        r"|spent\s+and\s+sweaty|sweaty\s+and\s+spent)\b",
        "coital postcoital afterglow spent love sex",
        touch=0.55,
        nudity=0.3,
        signals=[Signal.BED],
    ),
    # ---- sexual violence
    _cue(
        "rape",
        r"\brap(?:e|es|ed|ing)\b|\brapist\b",
        "rape rapes raped raping rapist",
        violence=0.85,
        signals=[Signal.CONTACT],
        not_after=r"\s+(?:kit|kits|crisis|counsel\w*|charges?|case|cases|allegations?"
        r"|accusations?|victims?|survivors?|culture|jokes?|whistle|alarm|shield|trial|test"
        r"|seed|seeds|drug|hotline|report|statistics|center|centre|exam)\b",
        not_before=r"(?:oil|canola|statutory|false)\s+",
    ),
    _cue(
        "sexual assault",
        r"\bsexual(?:ly)?\s+(?:assault\w*|abus\w+|violat\w+|attack\w*)|\bmolest\w*",
        "sexual sexually molest molests molested molesting molestation molester",
        violence=0.75,
        signals=[Signal.CONTACT],
        not_after=r"\s+(?:charges?|case|cases|allegations?|victims?|survivors?|kit|trial"
        r"|hotline|report|complaint)\b",
    ),
    _cue(
        "forces himself on her",
        r"\bforc(?:es|ed|ing)\s+(?:him|her)self\s+(?:on|upon|onto)\b|\bforc(?:es|ed|ing)\s+"
        r"(?:her|him)\s+(?:down|onto|against|to\s+(?:the\s+)?(?:bed|floor|ground|wall|undress"
        r"|strip|kneel|touch|perform|his\s+knees|her\s+knees))\b|\bforc(?:es|ed|ing)\s+(?:his|her)"
        r"\s+(?:hand|hands)\s+(?:on|onto|against|into|under|between|inside)\b",
        "force forces forced forcing",
        violence=0.85,
        touch=0.6,
        signals=[Signal.RESTRAINT, Signal.CONTACT],
    ),
    _cue(
        "forces a kiss",
        r"\bforc(?:es|ed|ing)\s+(?:a\s+)?kiss\w*\s+on\s+(?:her|him)\b|\bforc(?:es|ed|ing)\s+(?:his"
        r"|her)\s+(?:mouth|lips|tongue)\s+(?:on|onto|against|into|over|upon)\b|\bforc(?:es|ed|ing)"
        r"\s+(?:her|him)\s+to\s+kiss\b",
        "force forces forced forcing",
        also="kiss kisses kissed kissing mouth lips tongue",
        kiss=0.85,
        violence=0.85,
        signals=[Signal.RESTRAINT, Signal.CONTACT],
    ),
    _cue(
        "forced to strip",
        r"\b(?:forc(?:e|es|ed|ing)|make|makes|made|making|orders?|ordered|ordering)\s+"
        r"(?:[a-z\-']+\s+){1,3}?to\s+(?:strip|undress|get\s+naked|take\s+off\s+(?:her|his|their)"
        r"\s+(?:clothes|shirt|top|dress|underwear|pants|trousers))\b",
        "force forces forced forcing make makes made making order orders ordered ordering",
        also="strip undress naked",
        violence=0.8,
        nudity=0.6,
        signals=[Signal.RESTRAINT],
    ),
    _cue(
        "against her will",
        r"\bagainst\s+(?:her|his|their)\s+(?:will|wishes|protests)\b|\bdespite\s+(?:her|his)\s+"
        r"protests\b|\bwithout\s+(?:her|his|their)\s+consent\b"
        r"|\bnon-?consensual\w*|\bunwanted\s+(?:advances?|touch\w*|kiss\w*|sexual|hands?"
        r"|attention)\b|\bwon't\s+take\s+no\b",
        "will wishes protests consent nonconsensual consensual unwanted",
        violence=0.75,
        mode=Mode.FIXED,
    ),
    _cue(
        "tears at her clothes",
        r"\b(?:tears?|tearing|tore|rips?|ripping|ripped|claws?|clawing|clawed|yanks?|yanking"
        r"|yanked|shreds?|shredding)\s+(?:at\s+|open\s+)?(?:her|his)\s+(?:[a-z\-]+\s+)?"
        r"(?:clothes|clothing|blouse|dress|shirt|top|skirt|underwear|panties|nightgown|bodice"
        r"|bra|uniform)\b",
        "clothes clothing blouse dress shirt top skirt underwear panties nightgown bodice bra "
        "uniform",
        starts="tear tears tearing tore rip rips ripping ripped claw claws clawing clawed yank "
        "yanks yanking yanked shred shreds shredding",
        also="tear tears tearing tore rip rips ripping ripped claw claws clawing clawed yank "
        "yanks yanking yanked shred shreds shredding",
        touch=0.5,
        signals=[Signal.CONTACT, Signal.UNDRESS, Signal.RESTRAINT],
        not_near=_CARE,
    ),
)

# Markers carry no evidence of their own: they feed the scene-level rules (coercion, implied
# sex) and are read only in scenes where some cue fired.
MARKERS: tuple[Cue, ...] = (
    _cue(
        "pins her down",
        r"\b(?:pins?|pinned|pinning)\s+(?:her|him|it|them|his|her)\b|\bholds?\s+(?:her|him)\s+"
        r"(?:down|still|in\s+place|against|there)\b|\bholding\s+(?:her|him)\s+(?:down|still"
        r"|against)\b|\b(?:grips?|gripped|gripping|grabs?|grabbed|grabbing|seizes?|seized|seizing"
        r"|clamps?|clamped|wrenches?|wrenched|twists?|twisted|catches|caught|takes|took|yanks?"
        r"|yanked)\s+(?:her|his)\s+(?:wrists?|arms?|hair|throat|jaw|chin|neck|ankles?|legs?)\b|\bcrowds?\s+"
        r"(?:her|him)\s+(?:against|into|back)\b|\bcorners?\s+(?:her|him)\b|\bblocks?\s+(?:her|him"
        r"|her\s+way|his\s+way|the\s+door)\b|\b(?:turns|locks)\s+the\s+(?:key|lock|door)\b"
        r"|\blocks?\s+the\s+door\b|\b(?:shoves?|shoved|pushes|pushed|slams?|slammed|forces|forced"
        r"|presses|pressed|drags?|dragged|throws?|threw|hurls?|hurled)\s+(?:her|him)\s+(?:back\s+"
        r"|down\s+|hard\s+)?(?:against|onto|into|to|on|down\s+on)\s+(?:the|a)\s+(?:wall|desk|bed"
        r"|table|floor|car|ground|door|shelves|counter|mattress|sofa|couch|seat|hood|lockers?)\b"
        r"|\btraps?\s+(?:her|him)\b|\blooms?\s+over\s+(?:her|him)\b",
        "pin pins pinned pinning hold holds holding grip grips gripped gripping grab grabs "
        "grabbed grabbing seize seizes seized seizing clamp clamps clamped wrench wrenches "
        "wrenched twist twists twisted catches caught takes took yank yanks yanked crowd crowds "
        "corner corners block blocks turns locks lock shove shoves shoved pushes pushed slam "
        "slams slammed forces forced presses pressed drag drags dragged throw throws threw hurl "
        "hurls hurled trap traps loom looms",
        starts="pin pins pinned pinning hold holds holding grip grips gripped gripping grab grabs "
        "grabbed grabbing seize seizes seized seizing clamp clamps clamped wrench wrenches "
        "wrenched twist twists twisted catches caught takes took yank yanks yanked crowd crowds "
        "corner corners block blocks turns locks lock shove shoves shoved pushes pushed slam "
        "slams slammed forces forced presses pressed drag drags dragged throw throws threw hurl "
        "hurls hurled trap traps loom looms",
        signals=[Signal.RESTRAINT],
    ),
    _cue(
        "struggles",
        r"\b(?:struggl(?:e|es|ed|ing)|fights?\s+(?:him|her|back)|fighting\s+(?:him|her|back)"
        r"|twists?\s+(?:away|free|out)|twisting\s+(?:away|free)|wrench(?:es|ed)?\s+(?:away|free"
        r"|herself|himself)|tries\s+to\s+(?:pull|push|get|twist|break|wriggle|squirm|escape|fight"
        r"|throw)|(?:shoves?|shoving|pushes|pushing|beats?|beating|pounds?|pounding|hits?|hitting)"
        r"\s+(?:at\s+)?(?:his|her)\s+chest|screams?|screaming|cries\s+out|whimper\w*|kicks?\s+"
        r"(?:him|her|at|out)|kicking\s+(?:at\s+)?(?:him|her)|knees?\s+him|drives?\s+(?:her|his)"
        r"\s+heel|claws?\s+at|clawing\s+at|scratch(?:es|ed|ing)\s+(?:at\s+)?(?:his|her|him)"
        r"|begs\s+(?:him|her)\s+to\s+stop|sobs|sobbing)\b",
        "struggle struggles struggled struggling fight fights fighting twist twists twisting "
        "wrench wrenches wrenched tries shove shoves shoving pushes pushing beat beats beating "
        "pound pounds pounding hit hits hitting scream screams screaming cries whimper whimpers "
        "whimpering kick kicks kicking knee knees drive drives claw claws clawing scratch "
        "scratches scratched scratching begs sobs sobbing",
        starts="struggle struggles struggled struggling fight fights fighting twist twists "
        "twisting wrench wrenches wrenched tries shove shoves shoving pushes pushing beat beats "
        "beating pound pounds pounding hit hits hitting scream screams screaming cries whimper "
        "whimpers whimpering kick kicks kicking knee knees drive drives claw claws clawing "
        "scratch scratches scratched scratching begs sobs sobbing",
        signals=[Signal.RESISTANCE, Signal.STRUGGLE],
    ),
    _cue(
        "pulls away",
        r"\b(?:pulls?\s+(?:free|away\s+from\s+(?:him|her))|tries\s+to\s+(?:step|leave|stop)|turns?"
        r"\s+(?:her|his)\s+(?:face|head)\s+away|recoils?|recoiling|flinch(?:es|ed|ing)?"
        r"|squirm\w*|(?:shoves?|pushes)\s+(?:him|her)\s+(?:away|off|back)|(?:slaps?|pushes|shoves"
        r"|swats?|brushes|moves|removes|knocks|bats|lifts|peels|pries)\s+(?:his|her)\s+hands?\s+"
        r"(?:away|off)|removes\s+(?:it|his\s+hand|her\s+hand)|rigid|frozen|backs?\s+(?:away|into"
        r"|up\s+against)"
        r"|stamps?|slaps?\s+(?:him|her)|escapes?|flees|bolts?\s+for|says\s+no)\b",
        "pull pulls tries turn turns recoil recoils recoiling flinch flinches flinched flinching "
        "squirm squirms squirming shove shoves pushes slap slaps rigid frozen back backs stamp "
        "stamps escape escapes flees bolt bolts says swat swats brushes moves removes knocks bats "
        "lifts peels pries",
        starts="pull pulls tries turn turns recoil recoils recoiling flinch flinches flinched "
        "flinching squirm squirms squirming shove shoves pushes slap slaps rigid frozen back "
        "backs stamp stamps escape escapes flees bolt bolts says swat swats brushes moves removes "
        "knocks bats lifts peels pries",
        signals=[Signal.RESISTANCE],
    ),
    _cue(
        "does not stop",
        r"\b(?:puts?\s+it\s+back|does\s+it\s+again|tries\s+again|does(?:n't|\s+not)\s+stop"
        r"|won't\s+stop|will\s+not\s+stop|keeps\s+(?:going|touching|kissing|pawing|groping"
        r"|pushing|pulling)|ignores\s+(?:her|him|it|the\s+protest|her\s+protests|his\s+protests)"
        r"|grabs\s+(?:her|him)\s+(?:again|harder|tighter|by\s+the))\b",
        "put puts does tries doesn won will keeps ignores grabs",
        starts="put puts does tries won will keeps ignores grabs",
        signals=[Signal.RESTRAINT],
        mode=Mode.FIXED,
    ),
    # ---- scene-level markers
    _cue(
        "each other",
        r"\b(?:each\s+other|one\s+another|kiss(?:es|ed)?\s+(?:him|her)\s+back|they(?:'re|\s+are)"
        r"\s+(?:kissing|making\s+out)|they\s+(?:[a-z]+\s+)?(?:kiss|make\s+out|undress|embrace)"
        r"|kissing\s+back|returns?\s+the\s+kiss)\b",
        "other another back kissing kiss return returns they",
        starts="each one kiss kisses kissed they kissing returns return",
        signals=[Signal.MUTUAL],
        mode=Mode.FIXED,
    ),
    _cue(
        "lights out",
        r"\b(?:lamp|light|lights|candle|candles|fire)\s+(?:[a-z]+\s+)?(?:goes\s+out|go\s+out"
        r"|gutters|gutter|dies|die|flickers\s+out|is\s+extinguished|snuffs\s+out|blown\s+out"
        r"|goes\s+dark|go\s+dark)\b|\b(?:blows|snuffs|switches|turns|clicks|knocks)\s+(?:out|off"
        r"|over)\s+the\s+(?:lamp|light|lights|candle)\b|\b(?:fade|fades|cut|cuts)\s+to\s+black\b"
        r"|\bthe\s+screen\s+goes\s+black\b|\blamp\s+goes\s+out\b|\bblackout\b",
        "lamp light lights candle candles fire black blackout",
        starts="lamp light lights candle candles fire blows snuffs switches turns clicks knocks "
        "fade fades cut cuts the blackout",
        signals=[Signal.DARKNESS],
        mode=Mode.FIXED,
    ),
    _cue(
        "interrupted",
        r"\b(?:knock\w*|doorbell|(?:phone|bell|alarm|buzzer)\s+(?:rings?|ringing|buzz\w*)"
        r"|bursts?\s+in|barges?\s+in|the\s+door\s+(?:opens|bangs|flies)|interrupt\w*"
        r"|freez(?:e|es)|spring\s+apart|springs\s+apart|jump\s+apart|jumps\s+apart|break\s+apart"
        r"|breaks\s+apart|pulls?\s+(?:back|away)|stops?\s+(?:him|her|short)|push\w*\s+(?:him|her)"
        r"\s+away|thinks\s+better|hesitat\w+|the\s+moment\s+(?:is\s+gone|passes))\b",
        "knock knocks knocking doorbell rings ringing buzz buzzes buzzing burst bursts barge "
        "barges opens bangs flies interrupt interrupts interrupted interrupting freeze freezes "
        "spring springs jump jumps break breaks pull pulls stop stops push pushes pushing "
        "pushed thinks hesitate hesitates hesitated hesitating hesitation gone passes",
        starts="knock knocks knocking doorbell phone bell alarm buzzer burst bursts barge barges "
        "the interrupt interrupts interrupted interrupting freeze freezes spring springs jump "
        "jumps break breaks pull pulls stop stops push pushes pushing pushed thinks hesitate "
        "hesitates hesitated hesitating hesitation",
        signals=[Signal.INTERRUPTION],
        mode=Mode.FIXED,
    ),
)


# --------------------------------------------------------------------------- anchor index


@dataclass(frozen=True, slots=True, eq=False)
class CueIndex:
    """Which cues a paragraph's words make worth trying."""

    cues: tuple[Cue, ...]
    by_word: Mapping[bytes, tuple[int, ...]]
    words: frozenset[bytes]

    @classmethod
    def of(cls, cues: tuple[Cue, ...]) -> CueIndex:
        anchors: frozenset[bytes] = frozenset().union(*(cue.anchors for cue in cues))
        by_word = {
            word: tuple(index for index, cue in enumerate(cues) if word in cue.anchors)
            for word in anchors
        }
        return cls(cues, MappingProxyType(by_word), anchors)

    def candidates(self, paragraph: set[bytes]) -> list[Cue]:
        """The cues worth trying on a paragraph with these `words()`, in lexicon order: one of
        its anchors is there, one of its `also` words if it has those, and one of its `starts`
        if it has those (no match can begin anywhere else)."""
        present = self.words & paragraph
        if not present:
            return []
        found: list[Cue] = []
        for cue, gates in _anchored(self, present):
            for gate in gates:
                if gate.isdisjoint(paragraph):
                    break
            else:
                found.append(cue)
        return found


@lru_cache(maxsize=8192)
def _anchored(
    index: CueIndex, present: frozenset[bytes]
) -> tuple[tuple[Cue, tuple[frozenset[bytes], ...]], ...]:
    """The cues one of the `present` words anchors, in lexicon order, each with the further
    word sets (`also`, `starts`) one of whose words the paragraph must hold."""
    found: set[int] = set()
    for word in present:
        found.update(index.by_word[word])
    return tuple(
        (cue, tuple(gate for gate in (cue.also, cue.starts) if gate))
        for cue in (index.cues[number] for number in sorted(found))
    )


EVIDENCE = CueIndex.of(CUES)
SCENE_MARKERS = CueIndex.of(MARKERS)
# The markers by the rules that read them, so each rule reads only its own: someone held or
# fighting (coercion), the answer to it (resistance, both taking part), the end of a beat
# (implied sex).
_MARKER_GROUPS = {
    "hold": ("pins her down", "does not stop", "struggles"),
    "response": ("pulls away", "each other"),
    "ending": ("lights out", "interrupted"),
}
MARKER_GROUPS = {
    group: CueIndex.of(tuple(cue for cue in MARKERS if cue.name in names))
    for group, names in _MARKER_GROUPS.items()
}
if sorted(name for names in _MARKER_GROUPS.values() for name in names) != sorted(
    cue.name for cue in MARKERS
):  # pragma: no cover
    raise ValueError("every marker belongs to one group")


# ------------------------------------------------------------------------ staging contexts

# Clause boundaries: punctuation, and conjunctions that start a new clause (kept in the clause).
CLAUSE_BOUNDARY = re.compile(
    r"[,;:()\[\]\u2014\u2013]|--|\.\.\.|\s-\s|\b(?:and|but|then|while|as|when|until|before"
    r"|after|because|though|although|yet|so|whereupon|whilst|once|or)\b"
)

# "they don't kiss", "never kisses", "no kiss", "without kissing"; not "can't stop kissing".
NEGATION = re.compile(
    r"(?:\b(?:not|never|no|without|nobody|neither|nor|none|instead\s+of|rather\s+than"
    r"|refuses\s+to|refused\s+to|fails\s+to|failed\s+to|stops\s+short\s+of|avoids|avoiding"
    r"|resists|resisting|forgoes|cannot)\b|n't\b|\bno\s+one\b)"
    r"(?!\s+(?:stop|stops|stopping|quit|quits|cease|ceases|longer|sooner|only|just|matter"
    r"|wonder|doubt|hesitat\w+|waste\w*|bother\w*|hold(?:ing)?\s+back|hesitation|shame"
    r"|less|further|more\s+than|sooner)\b)"
    r"(?:\s+\S+){0,4}\s*$"
)
# The words one of which each of these patterns needs (a paragraph without any of them
# cannot match, and the pattern is not tried): see `detect._Paragraph.contexts`. "n't" is the
# word "t" once apostrophes separate words.
NEGATION_WORDS = _anchors(
    "not never no without nobody neither nor none instead rather refuses refused fails failed "
    "stops avoids avoiding resists resisting forgoes cannot t"
)
APPROXIMATION_WORDS = _anchors("almost nearly about on close never so threatens")
# A kiss the sentence makes romantic, whoever the two are.
ROMANTIC_KISS = re.compile(
    r"\b(?:on\s+the\s+(?:mouth|lips)|(?:his|her|their)\s+(?:mouth|lips)|passionate\w*|deep(?:ly)?"
    r"|hungr\w+|lingering|long(?:ingly)?|slow(?:ly)?|tongue|sensual\w*|desperate\w*|urgent\w*"
    r"|romantic\w*|lover\w*)\b"
)
# For actions only: "she almost kisses him", "about to", "on the verge of".
APPROXIMATION = re.compile(
    r"\b(?:almost|nearly|about\s+to|on\s+the\s+verge\s+of|close\s+to|never\s+quite|so\s+close"
    r"\s+to|threatens\s+to)\b(?:\s+\S+){0,3}\s*$"
)
# Not happening in the scene: wished, planned, imagined, remembered, talked about, rumoured.
_IRREALIS = (
    r"\b(?:if|would|could|might|should|'d|wants?\s+to|wanted\s+to|wanting\s+to|wish(?:es|ed)?"
    r"|hopes?\s+to|hoping\s+to|going\s+to|gonna|plans?\s+to|planning\s+to|imagin\w+"
    r"|fantasi[sz]\w+|dream(?:s|ing|ed|t)?\s+(?:of|about|that)|daydream\w*|remember\w*"
    r"|recall\w*|reminisc\w+|memor(?:y|ies)\s+of|think(?:s|ing)?\s+(?:of|about)|thought\s+of"
    r"|talk(?:s|ing|ed)?\s+about|mention\w*|rumou?r\w*|gossip\w*|jok(?:es|ing|ed)\s+about"
    r"|as\s+if|as\s+though|tries\s+to|tried\s+to|trying\s+to|attempts?\s+to|attempting\s+to"
    r"|waits?\s+for|waiting\s+for|expects?|expecting|asks?\s+(?:him|her|them)\s+to|dares?"
    r"|daring|offers?\s+to|says|said|tells?|told|whispers?\s+that|describes?|describing"
    r"|explains?|brags?|confess\w*|admits?|claims?|supposedly|allegedly|apparently"
    r"|in\s+(?:his|her|their)\s+(?:mind|head|imagination|fantasy|fantasies|daydream)"
    r"|pictures?\s+(?:him|her|them|herself|himself)|envision\w*|longs?\s+to|aches?\s+to"
    r"|yearns?\s+to|dying\s+to|need(?:s)?\s+to|ready\s+to|about\s+(?:the|their|that|a)"
    r"|flashes\s+back\s+to|story\s+of|stories\s+of|legend\s+of|before\s+(?:\w+\s+)?(?:can"
    r"|could|gets?\s+to|has\s+a\s+chance))\b"
)
# The same alternatives grouped by their first letter: the regex engine tries each alternative
# in turn at every word, so grouping makes it try a letter first (about twice as fast).
_IRREALIS = (
    r"\b(?:" + _by_first_letter(_alternatives(_IRREALIS[len(r"\b(?:") : -len(r")\b")])) + r")\b"
)
IRREALIS = re.compile(_IRREALIS + r"[^.;]*$")
# Its words alone: where none is in a sentence, the pattern cannot match in it.
IRREALIS_WORDS = re.compile(_IRREALIS)
# An attempt that may not land: "leans in to kiss her", "goes in for a kiss".
ATTEMPT = re.compile(
    r"\b(?:leans?|leaning|leaned|moves?|moving|goes|going|went|reaches|reaching|bends?"
    r"|bending|tilts?|tilting|rises?|rising|comes|coming|steps?|stepping)\s+(?:in\s+|up\s+"
    r"|forward\s+|down\s+|closer\s+|over\s+)?(?:to|for)\s+(?:a\s+|another\s+)?$"
)
ATTEMPT_WORDS = _anchors(
    "lean leans leaning leaned move moves moving goes going went reaches reaching bend bends "
    "bending tilt tilts tilting rise rises rising comes coming step steps stepping"
)
INTERRUPTION = re.compile(
    r"\b(?:but|before|until|just\s+as|only\s+to|interrupt\w*|knock\w*|rings|ringing|buzz\w*"
    r"|bursts?\s+in|barges?\s+in|door\s+(?:opens|bangs|flies)|pulls?\s+(?:back|away)"
    r"|draws?\s+back|stops?|freez\w+|springs?\s+apart|jumps?\s+apart|breaks?\s+apart"
    r"|thinks?\s+better|hesitat\w+|turns?\s+away|turns?\s+(?:her|his)\s+(?:head|face|cheek)"
    r"|steps?\s+(?:back|away)|backs?\s+(?:off|away)|recoils?|flinch\w*|shakes?\s+(?:her|his)\s+head"
    r"|dodges?|ducks?|moment\s+(?:is\s+gone|passes)|cut\s+to|smash\s+cut|interrupted)\b"
    r"|--\s*$|—\s*$"
)
# Only heard, or out of the camera's view. The hints are a cheap first test. Through a wall
# is off screen; through a door or a window only when it is closed or heard through ("leans
# through the window and kisses him" is on screen).
OFFSCREEN_HINTS = (
    "o.s.", "o.c.", "off", "hear", "through", "next", "room", "behind", "muffled", "out of",
    "sound", "unseen",
)  # fmt: skip
OFFSCREEN = re.compile(
    r"(?:\bo\.s\.|\bo\.c\.|\boff[- ]?screen\b|\boff[- ]camera\b|\bwe\s+hear\b|\b(?:is|are|can\s+be"
    r"|could\s+be)\s+heard\b|\bheard\s+through\b|\bthrough\s+the\s+(?:(?:thin|bedroom"
    r"|paper-thin|motel|hotel)\s+)?(?:wall|walls|floor|floorboards|ceiling|headphones|earpiece"
    r"|speaker|speakers|phone|vent)\b|\bthrough\s+the\s+(?:closed|shut|locked)\s+(?:door|doors"
    r"|window)\b|\b(?:hears?|listens?|listening|sounds?|voices?|noises?)\b[^.;]{0,60}?\bthrough"
    r"\s+the\s+(?:[a-z]+\s+)?(?:door|doors|window)\b|\bnext\s+door\b"
    r"|\b(?:next|other|adjoining|adjacent|neighbou?ring)\s+room\b|\bbehind\s+(?:a|the)\s+"
    r"(?:closed|shut|locked)\s+door\b|\bmuffled\b|\bout\s+of\s+(?:frame|shot)\b|\bout\s+of\s+"
    r"(?:the\s+camera's|camera)\s+(?:view|sight)\b|\bsounds?\s+of\b|\bunseen\b)"
)
# A picture of it, not the thing: "a painting of a nude", "photos of them kissing".
DEPICTION = re.compile(
    r"\b(?:photo|photograph|picture|painting|portrait|poster|drawing|sketch|statue|sculpture"
    r"|magazine|centerfold|billboard|snapshot|polaroid|mural|figurine|cartoon|illustration"
    r"|postcard|calendar|advert\w*|tapestry|fresco|engraving|carving|doodle|graffiti|emoji"
    r"|gif|meme|thumbnail|book\s+cover|novel)s?\s+(?:[a-z\-']+\s+){0,3}?(?:of|showing"
    r"|depicting|featuring|with)\b[^.;]*$"
)
DEPICTION_WORDS = frozenset(
    word + suffix
    for word in _anchors(
        "photo photograph picture painting portrait poster drawing sketch statue sculpture "
        "magazine centerfold billboard snapshot polaroid mural figurine cartoon illustration "
        "postcard calendar tapestry fresco engraving carving doodle graffiti emoji gif meme "
        "thumbnail book novel cover selfie"
    )
    for suffix in (b"", b"s")
)
# ... or the picture named after it: "topless in the photo on his phone".
DEPICTED_AFTER = re.compile(
    r"\W*(?:[a-z\-']+\W+){0,3}?(?:in|on)\s+(?:the|a|an|his|her|their|this|that)\s+(?:[a-z\-]+\s+)?"
    r"(?:photo|photograph|picture|painting|portrait|poster|drawing|sketch|billboard|magazine"
    r"|cover|selfie|snapshot|polaroid|postcard|calendar|mural|advert\w*)s?\b"
)
# Words placing young people in the sentence ("a junior girl", "the teens").
YOUTH = re.compile(
    r"\b(?:teen(?:ager)?s?|teenaged?|adolescents?|(?:junior|sophomore|freshman|middle[- ]school"
    r"|high[- ]school|eighth[- ]grade|ninth[- ]grade|tenth[- ]grade|seventh[- ]grade)\s+"
    r"(?:girls?|boys?|kids?|students?|couples?|sweethearts?)|juniors|sophomores|schoolgirls?"
    r"|schoolboys?|underage|minors?|kids|children|tweens?|pre-?teens?|(?:seventh|eighth|ninth"
    r"|tenth|eleventh)[- ]graders?|high[- ]schoolers?|(?:thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|1[3-7])[- ]year[- ]olds?|bab(?:y|ies)|infants?|toddlers?|newborns?)\b"
)
YOUTH_HINTS = (
    "teen", "adolesc", "junior", "sophomore", "freshm", "school", "minor", "kid", "child",
    "underage", "tween", "grade", "year-old", "year old", "bab", "infant", "toddler", "newborn",
)  # fmt: skip
YOUTH_NOT_BEFORE = re.compile(
    r"(?:\blike|\bas\s+if|\bas\s+though|\bcollege|\buniversity|\bformer|\bex-|\bfor)\s+"
    r"(?:[a-z]+\s+)?$"
)
# Ages stated for a group in the scene ("juniors, sixteen and seventeen").
GROUP_AGES = re.compile(
    r"\b(?:aged\s+)?(?:thirteen|fourteen|fifteen|sixteen|seventeen)\s+(?:and|or|to)\s+"
    r"(?:fourteen|fifteen|sixteen|seventeen|eighteen)\b|\baged\s+(?:1[3-7]|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen)\b"
)
# Someone who only watches.
OBSERVER = re.compile(
    r"\s*(?:,[^,]{0,40},\s*)?(?:watch(?:es|ing)?|sees?|seeing|stares?|staring|looks?\s+(?:on|at"
    r"|away)|glances?|notices?|observes?|eyes|spies|spots?|peeks?|peers?|gapes?|gawks?"
    r"|turns?\s+away|rolls?\s+(?:her|his)\s+eyes|averts?|catches\s+sight|witness\w*|films?"
    r"|filming|records?|recording|photographs?|hears?|listens?)\b"
)
# Horseplay between people who are flirting: a slap on the backside that is not an assault.
PLAYFUL = re.compile(
    r"\b(?:playful\w*|teas(?:e|es|ing)\w*|flirt\w*|laugh\w*|giggl\w*|grin\w*"
    r"|wink\w*|smirk\w*|mock\w*)\b"
)
# Dialogue that objects or stops the moment.
SPOKEN_RESISTANCE = re.compile(
    r"\b(?:let\s+me\s+go|let\s+go\s+of\s+me|get\s+off(?:\s+of)?\s+me|get\s+away\s+from\s+me"
    r"|get\s+your\s+hands?\s+off|don't\s+touch\s+me|stop\s+it|please\s+stop|stop,?\s+please"
    r"|i\s+said\s+no|no,\s+no|help\s+me|you're\s+hurting\s+me|leave\s+me\s+alone|take\s+your"
    r"\s+hands\s+off|i\s+don't\s+want\s+(?:to|this)|someone\s+help)\b|\bhelp!"
)
SPOKEN_INTERRUPTION = re.compile(
    r"^\s*(?:wait|stop|no)\b|\b(?:we\s+can't|we\s+shouldn't|not\s+here|not\s+like\s+this"
    r"|not\s+tonight|i\s+can't\s+do\s+this|we\s+have\s+to\s+stop)\b"
)
TRANSITION_CUT = re.compile(
    r"\b(?:fade|fades|cut|cuts|dissolve|dissolves|smash|match|wipe|iris)\b|\bto\s+black\b"
)
