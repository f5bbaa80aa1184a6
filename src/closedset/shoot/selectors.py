"""Reads of the shoot day: the readiness board, a scene's day, its live state, the schedule.

Readiness evaluates sealed facts (riders, ages, guardian co-signatures) to decide a rule and shows
none of them: the board says "rider for one performer not issued in time", never whose or what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from closedset.choreography.selectors import approval_state
from closedset.consent.models import ConsentRecord, Rider
from closedset.consent.services import performer_age
from closedset.core import audit, crypto
from closedset.core.errors import NotFound
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access, access_for
from closedset.productions.selectors import members_with
from closedset.rules import readiness as rules
from closedset.rules.minors import is_minor
from closedset.scripts.models import Flag, FlagStatus, Scene
from closedset.scripts.selectors import scene_cast
from closedset.shoot import ics
from closedset.shoot.models import (
    BestEffort,
    CalendarLink,
    Debrief,
    Entry,
    FilmedConsent,
    PerformerCheckIn,
    RosterMember,
    SetCheckIn,
    ShootDay,
)
from closedset.shoot.policies import can_see_checkins, entry_cast, entry_scene
from closedset.shoot.services import FEELINGS, calendar_token_hash, call_instant

BOARD_DAYS = 7
BOARD_MAX_DAYS = 62

# --- choreography (the one call into the choreography app) -----------------------------------


@dataclass(frozen=True)
class Approval:
    has_choreography: bool
    approved: bool
    voided: bool
    reconfirm_pending: bool


def approval(scene: Scene) -> Approval:
    """Where the scene's choreography approval stands (R5, R8)."""
    state = approval_state(scene=scene)
    return Approval(
        has_choreography=state.has_choreography,
        approved=state.approved,
        voided=state.voided,
        reconfirm_pending=state.reconfirm_pending,
    )


# --- riders, read for the rules only ----------------------------------------------------------


@dataclass(frozen=True)
class RiderFacts:
    """What a performer's live rider says about one scene, for readiness (nothing shown)."""

    issued_at: datetime | None
    signed: bool
    garments: int
    allows_stills: bool
    confirmed_at: datetime | None = None  # R2: the IC's one-on-one confirmation


_SIGNED = {Rider.State.SIGNED, Rider.State.COUNTERSIGNED, Rider.State.ISSUED}


def _rider_facts(rider: Rider | None, lineage: str) -> RiderFacts:
    if rider is None:
        return RiderFacts(None, False, 0, False)
    content = crypto.unseal(rider, "content") or {}
    scene = next(
        (
            s
            for s in content.get("scenes", [])
            if s.get("scene") == lineage and not s.get("withdrawn")
        ),
        None,
    )
    if scene is None:
        return RiderFacts(None, False, 0, False)
    issued = rider.issued_at if rider.state == Rider.State.ISSUED else None
    return RiderFacts(
        issued_at=issued,
        signed=rider.state in _SIGNED,
        garments=len(scene.get("garments", [])),
        allows_stills=bool(scene.get("stills")),
        confirmed_at=rider.confirmed_at,
    )


def scene_performers(entry: Entry) -> dict[str, Membership]:
    """The performers readiness is about: those cast in the scene who have given consent for it
    (a part with only an off-screen line has none); everyone cast when nobody has yet."""
    cast = entry_cast(entry)
    answered = {
        str(m)
        for m in ConsentRecord.objects.filter(
            lineage=entry.lineage, member_id__in=list(cast), current__isnull=False
        ).values_list("member_id", flat=True)
    }
    return {mid: m for mid, m in cast.items() if mid in answered} if answered else cast


def performer_riders(entry: Entry) -> dict[str, RiderFacts]:
    """Each performer of the entry's scene → what their live rider says about it."""
    cast = scene_performers(entry)
    live = {
        str(r.member_id): r
        for r in Rider.objects.filter(member_id__in=list(cast)).exclude(
            state=Rider.State.SUPERSEDED
        )
    }
    return {mid: _rider_facts(live.get(mid), str(entry.lineage)) for mid in cast}


