"""The consent form: questions built from the vocabulary and a performer's current answers.

Every question is one radio group (yes / no / let's discuss / not answered) over one or two
items: a kiss on the lips and a body-to-body press are mutual, so one answer stores both
directions. In the page, question N posts ``item-N`` (a JSON list of its items, as
``rules.consent.item_to_json`` writes them) and ``answer-N`` ("yes", "no", "discuss", or "" for
not answered). Unanswered items are left out of the consent: they are never agreed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from closedset.consent import bodymap
from closedset.consent.selectors import ConsentView
from closedset.rules import consent as rules
from closedset.rules import vocabulary as vocab
from closedset.rules.minors import is_minor

ANSWER_CHOICES: tuple[tuple[str, str], ...] = (
    (vocab.Answer.YES.value, vocab.ANSWER_LABELS[vocab.Answer.YES]),
    (vocab.Answer.NO.value, vocab.ANSWER_LABELS[vocab.Answer.NO]),
    (vocab.Answer.DISCUSS.value, vocab.ANSWER_LABELS[vocab.Answer.DISCUSS]),
    ("", vocab.UNANSWERED_LABEL),
)
ANSWER_VALUES = frozenset(value for value, _ in ANSWER_CHOICES)
MAX_QUESTIONS = 2000
NOTE_MAX = 2000
GUARDIAN_MAX = 150

# The common placements offered per action; any other answer given earlier (through the API)
# appears under "Other answers", so nothing is lost by saving this form.
KISS_AREAS = ("neck", "face", "shoulders", "chest", "breasts", "abdomen", "upper_back")
HOLD_AREAS = ("shoulders", "upper_back", "lower_back", "hips")
CARESS_AREAS = (
    "head_hair",
    "face",
    "neck",
    "shoulders",
    "upper_back",
    "lower_back",
    "chest",
    "outer_thighs",
)
GRIP_AREAS = ("upper_arms", "forearms", "hands", "hips")
WHOLE_BODY_ACTIONS = ("body_press", "lie_on_top", "straddle")
SIMULATED_ACTIONS = tuple(code for code, a in vocab.CONTACT_ACTIONS.items() if a.simulated_sex)
GARMENT_HELP = "Yes means you need it for this scene."


class FormProblem(ValueError):
    """The posted form could not be read (changed or damaged); nothing is saved."""


@dataclass
class Question:
    index: int
    items: tuple[rules.Item, ...]
    label: str
    answer: str  # "" is not answered
    barred: str = ""  # why the question is closed (R10), if it is
    kept: str = ""  # a closed question posts its stored "no" unchanged

    @property
    def items_json(self) -> str:
        return json.dumps([rules.item_to_json(i) for i in self.items], separators=(",", ":"))

    @property
    def answer_label(self) -> str:
        return dict(ANSWER_CHOICES)[self.answer]


@dataclass
class Shape:
    path: str
    question: Question

    @property
    def css(self) -> str:
        return f"ans-{self.question.answer or 'none'}"


@dataclass
class MapView:
    name: str
    shapes: list[Shape]
    outline: list[str] = field(default_factory=list)
    viewbox: str = bodymap.VIEWBOX


@dataclass
class Group:
    title: str
    questions: list[Question]
    help: str = ""
    views: list[MapView] | None = None  # a body-map layer

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answer)


@dataclass
class Section:
    id: str
    title: str
    groups: list[Group]
    intro: str = ""

    @property
    def answered(self) -> int:
        return sum(group.answered for group in self.groups)

    @property
    def size(self) -> int:
        return sum(len(group.questions) for group in self.groups)


@dataclass
class Submission:
    answers: list[dict[str, Any]]
    typed: dict[rules.Item, str]
    version: int
    note: str
    guardian_name: str
    guardian_signed: bool
    confirm_profile_conflicts: bool = False


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _params(what: rules.Act) -> str:
    action = vocab.contact_action(what.action)
    given = dict(what.parameters)
    words = [p.choice(given[p.code]).phrase for p in action.parameters if p.code in given]
    return f" ({'; '.join(words)})" if words else ""


def _area(what: rules.Act) -> str:
    return vocab.body_area(what.area).phrase if what.area else ""


def give_text(what: rules.Act, partner: str) -> str:
    """ "I may kiss Luis on the neck (closed mouth)"."""
    verb = vocab.contact_action(what.action).verb
    done = verb.format(r=partner, rs=f"{partner}'s", area=_area(what))
    return f"I may {done}{_params(what)}"


def receive_text(what: rules.Act, partner: str) -> str:
    """ "Luis may kiss me on the neck (closed mouth)"."""
    verb = vocab.contact_action(what.action).verb
    return f"{partner} may {verb.format(r='me', rs='my', area=_area(what))}{_params(what)}"


def pair_text(what: rules.Act, partner: str) -> str:
    """ "Luis and I may kiss on the lips (closed mouth)"."""
    verb = vocab.contact_action(what.action).pair_verb or what.action
    return f"{partner} and I may {verb.format(area=_area(what))}{_params(what)}"


class _Builder:
    def __init__(
        self,
        current: Mapping[rules.Item, rules.Answer],
        *,
        age: int | None,
        partners: Mapping[str, str],
        typed: Mapping[rules.Item, str] | None,
        minor_partners: Collection[str],
    ) -> None:
        self.partners = partners
        self.minor_partners = minor_partners
        self.current = current
        self.typed = typed or {}
        self.minor = is_minor(age)
        self.used: set[rules.Item] = set()
        self.index = 0

    def answer(self, item: rules.Item) -> str:
        if item in self.typed:
            return self.typed[item]
        stored = self.current.get(item)
        return stored.value if stored is not None else ""

    def question(self, items: Iterable[rules.Item], label: str) -> Question:
        chosen = tuple(items)
        self.used.update(chosen)
        self.index += 1
        barred = self.closed(chosen[0])
        answer = self.answer(chosen[0])
        kept = "no" if barred and answer == "no" else ""
        return Question(self.index, chosen, _cap(label), kept if barred else answer, barred, kept)

    def closed(self, item: rules.Item) -> str:
        """R10: why no answer but no is possible, or "" when any answer is."""
        if not rules.barred_for_minors(item):
            return ""
        if self.minor:
            return "Not possible under 18 (R10)"
        covers = item.covers if isinstance(item, rules.DoubleItem) else item
        if isinstance(covers, rules.ContactItem) and covers.partner in self.minor_partners:
            return "Not possible with a partner under 18 (R10)"
        return ""

    def contact(self, what: rules.Act, pid: str | None, name: str) -> list[Question]:
        """Give and receive as two questions; a mutual contact as one while both agree."""
        gave = rules.ContactItem(vocab.Direction.GIVE, pid, what)
        received = rules.ContactItem(vocab.Direction.RECEIVE, pid, what)
        if vocab.reciprocal(what.action, what.area) and self.answer(gave) == self.answer(received):
            return [self.question((gave, received), pair_text(what, name))]
        return [
            self.question([gave], give_text(what, name)),
            self.question([received], receive_text(what, name)),
        ]

    def body_map(self, pid: str | None, name: str, direction: vocab.Direction) -> Group:
        questions: dict[str, Question] = {}
        for code, area in vocab.BODY_AREAS.items():
            item = rules.ContactItem(direction, pid, rules.act("touch_hand", code))
            questions[code] = self.question([item], area.label)
        views = [
            MapView(
                "Front" if side is vocab.View.FRONT else "Back",
                [Shape(path, questions[code]) for code, path in shapes],
                bodymap.BACK_OUTLINE if side is vocab.View.BACK else [],
            )
            for side, shapes in bodymap.VIEWS.items()
        ]
        if direction is vocab.Direction.RECEIVE:
            title = f"Where {name} may touch me"
        else:
            title = f"Where I may touch {name}"
        return Group(title, list(questions.values()), help="Touch with the hand.", views=views)

    def partner_sections(self, pid: str | None, name: str, n: int) -> list[Section]:
        suffix = f": {name}" if pid is not None else ""
        touch = Section(
            f"touch-{n}",
            f"Touch{suffix}",
            [
                self.body_map(pid, name, vocab.Direction.RECEIVE),
                self.body_map(pid, name, vocab.Direction.GIVE),
            ],
        )
        mouths = [c.code for c in vocab.MOUTH.choices]
        lips = Group(
            "Kiss on the lips",
            [
                q
                for mouth in mouths
                for q in self.contact(rules.act("kiss", "lips", mouth=mouth), pid, name)
            ],
            help="A kiss on the lips is mutual: one answer covers both of you.",
        )
        kisses = [("neck", "closed"), ("neck", "open_no_tongue")] + [
            (area, "closed") for area in KISS_AREAS[1:]
        ]
        give_kisses = Group(
            f"Where I may kiss {name}",
            [
                self.question(
                    [rules.ContactItem(vocab.Direction.GIVE, pid, rules.act("kiss", a, mouth=m))],
                    give_text(rules.act("kiss", a, mouth=m), name),
                )
                for a, m in kisses
            ],
        )
        receive_kisses = Group(
            f"Where {name} may kiss me",
            [
                self.question(
                    [
                        rules.ContactItem(
                            vocab.Direction.RECEIVE, pid, rules.act("kiss", a, mouth=m)
                        )
                    ],
                    receive_text(rules.act("kiss", a, mouth=m), name),
                )
                for a, m in kisses
            ],
        )
        kiss = Section(f"kiss-{n}", f"Kisses{suffix}", [lips, give_kisses, receive_kisses])
        groups = [
            self._area_group("hold_embrace", HOLD_AREAS, pid, name),
            self._area_group("caress", CARESS_AREAS, pid, name),
            self._area_group("grip", GRIP_AREAS, pid, name),
        ]
        for code in WHOLE_BODY_ACTIONS:
            groups.append(
                Group(
                    vocab.contact_action(code).label,
                    [
                        q
                        for choice in vocab.CLOTHING.choices
                        for q in self.contact(rules.act(code, clothing=choice.code), pid, name)
                    ],
                )
            )
        groups.append(
            Group(
                "Simulated acts",
                [q for code in SIMULATED_ACTIONS for q in self.contact(rules.act(code), pid, name)],
            )
        )
        contact = Section(f"contact-{n}", f"Other contact{suffix}", groups)
        return [touch, kiss, contact]

    def _area_group(self, code: str, areas: Iterable[str], pid: str | None, name: str) -> Group:
        return Group(
            vocab.contact_action(code).label,
            [q for area in areas for q in self.contact(rules.act(code, area), pid, name)],
        )

    def nudity(self) -> Section:
        groups = []
        for part in vocab.NUDITY_PARTS.values():
            questions = [
                self.question(
                    [rules.NudityItem(part.code, v.code)],
                    f"{part.label}: {vocab.in_sentence(v.label)}",
                )
                for v in vocab.VISIBILITIES.values()
                if vocab.needs_agreement(v.code)
            ]
            groups.append(Group(part.label, questions))
        groups.append(
            Group(
                "Modesty garments",
                [
                    self.question([rules.ModestyItem(m.code)], m.label)
                    for m in vocab.MODESTY_LEVELS.values()
                ],
                help="Appearing on camera in this modesty garment.",
            )
        )
        return Section(
            "nudity",
            "My nudity",
            groups,
            intro="For each part of the body: how much of it may be seen on camera.",
        )

    def garments(self) -> Section:
        questions = [
            self.question([rules.GarmentItem(g.code)], g.label) for g in vocab.GARMENTS.values()
        ]
        return Section(
            "garments",
            "Garments and barriers I need",
            [Group("Garments and barriers", questions, help=GARMENT_HELP)],
        )

    def doubles(self) -> Section:
        covered: list[rules.ContentItem] = []
        for item in [*self.current, *self.typed]:
            if isinstance(item, rules.NudityItem | rules.ModestyItem) and item not in covered:
                has_double = any(
                    rules.DoubleItem(kind, item) in self.current for kind in vocab.DoubleKind
                )
                if self.answer(item) == "yes" or has_double:
                    covered.append(item)
        covered.sort(key=rules.item_key)
        groups = [
            Group(
                rules.describe_item(item),
                [
                    self.question(
                        [rules.DoubleItem(kind, item)], f"A {label.lower()} may perform this"
                    )
                    for kind, label in vocab.DOUBLE_KINDS.items()
                ],
            )
            for item in covered
        ]
        return Section(
            "doubles",
            "Doubles",
            groups,
            intro=(
                "For each nudity answer saved as yes: whether a body double or a digital double "
                "may perform it. A double never goes beyond what you agreed."
            ),
        )

    def stills(self) -> Section:
        question = self.question([rules.StillsItem()], f"{vocab.STILLS_LABEL} may be taken")
        return Section("stills", "Stills", [Group("Stills", [question])])

    def others(self) -> Section | None:
        names = dict(self.partners)
        left = [i for i in [*self.current, *self.typed] if i not in self.used]
        unique = sorted(dict.fromkeys(left), key=rules.item_key)
        if not unique:
            return None
        questions = [self.question([i], rules.describe_item(i, names)) for i in unique]
        return Section(
            "other",
            "Other answers",
            [Group("Answers given earlier", questions)],
            intro="Answers that are not in the lists above. They stay as they are unless you "
            "change them here.",
        )


def build_sections(
    view: ConsentView,
    typed: Mapping[rules.Item, str] | None = None,
    *,
    minor_partners: Collection[str] = (),
) -> list[Section]:
    """The form's sections for a performer's consent; `typed` overrides the stored answers
    (what the person sent on a submit that was refused). Sexual-content questions about a
    partner in `minor_partners` are closed (R10)."""
    builder = _Builder(
        view.consent.answers,
        age=view.age,
        partners=view.partners,
        typed=typed,
        minor_partners=minor_partners,
    )
    sections: list[Section] = []
    partners = sorted(view.partners.items(), key=lambda pair: pair[1])
    for n, (pid, name) in enumerate(partners, start=1):
        sections.extend(builder.partner_sections(pid, name, n))
    sections.extend([builder.nudity(), builder.garments()])
    sections.extend([builder.doubles(), builder.stills()])
    others = builder.others()
    if others is not None:
        sections.append(others)
    return sections


ANY_PARTNER = "a partner"


def build_profile_sections(
    profile: rules.BoundaryProfile,
    typed: Mapping[rules.Item, str] | None = None,
    *,
    age: int | None,
) -> list[Section]:
    """The boundary profile's sections: the same questions as a scene's, about any partner."""
    builder = _Builder(profile.answers, age=age, partners={}, typed=typed, minor_partners=())
    sections = builder.partner_sections(None, ANY_PARTNER, 1)
    sections.extend([builder.nudity(), builder.garments(), builder.stills()])
    others = builder.others()
    if others is not None:
        sections.append(others)
    return sections


_ITEM_KEY = re.compile(r"item-(\d{1,5})")


def _items(raw: str) -> list[rules.Item]:
    try:
        decoded = json.loads(raw)
    except ValueError:
        raise FormProblem("A question in the form could not be read.") from None
    entries = decoded if isinstance(decoded, list) else [decoded]
    if not 1 <= len(entries) <= 2:
        raise FormProblem("A question in the form could not be read.")
    try:
        return [rules.item_from_json(entry) for entry in entries]
    except (ValueError, TypeError) as exc:
        raise FormProblem(f"A question in the form could not be read ({exc}).") from None


def parse_submission(data: Mapping[str, Any]) -> Submission:
    """Read a posted form; FormProblem for anything changed or damaged."""
    indexes = sorted(int(m.group(1)) for key in data if (m := _ITEM_KEY.fullmatch(key)))
    if len(indexes) > MAX_QUESTIONS:
        raise FormProblem("The form has more questions than it can hold.")
    typed: dict[rules.Item, str] = {}
    for index in indexes:
        answer = data.get(f"answer-{index}", "")
        if answer not in ANSWER_VALUES:
            raise FormProblem("An answer in the form is not yes, no, let's discuss or blank.")
        for item in _items(data.get(f"item-{index}", "")):
            if typed.get(item, answer) != answer:
                raise FormProblem(f"{rules.describe_item(item)} has two different answers.")
            typed[item] = answer
    version = data.get("version", "")
    if not isinstance(version, str) or not version.isdigit() or len(version) > 9:
        raise FormProblem("The form does not say which version of the answers it changes.")
    note = data.get("note", "")
    if not isinstance(note, str) or len(note) > NOTE_MAX:
        raise FormProblem(f"The private note is longer than {NOTE_MAX} characters.")
    guardian = data.get("guardian_name", "")
    if not isinstance(guardian, str) or len(guardian) > GUARDIAN_MAX:
        raise FormProblem(f"The guardian's name is longer than {GUARDIAN_MAX} characters.")
    answers = [
        {"item": rules.item_to_json(item), "answer": answer}
        for item, answer in typed.items()
        if answer
    ]
    return Submission(
        answers=answers,
        typed=typed,
        version=int(version),
        note=note.replace("\r\n", "\n"),
        guardian_name=guardian.strip(),
        guardian_signed=data.get("guardian_signed") == "on",
        confirm_profile_conflicts=data.get("confirm_profile_conflicts") == "on",
    )
