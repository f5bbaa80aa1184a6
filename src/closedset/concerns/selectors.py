"""Reads of reports, requests and adverse-action records, for those who may see them.

Every read of sealed content is recorded in the audit log (report reads without a production,
like every report event; see services).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from closedset.concerns.models import AdverseAction, Entry, ICRequest, Kind, Report, State
from closedset.concerns.policies import can_handle_report, can_view_ic_request, visible_reports
from closedset.concerns.services import SMALL_GROUP, report_link_get_or_create
from closedset.core import audit, crypto
from closedset.core.errors import NotFound
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm
from closedset.productions.models import Membership, Production
from closedset.productions.policies import Access, access_for, productions_for
from closedset.scripts.models import Character, Revision, Scene
from closedset.shoot.selectors import smallest_closed_set


@dataclass(frozen=True)
class ReportSummary:
    id: Any
    kind: str
    kind_label: str
    state: str
    state_label: str
    reported_on: date
    anonymous: bool
    standing_down: bool
    matched: bool
    routed_externally: bool


def _summary(report: Report) -> ReportSummary:
    return ReportSummary(
        id=report.pk,
        kind=report.kind,
        kind_label=Kind(report.kind).label,
        state=report.state,
        state_label=State(report.state).label,
        reported_on=report.reported_on,
        anonymous=report.anonymous,
        standing_down=report.standing_down,
        matched=report.matched,
        routed_externally=report.routed_externally,
    )


def report_list(*, access: Access) -> list[ReportSummary]:
    """The reports the actor handles (no content: nothing to decrypt or record)."""
    access.require(Perm.CONCERN_TRIAGE)
    return [_summary(r) for r in visible_reports(access).order_by("-reported_on", "id")]


def report_counts(*, access: Access) -> dict[str, int]:
    rows = visible_reports(access).values("state").annotate(n=Count("id"))
    return {row["state"]: row["n"] for row in rows}


@dataclass(frozen=True)
class EntryView:
    kind: str
    kind_label: str
    text: str
    author: str
    written_at: datetime


@dataclass(frozen=True)
class ConcernView:
    summary: ReportSummary
    body: dict[str, str]
    subjects: list[dict[str, Any]]
    contact: dict[str, str] | None
    may_refer: bool
    match_basis: str
    referral: str
    entries: list[EntryView]


def _entries(report: Report, kinds: set[str] | None = None) -> list[EntryView]:
    rows = Entry.objects.filter(report=report).select_related("author").order_by("seq")
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    return [
        EntryView(
            kind=e.kind,
            kind_label=Entry.Kind(e.kind).label,
            text=crypto.unseal(e, "text"),
            author=e.author.name if e.author and e.kind != Entry.Kind.REPORTER else "",
            written_at=e.written_at,
        )
        for e in rows
    ]


def concern_get(*, access: Access, report: Report) -> ConcernView:
    """A report and its whole thread, for a person who handles it; the read is audited."""
    if not can_handle_report(access, report):
        raise NotFound()
    with transaction.atomic():
        view = ConcernView(
            summary=_summary(report),
            body=crypto.unseal(report, "body"),
            subjects=crypto.unseal(report, "subjects"),
            contact=crypto.unseal(report, "contact"),
            may_refer=report.may_refer,
            match_basis=report.match_basis,
            referral=report.referral,
            entries=_entries(report),
        )
        audit.record(AuditAction.CONCERN_READ, actor=access.membership.user, obj=report)
    return view


@dataclass(frozen=True)
class ReporterView:
    report: Report
    summary: ReportSummary
    production_title: str
    body: dict[str, str]
    subjects: list[str]
    entries: list[EntryView]
    held: bool


def reporter_thread(*, report: Report) -> ReporterView:
    """What the holder of the receipt sees: their report, replies and messages (never the
    handlers' internal notes, nor who handles it)."""
    with transaction.atomic():
        view = ReporterView(
            report=report,
            summary=_summary(report),
            production_title=report.production.title,
            body=crypto.unseal(report, "body"),
            subjects=[s["name"] for s in crypto.unseal(report, "subjects")],
            entries=[
                EntryView(e.kind, e.kind_label, e.text, "", e.written_at)
                for e in _entries(
                    report, {Entry.Kind.REPORTER, Entry.Kind.REPLY, Entry.Kind.SYSTEM}
                )
            ],
            held=report.held,
        )
        audit.record(
            AuditAction.CONCERN_RECEIPT_OPENED,
            actor=report.reporter,
            obj=report,
            day_only=report.anonymous,
        )
    return view


@dataclass(frozen=True)
class ReportPage:
    production: Production
    token: str
    members: list[tuple[str, str]]  # (member id, name), for members of the production only
    small_group: bool
    is_member: bool
    small_closed_set: bool = False  # a closed set with few people on it: anonymity is limited


def report_page(*, link_production: Production, token: str, actor: Any) -> ReportPage:
    """The reporting form's context. The member list is shown only to members (logged in)."""
    count = Membership.objects.filter(production=link_production, removed_at__isnull=True).count()
    members: list[tuple[str, str]] = []
    is_member = access_for(actor, link_production) is not None
    if is_member:
        members = [
            (str(m.pk), m.user.name)
            for m in Membership.objects.filter(production=link_production, removed_at__isnull=True)
            .exclude(user=actor)
            .select_related("user")
            .order_by("user__name")
        ]
    smallest = smallest_closed_set(production=link_production)
    return ReportPage(
        link_production,
        token,
        members,
        count < SMALL_GROUP,
        is_member,
        small_closed_set=smallest is not None and smallest < SMALL_GROUP,
    )


def report_token(*, access: Access) -> str | None:
    """The production's reporting token, for those who hand out the link; else None."""
    if not access.has(Perm.CONCERN_REPORT_LINK):
        return None
    return report_link_get_or_create(production=access.production).token


# --- requests for an intimacy coordinator ---------------------------------------------------


@dataclass(frozen=True)
class ICRequestView:
    id: Any
    scene: Scene
    requested_by: str
    on_behalf_of: str
    note: str | None
    created_at: datetime
    answer: str
    answer_label: str
    response: str | None
    answered_by: str
    answered_at: datetime | None


def ic_request_list(*, access: Access) -> list[ICRequestView]:
    """All requests for those who answer them; a requester's own otherwise. Audited read."""
    rows = ICRequest.objects.filter(production=access.production).select_related(
        "scene", "requested_by__user", "answered_by"
    )
    if not access.has(Perm.IC_REQUEST_ANSWER):
        rows = rows.filter(requested_by=access.membership)
    rows = rows.order_by("answered_at", "-created_at")
    with transaction.atomic():
        views = [_ic_view(r) for r in rows if can_view_ic_request(access, r)]
        if views:
            audit.record(
                AuditAction.IC_REQUEST_READ,
                actor=access.membership.user,
                production=access.production,
                object_type="concerns.icrequest",
                summary=f"{len(views)} requests read",
            )
    return views


def _ic_view(r: ICRequest) -> ICRequestView:
    return ICRequestView(
        id=r.pk,
        scene=r.scene,
        requested_by=r.requested_by.user.name,
        on_behalf_of=r.on_behalf_of,
        note=crypto.unseal(r, "note"),
        created_at=r.created_at,
        answer=r.answer,
        answer_label=ICRequest.Answer(r.answer).label if r.answer else "",
        response=crypto.unseal(r, "response"),
        answered_by=r.answered_by.name if r.answered_by else "",
        answered_at=r.answered_at,
    )


def ic_request_get(*, access: Access, request: ICRequest) -> ICRequestView:
    if not can_view_ic_request(access, request):
        raise NotFound()
    return _ic_view(request)


def my_scenes(*, access: Access) -> list[Scene]:
    """Every scene (latest revision of each script) in which the member plays a part."""
    names_by_script: dict[Any, set[str]] = {}
    for c in Character.objects.filter(member=access.membership):
        names_by_script.setdefault(c.script_id, set()).add(c.name)
    scenes: list[Scene] = []
    for script_id, names in names_by_script.items():
        revision = Revision.objects.filter(script_id=script_id).order_by("-number").first()
        if revision is None:
            continue
        for scene in Scene.objects.filter(revision=revision).order_by("ordinal"):
            if names & {c["name"] for c in scene.characters}:
                scenes.append(scene)
    return scenes


# --- adverse actions ------------------------------------------------------------------------


@dataclass(frozen=True)
class AdverseActionView:
    member: str
    action: str
    detail: str
    justification: str
    actor: str
    created_at: datetime


def adverse_action_list(*, access: Access) -> list[AdverseActionView]:
    access.require(Perm.ADVERSE_ACTION_VIEW)
    rows = (
        AdverseAction.objects.filter(production=access.production)
        .select_related("member__user", "actor")
        .order_by("-created_at")
    )
    with transaction.atomic():
        views = [
            AdverseActionView(
                member=r.member.user.name,
                action=AdverseAction.Action(r.action).label,
                detail=r.detail,
                justification=crypto.unseal(r, "justification"),
                actor=r.actor.name,
                created_at=r.created_at,
            )
            for r in rows
        ]
        if views:
            audit.record(
                AuditAction.ADVERSE_ACTION_READ,
                actor=access.membership.user,
                production=access.production,
                object_type="concerns.adverseaction",
                summary=f"{len(views)} records read",
            )
    return views


# --- the dashboard --------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardItem:
    production: Production
    open_concerns: int | None  # None: not a handler
    outstanding_ic_requests: int | None  # None: does not answer them


def dashboard_items(*, actor: Any) -> list[DashboardItem]:
    """Per production: concerns waiting for the actor (never counting any that name them) and
    unanswered requests for an intimacy coordinator."""
    items = []
    for production in productions_for(actor).order_by("title", "id"):
        access = access_for(actor, production)
        if access is None:
            continue
        concerns = ic = None
        if access.has(Perm.CONCERN_TRIAGE):
            concerns = (
                visible_reports(access)
                .filter(~Q(state__in=[State.RESOLVED, State.REFERRED]))
                .count()
            )
        if access.has(Perm.IC_REQUEST_ANSWER):
            ic = ICRequest.objects.filter(production=production, answered_at__isnull=True).count()
        if concerns or ic:
            items.append(DashboardItem(production, concerns, ic))
    return items