def _categories(scene: Scene) -> frozenset[str]:
    return frozenset(
        Flag.objects.filter(scene=scene)
        .exclude(status=FlagStatus.DISMISSED)
        .values_list("category", flat=True)
    )


def scene_categories(scene: Scene) -> frozenset[str]:
    """The scene's intimacy categories (dismissed flags left out); empty for a scene with none."""
    return _categories(scene)


def _guardian_signed(member: Membership, lineage: Any) -> bool:
    record = (
        ConsentRecord.objects.select_related("current")
        .filter(member=member, lineage=lineage)
        .first()
    )
    if record is None or record.current is None:
        return False
    answers = crypto.unseal(record.current, "answers") or {}
    return bool(answers.get("guardian_signed"))


@dataclass(frozen=True)
class EntryReadiness:
    entry: Entry
    scene: Scene
    call: datetime
    categories: frozenset[str]
    unmet: list[rules.Unmet]
    reasons: list[str]
    best_effort: BestEffort | None

    @property
    def ready(self) -> bool:
        return not self.unmet

    @property
    def label(self) -> str:
        return self.scene.number or str(self.scene.ordinal)


def entry_readiness(
    entry: Entry, *, coordinator: bool | None = None, effort: BestEffort | None = None
) -> EntryReadiness:
    production = entry.production
    scene = entry_scene(entry)
    call = call_instant(entry.day, production.time_zone)
    categories = _categories(scene)
    cast = scene_performers(entry)
    riders = performer_riders(entry)
    performers = []
    for mid, member in sorted(cast.items()):
        facts = riders[mid]
        age = performer_age(member, scene, on=entry.day.date)
        performers.append(
            rules.PerformerFacts(
                performer=mid,
                rider_issued_at=facts.issued_at,
                rider_signed=facts.signed,
                rider_confirmed_at=facts.confirmed_at,
                garments=facts.garments,
                allows_stills=facts.allows_stills,
                age=age,
                guardian_signed=_guardian_signed(member, entry.lineage) if is_minor(age) else False,
            )
        )
    state = approval(scene)
    if coordinator is None:
        coordinator = bool(members_with(production, Perm.CONSENT_COORDINATE))
    if effort is None and not coordinator:
        effort = BestEffort.objects.filter(production=production).select_related("by").first()
    roster = list(RosterMember.objects.filter(entry=entry))
    scene_facts = rules.SceneFacts(
        scene=str(entry.lineage),
        call_time=call,
        notice_hours=production.notice_hours,
        categories=categories,
        performers=tuple(performers),
        rehearsal=entry.kind == Entry.Kind.REHEARSAL,
        has_choreography=state.has_choreography,
        choreography_approved=state.approved,
        choreography_voided=state.voided,
        reconfirm_pending=state.reconfirm_pending,
        coordinator_assigned=coordinator,
        best_efforts_recorded=effort is not None,
        roster_set=bool(roster),
        stills_on_roster=any(r.stills for r in roster),
        third_adult=bool(entry.third_adult),
    )
    unmet = rules.readiness(scene_facts)
    return EntryReadiness(
        entry=entry,
        scene=scene,
        call=call,
        categories=categories,
        unmet=unmet,
        reasons=rules.describe(unmet),
        best_effort=None if coordinator else effort,
    )


@dataclass(frozen=True)
class BoardDay:
    day: ShootDay
    call: datetime
    entries: list[EntryReadiness] = field(default_factory=list)


def _entries(access: Access, start: date, end: date) -> Any:
    return (
        Entry.objects.filter(production=access.production, day__date__gte=start, day__date__lte=end)
        .select_related("day", "scene__revision__script", "production")
        .order_by("day__date", "created_at")
    )


