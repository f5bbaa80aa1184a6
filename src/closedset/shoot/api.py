"""Shoot-day API: the readiness board, a scene's roster, check-ins, pause and resume, filming, and
the small state the day pages poll."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from closedset.core.errors import ServiceError
from closedset.core.permissions import Perm
from closedset.productions.policies import get_production_for_actor
from closedset.shoot import selectors, services
from closedset.shoot.models import Entry, PerformerCheckIn
from closedset.shoot.policies import get_entry_for_actor, get_entry_for_checkin

router = Router(tags=["shoot"])


class RangeIn(Schema):
    start: date | None = Field(None, alias="from", description="First day (default today).")
    end: date | None = Field(None, alias="to", description="Last day (default a week on).")


class UnmetOut(Schema):
    rule: str
    code: str
    count: int


class BestEffortOut(Schema):
    by: str
    tried_on: date
    note: str


class BoardEntryOut(Schema):
    scene_id: uuid.UUID
    day_id: uuid.UUID
    number: str
    heading: str
    kind: str
    call_time: datetime
    ready: bool
    reasons: list[str]
    unmet: list[UnmetOut]
    best_effort: BestEffortOut | None


class BoardDayOut(Schema):
    day_id: uuid.UUID
    date: date
    call_time: datetime
    scenes: list[BoardEntryOut]


class ReadinessOut(Schema):
    production_id: uuid.UUID
    start: date = Field(..., serialization_alias="from")
    end: date = Field(..., serialization_alias="to")
    days: list[BoardDayOut]


def _unmet(item: selectors.EntryReadiness) -> list[UnmetOut]:
    counts: dict[tuple[str, str], int] = {}
    for u in item.unmet:
        counts[(u.rule, u.code)] = counts.get((u.rule, u.code), 0) + 1
    return [UnmetOut(rule=r, code=c, count=n) for (r, c), n in counts.items()]


@router.get(
    "/productions/{production_id}/readiness",
    response=ReadinessOut,
    by_alias=True,
    operation_id="readiness_get",
)
def readiness_get(
    request: HttpRequest, production_id: uuid.UUID, query: Query[RangeIn]
) -> ReadinessOut:
    """Every scheduled intimate scene in a date range: ready or not, and why, in production
    terms (rule ids; never a performer's name or answers). Planners only."""
    access = get_production_for_actor(
        request.user, production_id, need=Perm.READINESS_VIEW, visible=Perm.READINESS_VIEW
    )
    try:
        start, end = selectors.board_range(query.start, query.end)
    except ValueError as exc:
        raise ServiceError(str(exc), field="to") from None
    board = selectors.readiness_board(access=access, start=start, end=end)
    return ReadinessOut(
        production_id=access.production.pk,
        start=start,
        end=end,
        days=[
            BoardDayOut(
                day_id=d.day.pk,
                date=d.day.date,
                call_time=d.call,
                scenes=[
                    BoardEntryOut(
                        scene_id=e.scene.pk,
                        day_id=d.day.pk,
                        number=e.label,
                        heading=e.scene.heading,
                        kind=e.entry.kind,
                        call_time=e.call,
                        ready=e.ready,
                        reasons=e.reasons,
                        unmet=_unmet(e),
                        best_effort=BestEffortOut(
                            by=e.best_effort.by.name,
                            tried_on=e.best_effort.tried_on,
                            note=e.best_effort.note,
                        )
                        if e.best_effort
                        else None,
                    )
                    for e in d.entries
                ],
            )
            for d in board
        ],
    )


class RosterRowIn(Schema):
    member_id: uuid.UUID
    on_set: bool = True
    at_monitors: bool = False
    stills: bool = False


class RosterIn(Schema):
    roster: list[RosterRowIn] = Field(default_factory=list, max_length=500)


class RosterRowOut(Schema):
    member_id: uuid.UUID
    name: str
    department: str
    on_set: bool
    at_monitors: bool
    stills: bool
    checked_in: bool


class RosterOut(Schema):
    scene_id: uuid.UUID
    day_id: uuid.UUID
    roster: list[RosterRowOut]


def _roster_out(entry: Entry) -> RosterOut:
    return RosterOut(
        scene_id=entry.scene_id,
        day_id=entry.day_id,
        roster=[
            RosterRowOut(
                member_id=line.member.pk,
                name=line.member.user.name,
                department=line.member.department,
                on_set=line.on_set,
                at_monitors=line.at_monitors,
                stills=line.stills,
                checked_in=line.checked_in,
            )
            for line in selectors.roster_list(entry=entry)
        ],
    )


DAY = "/scenes/{scene_id}/days/{day_id}"


@router.get(DAY + "/roster", response=RosterOut, operation_id="roster_get")
def roster_get(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> RosterOut:
    """The closed-set roster (names and departments): planners, the cast and the roster."""
    _, entry = get_entry_for_actor(request.user, scene_id, day_id)
    return _roster_out(entry)


@router.put(DAY + "/roster", response=RosterOut, operation_id="roster_put")
def roster_put(
    request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID, payload: RosterIn
) -> RosterOut:
    """Replace the roster (intimacy coordinator or first AD). R6: stills only where every
    performer's rider allows them."""
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    services.roster_set(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        entry=entry,
        rows=[services.RosterRow(**row.model_dump()) for row in payload.roster],
    )
    return _roster_out(entry)


class CheckInStatusOut(Schema):
    member_id: uuid.UUID
    name: str
    status: str


class StateOut(Schema):
    paused: bool
    paused_at: datetime | None
    filmed: bool
    checked_in: int
    performers: int
    checkins: list[CheckInStatusOut] | None = Field(
        None, description="Each performer's check-in: intimacy coordinators only."
    )
    my_checkin: str | None = Field(None, description="Your own check-in, if you perform.")


def _state(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> StateOut:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    state = selectors.entry_state(access=access, entry=entry, fresh=False)  # just read
    return StateOut(
        paused=state.paused,
        paused_at=state.paused_at,
        filmed=state.filmed,
        checked_in=state.checked_in,
        performers=state.performers,
        checkins=[
            CheckInStatusOut(member_id=uuid.UUID(c.member_id), name=c.name, status=c.status)
            for c in state.checkins
        ]
        if state.checkins is not None
        else None,
        my_checkin=state.my_checkin,
    )


@router.get(DAY + "/state", response=StateOut, operation_id="scene_day_state")
def scene_day_state(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> StateOut:
    """Pause state and check-ins: small and cheap, for polling every second."""
    return _state(request, scene_id, day_id)


class CheckInIn(Schema):
    kind: str = Field(
        ..., pattern="^(performer|closed_set)$", description="performer (R8) or closed_set (R6)"
    )
    outcome: str | None = Field(
        None, pattern="^(confirmed|changed)$", description="performer: re-confirm or change"
    )
    no_recording_devices: bool = Field(
        False, description="closed_set: no personal recording device (once per day)"
    )


class CheckInOut(Schema):
    kind: str
    outcome: str | None = None
    consent_url: str | None = Field(None, description="Where to change your consent.")


@router.post(DAY + "/checkin", response=CheckInOut, operation_id="scene_day_checkin")
def scene_day_checkin(
    request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID, payload: CheckInIn
) -> CheckInOut:
    """A performer re-confirms consent for today or asks to change it (R8); anyone else checks
    in to the closed set (R6), refused and recorded when not on the roster."""
    if payload.kind == "closed_set":
        access, entry = get_entry_for_checkin(request.user, scene_id, day_id)
        services.set_check_in(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            entry=entry,
            no_recording_devices=payload.no_recording_devices,
        )
        return CheckInOut(kind="closed_set", outcome=None, consent_url=None)
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    if payload.outcome is None:
        raise ServiceError("Choose to re-confirm or to change.", field="outcome")
    checkin = services.performer_check_in(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        entry=entry,
        outcome=payload.outcome,
    )
    url = None
    if checkin.outcome == PerformerCheckIn.Outcome.CHANGED:
        from django.urls import reverse  # noqa: PLC0415

        url = reverse("consent:consent-edit", args=[entry.scene_id, access.membership.pk])
    return CheckInOut(kind="performer", outcome=checkin.outcome, consent_url=url)


@router.post(DAY + "/pause", response=StateOut, operation_id="scene_day_pause")
def scene_day_pause(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> StateOut:
    """Pause the scene (any performer in it, or the IC). No reason is asked."""
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    services.scene_pause(actor=request.user, access=access, entry=entry)  # type: ignore[arg-type]
    return _state(request, scene_id, day_id)


class ResumeIn(Schema):
    checked_in: bool = Field(
        False, description="The IC confirms they checked in with the performers."
    )


@router.post(DAY + "/resume", response=StateOut, operation_id="scene_day_resume")
def scene_day_resume(
    request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID, payload: ResumeIn
) -> StateOut:
    """Resume after a pause: the intimacy coordinator only, after a check-in."""
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    services.scene_resume(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        entry=entry,
        checked_in=payload.checked_in,
    )
    return _state(request, scene_id, day_id)


class FilmedOut(Schema):
    filmed_at: datetime
    versions: int


@router.post(DAY + "/filmed", response=FilmedOut, operation_id="scene_day_filmed")
def scene_day_filmed(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> FilmedOut:
    """Mark the scene filmed for the day (first AD or IC); freezes the consent versions (R4)."""
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    versions = services.scene_mark_filmed(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        entry=entry,
    )
    assert entry.filmed_at is not None  # noqa: S101 - just set
    return FilmedOut(filmed_at=entry.filmed_at, versions=len(versions))
