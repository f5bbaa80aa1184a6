"""Concerns API: reporting (public), the receipt thread (receipt bearer), triage, IC requests."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from closedset.concerns import selectors, services
from closedset.concerns.models import Report
from closedset.concerns.policies import (
    get_ic_request_for_actor,
    get_report_for_actor,
    get_scene_for_ic_request,
)
from closedset.core.errors import NotFound
from closedset.core.permissions import Perm
from closedset.productions.policies import get_production_for_actor

router = Router(tags=["concerns"])


class ReceiptBearer(HttpBearer):
    """``Authorization: Bearer <receipt>``: the receipt of a report, for its thread only.

    Separate from the API-token bearer: a receipt is never an account's token, and a token
    never opens a report. A wrong or unknown receipt answers 401 (the same message), too many
    wrong ones 429.
    """

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Report:
        return services.receipt_open(
            receipt=token, address=str(request.META.get("REMOTE_ADDR", ""))
        )


class SubjectIn(Schema):
    member_id: uuid.UUID | None = Field(None, description="A member of the production.")
    name: str = Field("", max_length=1000, description="Or a name, as typed.")


class ReportIn(Schema):
    kind: Literal["named", "anonymous", "witness", "stand_down", "hold_for_match"]
    subjects: list[SubjectIn] = Field(..., max_length=100)
    body: str = Field(
        ..., max_length=100_000, description="What happened (up to 20,000 characters)."
    )
    wants: str = Field("", max_length=100_000)
    when: str = Field("", max_length=1000)
    where: str = Field("", max_length=1000)
    scene: str = Field("", max_length=1000)
    identify: bool = Field(
        False, description="Witness, stand-down, hold-for-match: put the reporter's name on it."
    )
    contact_name: str = Field("", max_length=1000)
    contact_email: str = Field("", max_length=1000)
    may_refer: bool = False


class ReceiptOut(Schema):
    receipt: str = Field(..., description="Shown once; only its hash is kept.")
    anonymous: bool
    held: bool


class EntryOut(Schema):
    kind: str
    text: str
    author: str
    written_at: datetime


class ThreadOut(Schema):
    kind: str
    state: str
    reported_on: date
    held: bool
    standing_down: bool
    body: dict[str, str]
    subjects: list[str]
    entries: list[EntryOut]


class ThreadIn(Schema):
    text: str = Field("", max_length=100_000)
    go: bool = Field(False, description="Say go to a stand-down report.")


class ConcernSummaryOut(Schema):
    id: uuid.UUID
    kind: str
    state: str
    reported_on: date
    anonymous: bool
    standing_down: bool
    matched: bool
    routed_externally: bool


class ConcernOut(ConcernSummaryOut):
    body: dict[str, str]
    subjects: list[dict[str, Any]]
    contact: dict[str, str] | None
    may_refer: bool
    match_basis: str
    referral: str
    entries: list[EntryOut]


class ConcernPatch(Schema):
    state: Literal["new", "acknowledged", "in_progress", "resolved", "referred"] | None = None
    note: str = Field("", max_length=100_000)
    reply: str = Field("", max_length=100_000)
    referral: Literal["", "union", "employer", "law_enforcement"] = ""


class ICRequestIn(Schema):
    note: str = Field("", max_length=10_000)
    on_behalf_of: str = Field("", max_length=1000)


class ICRequestOut(Schema):
    id: uuid.UUID
    scene_id: uuid.UUID
    requested_by: str
    on_behalf_of: str
    note: str | None
    created_at: datetime
    answer: str
    response: str | None
    answered_at: datetime | None


class ICAnswerIn(Schema):
    answer: Literal["engaged", "will_engage", "not_engaged"]
    response: str = Field(..., max_length=10_000)


def _thread_out(view: selectors.ReporterView) -> ThreadOut:
    return ThreadOut(
        kind=view.summary.kind,
        state=view.summary.state,
        reported_on=view.summary.reported_on,
        held=view.held,
        standing_down=view.summary.standing_down,
        body=view.body,
        subjects=view.subjects,
        entries=[
            EntryOut(kind=e.kind, text=e.text, author="", written_at=e.written_at)
            for e in view.entries
        ],
    )


@router.get(
    "/report/receipt", response=ThreadOut, auth=ReceiptBearer(), operation_id="report_thread_get"
)
def report_thread_get(request: HttpRequest) -> ThreadOut:
    """The report a receipt opens, with replies (never internal notes)."""
    report: Report = request.auth  # type: ignore[attr-defined]
    return _thread_out(selectors.reporter_thread(report=report))


@router.post(
    "/report/receipt", response=ThreadOut, auth=ReceiptBearer(), operation_id="report_thread_post"
)
def report_thread_post(request: HttpRequest, payload: ThreadIn) -> ThreadOut:
    """Answer in the thread, or say go to a stand-down report."""
    report: Report = request.auth  # type: ignore[attr-defined]
    report = services.reporter_answer(report=report, text=payload.text, go=payload.go)
    return _thread_out(selectors.reporter_thread(report=report))


@router.post(
    "/report/{token}",
    response={201: ReceiptOut},
    auth=None,
    operation_id="report_create",
)
def report_create(request: HttpRequest, token: str, payload: ReportIn) -> Status[ReceiptOut]:
    """File a report through a production's reporting link (no log-in). The receipt in the
    answer is shown once: keep it to read replies and answer."""
    filed = services.report_create(
        token=token,
        actor=None,
        kind=payload.kind,
        subjects=[services.SubjectIn(member_id=s.member_id, name=s.name) for s in payload.subjects],
        what=payload.body,
        wants=payload.wants,
        when=payload.when,
        where=payload.where,
        scene=payload.scene,
        identify=payload.identify,
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        may_refer=payload.may_refer,
        address=str(request.META.get("REMOTE_ADDR", "")),
    )
    return Status(
        201,
        ReceiptOut(receipt=filed.receipt, anonymous=filed.report.anonymous, held=filed.report.held),
    )


def _summary_out(s: selectors.ReportSummary) -> ConcernSummaryOut:
    return ConcernSummaryOut(
        id=s.id,
        kind=s.kind,
        state=s.state,
        reported_on=s.reported_on,
        anonymous=s.anonymous,
        standing_down=s.standing_down,
        matched=s.matched,
        routed_externally=s.routed_externally,
    )


@router.get(
    "/productions/{production_id}/concerns",
    response=list[ConcernSummaryOut],
    operation_id="concern_list",
)
@paginate(LimitOffsetPagination)
def concern_list(request: HttpRequest, production_id: uuid.UUID) -> list[ConcernSummaryOut]:
    """Reports for the people who handle them (never one that names the caller)."""
    access = get_production_for_actor(
        request.user, production_id, need=Perm.CONCERN_TRIAGE, visible=Perm.CONCERN_TRIAGE
    )
    return [_summary_out(s) for s in selectors.report_list(access=access)]


def _concern_out(view: selectors.ConcernView) -> ConcernOut:
    return ConcernOut(
        **_summary_out(view.summary).model_dump(),
        body=view.body,
        subjects=view.subjects,
        contact=view.contact,
        may_refer=view.may_refer,
        match_basis=view.match_basis,
        referral=view.referral,
        entries=[
            EntryOut(kind=e.kind, text=e.text, author=e.author, written_at=e.written_at)
            for e in view.entries
        ],
    )


@router.get("/concerns/{report_id}", response=ConcernOut, operation_id="concern_get")
def concern_get(request: HttpRequest, report_id: uuid.UUID) -> ConcernOut:
    """A report and its thread (an audited read)."""
    access, report = get_report_for_actor(request.user, report_id)
    return _concern_out(selectors.concern_get(access=access, report=report))


@router.patch("/concerns/{report_id}", response=ConcernOut, operation_id="concern_update")
def concern_update(request: HttpRequest, report_id: uuid.UUID, payload: ConcernPatch) -> ConcernOut:
    """Triage: state, internal note, reply to the reporter, referral."""
    access, report = get_report_for_actor(request.user, report_id)
    report = services.concern_update(
        actor=request.user,
        access=access,
        report=report,
        state=payload.state,
        note=payload.note,
        reply=payload.reply,
        referral=payload.referral,
    )
    return _concern_out(selectors.concern_get(access=access, report=report))


def _ic_out(v: selectors.ICRequestView) -> ICRequestOut:
    return ICRequestOut(
        id=v.id,
        scene_id=v.scene.pk,
        requested_by=v.requested_by,
        on_behalf_of=v.on_behalf_of,
        note=v.note,
        created_at=v.created_at,
        answer=v.answer,
        response=v.response,
        answered_at=v.answered_at,
    )


@router.post(
    "/scenes/{scene_id}/ic-requests",
    response={201: ICRequestOut},
    operation_id="ic_request_create",
)
def ic_request_create(
    request: HttpRequest, scene_id: uuid.UUID, payload: ICRequestIn
) -> Status[ICRequestOut]:
    """Ask for an intimacy coordinator for a scene of your production (R7)."""
    access, scene = get_scene_for_ic_request(request.user, scene_id)
    created = services.ic_request_create(
        actor=request.user,
        access=access,
        scene=scene,
        note=payload.note,
        on_behalf_of=payload.on_behalf_of,
    )
    return Status(201, _ic_out(selectors.ic_request_get(access=access, request=created)))


@router.get(
    "/productions/{production_id}/ic-requests",
    response=list[ICRequestOut],
    operation_id="ic_request_list",
)
@paginate(LimitOffsetPagination)
def ic_request_list(request: HttpRequest, production_id: uuid.UUID) -> list[ICRequestOut]:
    """All requests for those who answer them; your own otherwise."""
    access = get_production_for_actor(request.user, production_id)
    if not (access.has(Perm.IC_REQUEST_MAKE) or access.has(Perm.IC_REQUEST_ANSWER)):
        raise NotFound()
    return [_ic_out(v) for v in selectors.ic_request_list(access=access)]


@router.post(
    "/ic-requests/{request_id}/answer", response=ICRequestOut, operation_id="ic_request_answer"
)
def ic_request_answer(
    request: HttpRequest, request_id: uuid.UUID, payload: ICAnswerIn
) -> ICRequestOut:
    """Record the production's good-faith answer to a request."""
    access, ic_request = get_ic_request_for_actor(request.user, request_id)
    answered = services.ic_request_answer(
        actor=request.user,
        access=access,
        request=ic_request,
        answer=payload.answer,
        response=payload.response,
    )
    return _ic_out(selectors.ic_request_get(access=access, request=answered))