def board_range(start: date | None, end: date | None) -> tuple[date, date]:
    first = start or timezone.localdate()
    last = end or first + timedelta(days=BOARD_DAYS)
    if last < first:
        raise ValueError("The end of the range is before its start.")
    if (last - first).days > BOARD_MAX_DAYS:
        raise ValueError(f"Ask for at most {BOARD_MAX_DAYS} days at a time.")
    return first, last


def readiness_board(*, access: Access, start: date, end: date) -> list[BoardDay]:
    """Every scheduled intimate scene between two dates, ready or not and why (production terms)."""
    if not access.has(Perm.READINESS_VIEW):
        raise NotFound()
    coordinator = bool(members_with(access.production, Perm.CONSENT_COORDINATE))
    effort = (
        None
        if coordinator
        else BestEffort.objects.filter(production=access.production).select_related("by").first()
    )
    days: dict[Any, BoardDay] = {}
    for entry in _entries(access, start, end):
        item = entry_readiness(entry, coordinator=coordinator, effort=effort)
        if not item.categories:
            continue
        board = days.setdefault(entry.day_id, BoardDay(entry.day, item.call))
        board.entries.append(item)
    return list(days.values())


# --- one scene's day ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInStatus:
    member_id: str
    name: str
    status: str  # "waiting", "confirmed", "changed"

    @property
    def label(self) -> str:
        return {
            "waiting": "Not checked in yet",
            "confirmed": "Re-confirmed for today",
            "changed": "Changing their consent",
        }[self.status]


@dataclass(frozen=True)
class EntryState:
    """What the day pages poll every second: small and cheap."""

    paused: bool
    paused_at: datetime | None
    filmed: bool
    checked_in: int
    performers: int
    checkins: list[CheckInStatus] | None  # coordinators only
    my_checkin: str | None


def entry_state(*, access: Access, entry: Entry, fresh: bool = True) -> EntryState:
    """``fresh=False`` when ``entry`` was just read for this request (the poll): its pause and
    filmed times are used as read, saving a query."""
    if fresh:
        row = Entry.objects.filter(pk=entry.pk).values("paused_at", "filmed_at").first()
        if row is None:
            raise NotFound()
    else:
        row = {"paused_at": entry.paused_at, "filmed_at": entry.filmed_at}
    cast = scene_performers(entry)
    rows = {
        str(c["member_id"]): c["outcome"]
        for c in PerformerCheckIn.objects.filter(entry=entry).values("member_id", "outcome")
    }
    statuses = [
        CheckInStatus(mid, m.user.name, rows.get(mid, "waiting"))
        for mid, m in sorted(cast.items(), key=lambda kv: kv[1].user.name)
    ]
    me = str(access.membership.pk)
    return EntryState(
        paused=row["paused_at"] is not None,
        paused_at=row["paused_at"],
        filmed=row["filmed_at"] is not None,
        checked_in=sum(1 for s in statuses if s.status == PerformerCheckIn.Outcome.CONFIRMED),
        performers=len(statuses),
        checkins=statuses if can_see_checkins(access) else None,
        my_checkin=rows.get(me, "waiting") if me in cast else None,
    )


@dataclass(frozen=True)
class RosterLine:
    member: Membership
    on_set: bool
    at_monitors: bool
    stills: bool
    checked_in: bool

    @property
    def where(self) -> str:
        places = [
            p for p, yes in (("on set", self.on_set), ("at monitors", self.at_monitors)) if yes
        ]
        text = " and ".join(places)
        return f"{text}, stills" if self.stills else text


def roster_list(*, entry: Entry) -> list[RosterLine]:
    inside = set(
        SetCheckIn.objects.filter(entry=entry, refused=False).values_list("member_id", flat=True)
    )
    rows = (
        RosterMember.objects.filter(entry=entry)
        .select_related("member__user")
        .order_by("member__department", "member__user__name")
    )
    return [
        RosterLine(r.member, r.on_set, r.at_monitors, r.stills, r.member_id in inside) for r in rows
    ]


def refused_count(*, entry: Entry) -> int:
    return SetCheckIn.objects.filter(entry=entry, refused=True).count()


