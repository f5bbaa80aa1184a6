import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from closedset.accounts.reauth import ensure_recent_auth
from closedset.consent import selectors, services
from closedset.consent.policies import (
    can_read_consent,
    get_consent_subject_for_actor,
    get_profile_subject_for_actor,
    get_rider_for_actor,
    get_rider_subject_for_actor,
)
from closedset.core.errors import Forbidden, NotFound, ReauthenticationRequired
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.rules import consent as rules
from closedset.rules import vocabulary

router = Router(tags=["consent"])


class AnswerIn(Schema):
    item: dict[str, Any] = Field(..., description="A vocabulary item (see GET /vocabulary).")
    answer: str = Field(..., description="yes, no or discuss")


class ConsentIn(Schema):
    answers: list[AnswerIn] = Field(default_factory=list, max_length=2000)
    note: str | None = Field(None, max_length=2000, description="Private to you and your IC.")
    version: int | None = Field(
        None, description="The version you are changing; a stale version answers 409."
    )
    guardian_name: str | None = Field(None, max_length=150)
    guardian_signed: bool = False
    confirm_profile_conflicts: bool = False


class WithdrawIn(Schema):
    items: list[dict[str, Any]] | None = Field(
        None, description="Withdraw these items only; leave out to withdraw the whole scene."
    )


class HistoryOut(Schema):
    version: int
    kind: str
    created_at: datetime
    created_by: str


class ProblemOut(Schema):
    rule: str
    message: str


class ConsentOut(Schema):
    scene_id: uuid.UUID
    member_id: uuid.UUID
    version: int
    answers: list[dict[str, Any]]
    note: str | None
    guardian_name: str | None
    guardian_signed: bool
    partners: dict[str, str]
    problems: list[ProblemOut]
    history: list[HistoryOut]


def _out(view: selectors.ConsentView) -> ConsentOut:
    return ConsentOut(
        scene_id=view.scene.pk,
        member_id=view.member.pk,
        version=view.version,
        answers=view.answers_json,
        note=view.note,
        guardian_name=view.consent.guardian_name,
        guardian_signed=view.consent.guardian_signed,
        partners=view.partners,
        problems=[ProblemOut(rule=p.rule, message=p.message) for p in view.problems],
        history=[
            HistoryOut(
                version=h.number, kind=h.kind, created_at=h.created_at, created_by=h.created_by
            )
            for h in view.history
        ],
    )


class ProfileIn(Schema):
    answers: list[AnswerIn] = Field(default_factory=list, max_length=2000)
    version: int | None = Field(
        None, description="The version you are changing; a stale version answers 409."
    )


class ProfileOut(Schema):
    member_id: uuid.UUID
    version: int = Field(..., description="0 while no profile is saved.")
    answers: list[dict[str, Any]] = Field(
        ..., description="General answers: contact items name no partner."
    )
    updated_at: datetime | None


def _profile_out(view: selectors.ProfileView) -> ProfileOut:
    return ProfileOut(
        member_id=view.member.pk,
        version=view.version,
        answers=list(rules.profile_to_json(view.profile)["answers"]),
        updated_at=view.updated_at,
    )


@router.get(
    "/members/{member_id}/boundary-profile", response=ProfileOut, operation_id="profile_get"
)
def profile_get(request: HttpRequest, member_id: uuid.UUID) -> ProfileOut:
    """A performer's boundary profile: the performer and coordinators only."""
    access, member = get_profile_subject_for_actor(request.user, member_id)
    return _profile_out(selectors.profile_get(access=access, member=member))


@router.put(
    "/members/{member_id}/boundary-profile", response=ProfileOut, operation_id="profile_put"
)
def profile_put(request: HttpRequest, member_id: uuid.UUID, payload: ProfileIn) -> ProfileOut:
    """Replace the boundary profile (a new version). It pre-fills scene answers; it never
    agrees to anything by itself."""
    access, member = get_profile_subject_for_actor(request.user, member_id)
    services.profile_save(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        member=member,
        answers=[a.model_dump() for a in payload.answers],
        expected_version=payload.version,
    )
    return _profile_out(selectors.profile_get(access=access, member=member))


@router.get("/vocabulary", response=dict[str, Any], operation_id="vocabulary_get")
def vocabulary_get(request: HttpRequest) -> dict[str, Any]:
    """The controlled vocabulary of consent items (versioned)."""
    return vocabulary.vocabulary_json()


@router.get(
    "/scenes/{scene_id}/consents/{member_id}", response=ConsentOut, operation_id="consent_get"
)
def consent_get(request: HttpRequest, scene_id: uuid.UUID, member_id: uuid.UUID) -> ConsentOut:
    """A performer's answers for a scene: the performer and coordinators only."""
    access, scene, member = get_consent_subject_for_actor(request.user, scene_id, member_id)
    return _out(selectors.consent_get(access=access, scene=scene, member=member))


