"""Readiness of an intimate scene for a shoot day or rehearsal: every unmet condition and its rule.

    readiness(SceneFacts) -> list[Unmet]      empty when the scene is ready
    ready(SceneFacts) -> bool
    describe(list[Unmet]) -> list[str]        the reasons in production terms, counted, no names

The conditions (an intimate scene is one with at least one category; a scene with none has none):

| code | rule | unmet when |
|---|---|---|
| rider_not_issued | R1 | a performer has no issued rider covering this scene |
| rider_late | R1 | it was issued less than `notice_hours` before the call (elapsed) |
| rider_not_signed | R2 | a performer has not signed a rider covering this scene |
| one_on_one_missing | R2 | rehearsal: the rider's one-on-one confirmation is not before the call |
| garments_missing | R2 | nudity / simulated sex: a performer's rider lists no garment here |
| choreography_missing | R5 | the scene has no choreography |
| choreography_voided | R8 | its approval was voided (consent, cast or beats changed) |
| choreography_not_approved | R5 | it is not approved by coordinator and director |
| reconfirm_pending | R8 | changed on the day: a performer has yet to re-confirm it |
| ic_missing | R7 | nudity / sex acts: no IC engaged and no best-efforts record |
| roster_missing | R6 | nudity / simulated sex: no closed-set roster for the day |
| stills_not_allowed | R6 | a stills photographer is rostered but a performer's rider refuses |
| minor_sexual_content | R10 | a performer under 18 in a nudity / sexual scene |
| guardian_missing | R10 | a performer under 18 without a guardian's co-signature |
| third_adult_missing | R10 | a rehearsal with a performer under 18 and no third adult named |

Per-performer conditions are reported once per performer (``performer`` names the id, which the
app never shows on the board: `describe` counts instead). Conditions are independent: a rider that
is neither signed nor issued is two unmet conditions, and nothing is inferred from another.
The call time must be timezone-aware; notice is elapsed hours (see ``notice``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from closedset.rules.minors import is_minor
from closedset.rules.notice import rider_on_time

INTIMATE = frozenset({"kiss", "intimate_touch", "nudity", "simulated_sex", "sexual_violence"})
# Scenes that need a closed set (R6) and garments listed: nudity and simulated sex.
CLOSED_SET = frozenset({"nudity", "simulated_sex"})
# Scenes that need an IC or a best-efforts record (R7): nudity or sex acts.
NEEDS_IC = frozenset({"nudity", "simulated_sex", "sexual_violence"})
# R10: no performer under 18 in these.
BARRED_FOR_MINORS = frozenset({"nudity", "simulated_sex", "sexual_violence"})


@dataclass(frozen=True, slots=True)
class PerformerFacts:
    """What the app knows about one performer cast in the scene, for the day."""

    performer: str
    rider_issued_at: datetime | None = None  # issued rider covering this scene; None if none
    rider_signed: bool = False  # a signed rider (signed, countersigned or issued) covers it
    # R2: when the IC confirmed the rider covering this scene one-on-one; None if not yet
    rider_confirmed_at: datetime | None = None
    garments: int = 0  # garments and barriers the rider lists for this scene
    allows_stills: bool = False  # the rider allows stills for this scene
    age: int | None = None  # on the day; None when unknown (treated as adult, see minors)
    guardian_signed: bool = False  # R10: a guardian co-signed the consent in force


@dataclass(frozen=True, slots=True)
class SceneFacts:
    scene: str
    call_time: datetime
    notice_hours: int
    categories: frozenset[str]
    performers: tuple[PerformerFacts, ...] = ()
    rehearsal: bool = False
    has_choreography: bool = False
    choreography_approved: bool = False
    choreography_voided: bool = False
    reconfirm_pending: bool = False  # R8: changed on the day, not yet re-confirmed by everyone
    coordinator_assigned: bool = False
    best_efforts_recorded: bool = False
    roster_set: bool = False
    stills_on_roster: bool = False
    third_adult: bool = False


@dataclass(frozen=True, slots=True, order=True)
class Unmet:
    rule: str
    code: str
    performer: str | None = field(default=None)

    @property
    def message(self) -> str:
        return MESSAGES[self.code]


MESSAGES: dict[str, str] = {
    "rider_not_issued": "rider not issued",
    "rider_late": "rider not issued in time",
    "rider_not_signed": "rider not signed",
    "one_on_one_missing": "one-on-one rider confirmation not recorded before the rehearsal",
    "garments_missing": "no garments or barriers listed",
    "choreography_missing": "no choreography yet",
    "choreography_voided": "choreography approval voided by a change; the IC re-plans",
    "choreography_not_approved": "choreography not approved by the IC and the director",
    "reconfirm_pending": "choreography changed today; waiting for the performers to re-confirm",
    "ic_missing": "no intimacy coordinator engaged and no best-efforts attempt recorded",
    "roster_missing": "closed-set roster not set",
    "stills_not_allowed": "stills photographer rostered, but not every rider allows stills",
    "minor_sexual_content": "a performer under 18 cannot appear in nudity or sexual content",
    "guardian_missing": "guardian's co-signature missing",
    "third_adult_missing": "no third adult named for a rehearsal with a performer under 18",
}
RULES: dict[str, str] = {
    "rider_not_issued": "R1",
    "rider_late": "R1",
    "rider_not_signed": "R2",
    "one_on_one_missing": "R2",
    "garments_missing": "R2",
    "choreography_missing": "R5",
    "choreography_voided": "R8",
    "choreography_not_approved": "R5",
    "reconfirm_pending": "R8",
    "ic_missing": "R7",
    "roster_missing": "R6",
    "stills_not_allowed": "R6",
    "minor_sexual_content": "R10",
    "guardian_missing": "R10",
    "third_adult_missing": "R10",
}
PER_PERFORMER = frozenset(
    {
        "rider_not_issued",
        "rider_late",
        "rider_not_signed",
        "one_on_one_missing",
        "garments_missing",
        "minor_sexual_content",
        "guardian_missing",
    }
)


def _unmet(code: str, performer: str | None = None) -> Unmet:
    return Unmet(RULES[code], code, performer)


def _confirmed_before(confirmed_at: datetime | None, call_time: datetime) -> bool:
    """R2: the one-on-one confirmation strictly precedes the rehearsal's call."""
    if confirmed_at is None:
        return False
    if confirmed_at.tzinfo is None or confirmed_at.utcoffset() is None:
        raise ValueError("readiness: the rider confirmation time must be timezone-aware")
    return confirmed_at < call_time