def my_set_checkin(*, access: Access, entry: Entry) -> bool:
    return SetCheckIn.objects.filter(entry=entry, member=access.membership, refused=False).exists()


def production_members(*, access: Access) -> list[Membership]:
    return list(
        Membership.objects.filter(production=access.production, removed_at__isnull=True)
        .select_related("user")
        .prefetch_related("roles")
        .order_by("department", "user__name")
    )


@dataclass(frozen=True)
class DebriefLine:
    member: Membership
    answered: bool
    feeling: str | None
    note: str
    checked_at: datetime | None


def debrief_list(*, access: Access, entry: Entry) -> list[DebriefLine]:
    """Closure for each performer: the IC sees who has not been checked in with (audited read)."""
    if not access.has(Perm.CONSENT_VIEW_ALL):
        raise NotFound()
    cast = scene_cast(scene=entry_scene(entry))
    debriefs = {str(d.member_id): d for d in Debrief.objects.filter(entry=entry)}
    lines = []
    with transaction.atomic():
        for mid, member in sorted(cast.items(), key=lambda kv: kv[1].user.name):
            d = debriefs.get(mid)
            answer = crypto.unseal(d, "answer") if d and d.answer else None
            lines.append(
                DebriefLine(
                    member=member,
                    answered=answer is not None,
                    feeling=FEELINGS.get(answer["feeling"]) if answer else None,
                    note=answer.get("note", "") if answer else "",
                    checked_at=d.coordinator_checked_at if d else None,
                )
            )
        if any(line.answered for line in lines):
            audit.record(
                AuditAction.SHOOT_DEBRIEF_READ,
                actor=access.membership.user,
                production=access.production,
                obj=entry,
                summary=f"{len(lines)} debriefs",
            )
    return lines


def my_debrief(*, access: Access, entry: Entry) -> dict[str, Any] | None:
    debrief = Debrief.objects.filter(entry=entry, member=access.membership).first()
    if debrief is None or not debrief.answer:
        return None
    return crypto.unseal(debrief, "answer")  # type: ignore[no-any-return]


@dataclass(frozen=True)
class FrozenVersion:
    scene_label: str
    heading: str
    day: date
    version: int


def frozen_versions(*, access: Access, member: Membership) -> list[FrozenVersion]:
    """R4: the consent versions a performer was filmed under (their own history, and the IC's)."""
    if member.pk != access.membership.pk and not access.has(Perm.CONSENT_VIEW_ALL):
        raise NotFound()
    rows = (
        FilmedConsent.objects.filter(member=member)
        .select_related("entry__day", "entry__scene")
        .order_by("entry__day__date")
    )
    return [
        FrozenVersion(
            r.entry.scene.number or str(r.entry.scene.ordinal),
            r.entry.scene.heading,
            r.entry.day.date,
            r.number,
        )
        for r in rows
    ]


# --- the schedule ------------------------------------------------------------------------------


def schedule_list(*, access: Access, start: date | None = None) -> list[ShootDay]:
    """Shoot days from ``start`` (today) with their scenes, for planners."""
    if not access.has(Perm.READINESS_VIEW):
        raise NotFound()
    first = start or timezone.localdate()
    return list(
        ShootDay.objects.filter(production=access.production, date__gte=first)
        .prefetch_related("entries__scene")
        .order_by("date")[:60]
    )


def schedulable_scenes(*, access: Access) -> list[Scene]:
    """Intimate scenes of each script's newest revision, for the scheduling picker."""
    from closedset.scripts.models import Revision  # noqa: PLC0415

    scenes: list[Scene] = []
    latest: dict[Any, Revision] = {}
    for revision in Revision.objects.filter(production=access.production).order_by("number"):
        latest[revision.script_id] = revision
    for revision in latest.values():
        scenes.extend(
            Scene.objects.filter(revision=revision)
            .filter(flags__status__in=[FlagStatus.PENDING, FlagStatus.CONFIRMED])
            .distinct()
            .select_related("revision__script")
            .order_by("ordinal")
        )
    return scenes