@router.put(
    "/scenes/{scene_id}/consents/{member_id}", response=ConsentOut, operation_id="consent_put"
)
def consent_put(
    request: HttpRequest, scene_id: uuid.UUID, member_id: uuid.UUID, payload: ConsentIn
) -> ConsentOut:
    """Replace the answers (a new version). Unanswered items are not agreed."""
    access, scene, member = get_consent_subject_for_actor(request.user, scene_id, member_id)
    services.consent_save(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        scene=scene,
        member=member,
        answers=[a.model_dump() for a in payload.answers],
        note=payload.note,
        expected_version=payload.version,
        guardian_name=payload.guardian_name,
        guardian_signed=payload.guardian_signed,
        confirm_profile_conflicts=payload.confirm_profile_conflicts,
    )
    return _out(selectors.consent_get(access=access, scene=scene, member=member))


@router.post(
    "/scenes/{scene_id}/consents/{member_id}/withdraw",
    response=ConsentOut,
    operation_id="consent_withdraw",
)
def consent_withdraw(
    request: HttpRequest, scene_id: uuid.UUID, member_id: uuid.UUID, payload: WithdrawIn
) -> ConsentOut:
    """R4: withdraw answers or the whole scene. No reason is asked."""
    access, scene, member = get_consent_subject_for_actor(request.user, scene_id, member_id)
    services.consent_withdraw(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        scene=scene,
        member=member,
        items=payload.items,
    )
    return _out(selectors.consent_get(access=access, scene=scene, member=member))


# --- riders -----------------------------------------------------------------------------------


class RiderOut(Schema):
    id: uuid.UUID
    member_id: uuid.UUID
    number: int
    state: str
    content_hash: str
    created_at: datetime
    confirmed_at: datetime | None
    signed_at: datetime | None
    countersigned_at: datetime | None
    issued_at: datetime | None
    superseded_at: datetime | None
    content: dict[str, Any] | None = Field(
        None, description="Only for the performer and the intimacy coordinators."
    )
    signed_name: str | None = Field(None, description="As content: performer and coordinators.")


class SignIn(Schema):
    typed_name: str = Field(..., max_length=200, description="Your full name, as on your account.")
    content_hash: str = Field(
        ..., max_length=64, description="The hash of the rider you read; a stale one answers 409."
    )
    password: str | None = Field(
        None,
        max_length=1000,
        description="API token clients: your password, to confirm it is you signing.",
    )


def _rider_out(status: selectors.RiderStatus, view: selectors.RiderView | None = None) -> RiderOut:
    return RiderOut(
        id=status.id,
        member_id=status.member.pk,
        number=status.number,
        state=status.state,
        content_hash=status.content_hash,
        created_at=status.created_at,
        confirmed_at=status.confirmed_at,
        signed_at=status.signed_at,
        countersigned_at=status.countersigned_at,
        issued_at=status.issued_at,
        superseded_at=status.superseded_at,
        content=view.content if view else None,
        signed_name=view.signed_name if view else None,
    )


def _rider_response(access: Access, member: Membership) -> RiderOut:
    if can_read_consent(access, member):
        view = selectors.rider_current(access=access, member=member)
        if view is None:
            raise NotFound("This performer has no rider yet.")
        return _rider_out(view.status, view)
    status = selectors.rider_status(access=access, member=member)
    if status is None:
        raise NotFound("This performer has no rider yet.")
    return _rider_out(status)


@router.get("/members/{member_id}/rider", response=RiderOut, operation_id="rider_get")
def rider_get(request: HttpRequest, member_id: uuid.UUID) -> RiderOut:
    """The performer's current rider with its state and content hash. The content is only
    for the performer and the intimacy coordinators; producers and first ADs see the state."""
    access, member = get_rider_subject_for_actor(request.user, member_id, content=False)
    return _rider_response(access, member)


def _uses_token(request: HttpRequest) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


@router.post("/riders/{rider_id}/sign", response=RiderOut, operation_id="rider_sign")
def rider_sign(request: HttpRequest, rider_id: uuid.UUID, payload: SignIn) -> RiderOut:
    """The performer signs their confirmed rider. Needs a recent password confirmation in the
    browser; API token clients send their password in the body."""
    access, rider = get_rider_for_actor(request.user, rider_id)
    if _uses_token(request):
        if not payload.password or not request.user.check_password(payload.password):
            raise Forbidden("Send your current password to sign with an API token.")
    else:
        try:
            ensure_recent_auth(request)
        except ReauthenticationRequired:
            raise Forbidden(
                "Confirm your password first (re-authentication), then sign again."
            ) from None
    services.rider_sign(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        rider=rider,
        typed_name=payload.typed_name,
        content_hash=payload.content_hash,
    )
    return _rider_response(access, rider.member)


@router.post("/riders/{rider_id}/countersign", response=RiderOut, operation_id="rider_countersign")
def rider_countersign(request: HttpRequest, rider_id: uuid.UUID) -> RiderOut:
    """The producer countersigns a rider the performer has signed."""
    access, rider = get_rider_for_actor(request.user, rider_id)
    services.rider_countersign(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        rider=rider,
    )
    return _rider_response(access, rider.member)


@router.post("/riders/{rider_id}/issue", response=RiderOut, operation_id="rider_issue")
def rider_issue(request: HttpRequest, rider_id: uuid.UUID) -> RiderOut:
    """Issue a countersigned rider (producer or coordinator); R1 counts from this moment."""
    access, rider = get_rider_for_actor(request.user, rider_id)
    services.rider_issue(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        rider=rider,
    )
    return _rider_response(access, rider.member)