def _performer(facts: SceneFacts, p: PerformerFacts) -> list[Unmet]:
    found: list[Unmet] = []
    if p.rider_issued_at is None:
        found.append(_unmet("rider_not_issued", p.performer))
    elif not rider_on_time(p.rider_issued_at, facts.call_time, facts.notice_hours):
        found.append(_unmet("rider_late", p.performer))
    if not p.rider_signed:
        found.append(_unmet("rider_not_signed", p.performer))
    if facts.rehearsal and not _confirmed_before(p.rider_confirmed_at, facts.call_time):
        found.append(_unmet("one_on_one_missing", p.performer))
    if facts.categories & CLOSED_SET and p.garments <= 0:
        found.append(_unmet("garments_missing", p.performer))
    if is_minor(p.age):
        if facts.categories & BARRED_FOR_MINORS:
            found.append(_unmet("minor_sexual_content", p.performer))
        if not p.guardian_signed:
            found.append(_unmet("guardian_missing", p.performer))
    return found


def readiness(facts: SceneFacts) -> list[Unmet]:
    """Every unmet condition for the scene on the day, sorted by rule and code."""
    if facts.call_time.tzinfo is None or facts.call_time.utcoffset() is None:
        raise ValueError("readiness: the call time must be timezone-aware")
    unknown = facts.categories - INTIMATE
    if unknown:
        raise ValueError(f"readiness: unknown categories {sorted(unknown)}")
    if not facts.categories:
        return []
    found: list[Unmet] = []
    for p in facts.performers:
        found.extend(_performer(facts, p))
    if not facts.has_choreography:
        found.append(_unmet("choreography_missing"))
    elif facts.choreography_voided:
        found.append(_unmet("choreography_voided"))
    elif not facts.choreography_approved:
        found.append(_unmet("choreography_not_approved"))
    if facts.has_choreography and facts.reconfirm_pending:
        found.append(_unmet("reconfirm_pending"))
    if facts.categories & NEEDS_IC and not (
        facts.coordinator_assigned or facts.best_efforts_recorded
    ):
        found.append(_unmet("ic_missing"))
    if facts.categories & CLOSED_SET and not facts.roster_set:
        found.append(_unmet("roster_missing"))
    if facts.stills_on_roster and not all(p.allows_stills for p in facts.performers):
        found.append(_unmet("stills_not_allowed"))
    if facts.rehearsal and not facts.third_adult and any(is_minor(p.age) for p in facts.performers):
        found.append(_unmet("third_adult_missing"))
    return sorted(found, key=lambda u: (_rule_order(u.rule), u.code, u.performer or ""))


def _rule_order(rule: str) -> int:
    return int(rule[1:])


def ready(facts: SceneFacts) -> bool:
    return not readiness(facts)


_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _performers(count: int) -> str:
    word = _NUMBERS.get(count, str(count))
    return f"{word} performer" if count == 1 else f"{word} performers"


def describe(unmet: list[Unmet]) -> list[str]:
    """Reasons in production terms, one per condition, counting performers instead of naming
    them: "R1: rider for one performer not issued in time"."""
    counts = Counter(u.code for u in unmet)
    lines: list[str] = []
    seen: set[str] = set()
    for u in unmet:
        if u.code in seen:
            continue
        seen.add(u.code)
        if u.code in PER_PERFORMER:
            text = MESSAGES[u.code]
            who = _performers(counts[u.code])
            if text.startswith("rider "):
                text = f"rider for {who} {text.removeprefix('rider ')}"
            elif u.code == "garments_missing":
                text = f"no garments or barriers listed for {who}"
            elif u.code == "guardian_missing":
                text = f"guardian's co-signature missing for {who} under 18"
            else:
                text = f"{text} ({who})"
            lines.append(f"{u.rule}: {text}")
        else:
            lines.append(f"{u.rule}: {MESSAGES[u.code]}")
    return lines