@dataclass(frozen=True)
class MyEntry:
    entry: Entry
    scene: Scene
    call: datetime
    performer: bool
    rostered: bool


def my_entries(*, access: Access, start: date | None = None) -> list[MyEntry]:
    """The actor's own scheduled scenes (cast in them or on their roster) from today."""
    first = start or timezone.localdate()
    entries = (
        Entry.objects.filter(production=access.production, day__date__gte=first)
        .select_related("day", "scene__revision__script", "production")
        .order_by("day__date", "created_at")[:200]
    )
    rostered = set(
        RosterMember.objects.filter(member=access.membership, entry__in=entries).values_list(
            "entry_id", flat=True
        )
    )
    result = []
    for entry in entries:
        scene = entry_scene(entry)
        cast = str(access.membership.pk) in scene_cast(scene=scene)
        if cast or entry.pk in rostered:
            result.append(
                MyEntry(
                    entry,
                    scene,
                    call_instant(entry.day, access.production.time_zone),
                    cast,
                    entry.pk in rostered,
                )
            )
    return result


def todays_closed_sets(*, access: Access, on: date | None = None) -> list[Entry]:
    """Scenes with a closed set on a day: what the door check-in page offers (no details)."""
    day = on or timezone.localdate()
    return [
        e
        for e in Entry.objects.filter(production=access.production, day__date=day)
        .select_related("day", "scene", "production")
        .order_by("created_at")
        if _categories(entry_scene(e)) & rules.CLOSED_SET
    ]


def scene_for_schedule(*, access: Access, scene_id: Any) -> Scene:
    from closedset.core.ids import parse_uuid  # noqa: PLC0415

    scene = Scene.objects.filter(pk=parse_uuid(scene_id), production=access.production).first()
    if scene is None:
        raise NotFound()
    return scene


def cast_member(*, entry: Entry, member_id: Any) -> Membership:
    member = scene_cast(scene=entry_scene(entry)).get(str(member_id))
    if member is None:
        raise NotFound()
    return member


def smallest_closed_set(*, production: Any) -> int | None:
    """The fewest people rostered on any of the production's closed sets (None: no roster).
    A count only, for the concerns form's warning that a small group limits anonymity."""
    sizes = (
        RosterMember.objects.filter(entry__production=production)
        .values("entry")
        .annotate(size=Count("id"))
        .values_list("size", flat=True)
    )
    return min(sizes, default=None)


# --- calendar export ---------------------------------------------------------------------------

CALENDAR_PAST_DAYS = 14


def calendar_link_exists(*, access: Access) -> bool:
    return CalendarLink.objects.filter(member=access.membership).exists()


def calendar_for_token(token: str) -> tuple[str, list[ics.Event]]:
    """The calendar behind a private link: the holder's own scheduled scenes (cast in them or on
    their roster), scene number, heading and call time, nothing else. Unknown, revoked or a
    removed member: NotFound, by the same path (one lookup of the token's hash)."""
    link = (
        CalendarLink.objects.select_related("member__user", "production")
        .filter(token_hash=calendar_token_hash(token))
        .first()
    )
    access = access_for(link.member.user, link.production) if link is not None else None
    if link is None or access is None or access.membership.pk != link.member_id:
        raise NotFound()
    start = timezone.localdate() - timedelta(days=CALENDAR_PAST_DAYS)
    events = []
    for item in my_entries(access=access, start=start):
        label = item.scene.number or str(item.scene.ordinal)
        kind = "Rehearsal" if item.entry.kind == Entry.Kind.REHEARSAL else "Shoot"
        events.append(
            ics.Event(
                uid=f"{item.entry.pk}@closedset",
                start=item.call,
                summary=f"Scene {label}: {item.scene.heading} ({kind.lower()})",
                description=f"{kind}, call time. {link.production.title}.",
            )
        )
    return f"{link.production.title}: my shoot days", events
