"""Choreography, the container and the director's brief (R9: derived data for everyone but
the coordinator)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from closedset.accounts.reauth import ensure_recent_auth
from closedset.choreography import brief_pdf, selectors, services
from closedset.choreography.policies import get_scene_for_actor
from closedset.core.errors import Forbidden, ReauthenticationRequired
from closedset.core.permissions import Perm

router = Router(tags=["choreography"])


class BeatOut(Schema):
    position: int
    id: str
    beat: dict[str, Any]
    text: str
    status: str
    status_label: str
    rules: list[str]
    reasons: list[str] = Field(
        default_factory=list, description="Coordinators only: what each status rests on."
    )
    placeholder: bool


class ApprovalOut(Schema):
    has_choreography: bool
    version: int
    approved: bool
    coordinator_approved: bool
    director_approved: bool
    voided: bool
    voided_reason: str
    reconfirm_pending: bool
    label: str


class ChoreographyOut(Schema):
    scene_id: uuid.UUID
    version: int
    intent: str | None
    intent_version: int
    beats: list[BeatOut]
    approval: ApprovalOut


class ChoreographyIn(Schema):
    beats: list[dict[str, Any]] = Field(default_factory=list, max_length=services.MAX_BEATS)
    version: int | None = Field(
        None, description="The version you are changing; a stale version answers 409."
    )
    intent: str | None = Field(None, max_length=services.MAX_INTENT)


class IntentIn(Schema):
    intent: str = Field(..., max_length=services.MAX_INTENT, description="Empty clears them.")
    version: int = Field(
        ..., description="The intent notes' version you started from; stale answers 409."
    )


class IntentOut(Schema):
    intent: str | None
    intent_version: int


class ValidateIn(Schema):
    beats: list[dict[str, Any]] | None = Field(
        None,
        max_length=services.MAX_BEATS,
        description="Beats to check without saving; leave out to check the stored beats.",
    )


class ApproveIn(Schema):
    version: int = Field(..., description="The version of the beats you reviewed.")
    password: str | None = Field(
        None, description="API token clients only: your current password (re-authentication)."
    )


class PairOut(Schema):
    doer: str
    receiver: str
    acts: list[str]


class PerformerOut(Schema):
    name: str
    exposure: list[str]
    garments: list[str]
    solo: list[str]


class ContainerOut(Schema):
    performers: list[PerformerOut]
    pairs: list[PairOut]
    sentences: list[str]
    stills: list[str]


class BriefOut(Schema):
    scene_id: uuid.UUID
    scene: str
    intent: str | None
    intent_version: int
    cast: list[str]
    container: ContainerOut
    beats: list[BeatOut]
    approval: ApprovalOut
    closed_set: bool
    readiness: list[str]


def _approval(state: selectors.ApprovalState) -> ApprovalOut:
    return ApprovalOut(
        has_choreography=state.has_choreography,
        version=state.version,
        approved=state.approved,
        coordinator_approved=state.coordinator_approved,
        director_approved=state.director_approved,
        voided=state.voided,
        voided_reason=state.voided_reason,
        reconfirm_pending=state.reconfirm_pending,
        label=state.label,
    )


def _beat(row: selectors.BeatRow) -> BeatOut:
    return BeatOut(
        position=row.position,
        id=row.id,
        beat={k: v for k, v in row.data.items() if k != "id"},
        text=row.text,
        status=row.status,
        status_label=row.status_label,
        rules=row.rules,
        reasons=row.reasons,
        placeholder=row.placeholder,
    )


def _choreography(view: selectors.ChoreographyView) -> ChoreographyOut:
    return ChoreographyOut(
        scene_id=view.scene.pk,
        version=view.version,
        intent=view.intent,
        intent_version=view.intent_version,
        beats=[_beat(r) for r in view.rows],
        approval=_approval(view.state),
    )


def _container(view: selectors.ContainerView) -> ContainerOut:
    return ContainerOut(
        performers=[
            PerformerOut(name=p.name, exposure=p.exposure, garments=p.garments, solo=p.solo)
            for p in view.performers
        ],
        pairs=[PairOut(doer=p.doer, receiver=p.receiver, acts=p.acts) for p in view.pairs],
        sentences=view.sentences,
        stills=view.stills,
    )


@router.get("/scenes/{scene_id}/container", response=ContainerOut, operation_id="container_get")
def container_get(request: HttpRequest, scene_id: uuid.UUID) -> ContainerOut:
    """What every performer concerned agreed to, and nothing else (derived data only)."""
    access, scene = get_scene_for_actor(request.user, scene_id)
    return _container(selectors.container_get(access=access, scene=scene))


@router.get(
    "/scenes/{scene_id}/choreography", response=ChoreographyOut, operation_id="choreography_get"
)
def choreography_get(request: HttpRequest, scene_id: uuid.UUID) -> ChoreographyOut:
    """The beats with their statuses; reasons for coordinators only."""
    access, scene = get_scene_for_actor(request.user, scene_id)
    return _choreography(selectors.choreography_get(access=access, scene=scene))


@router.put(
    "/scenes/{scene_id}/choreography", response=ChoreographyOut, operation_id="choreography_put"
)
def choreography_put(
    request: HttpRequest, scene_id: uuid.UUID, payload: ChoreographyIn
) -> ChoreographyOut:
    """Replace the beats (a new version; an edit after approval voids it). Coordinators."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_EDIT)
    services.choreography_save(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        scene=scene,
        beats=payload.beats,
        expected_version=payload.version,
        intent=payload.intent,
    )
    return _choreography(selectors.choreography_get(access=access, scene=scene))


@router.post(
    "/scenes/{scene_id}/choreography/validate",
    response=list[BeatOut],
    operation_id="choreography_validate",
)
def choreography_validate(
    request: HttpRequest, scene_id: uuid.UUID, payload: ValidateIn
) -> list[BeatOut]:
    """Each beat's status; reasons for coordinators only. Nothing is saved."""
    access, scene = get_scene_for_actor(request.user, scene_id)
    beats = None
    if payload.beats is not None:
        services.parse_beats(payload.beats)  # a clear 400 for a malformed beat
        beats = payload.beats
    view = selectors.choreography_get(access=access, scene=scene, beats=beats)
    return [_beat(r) for r in view.rows]


@router.post(
    "/scenes/{scene_id}/choreography/approve",
    response=ApprovalOut,
    operation_id="choreography_approve",
)
def choreography_approve(request: HttpRequest, scene_id: uuid.UUID, payload: ApproveIn) -> Any:
    """Approve the version you reviewed, as coordinator or director. Like signing, it needs a
    recent password confirmation in the browser; API token clients send their password."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_APPROVE)
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        if not payload.password or not request.user.check_password(payload.password):
            raise Forbidden("Send your current password to approve with an API token.")
    else:
        try:
            ensure_recent_auth(request)
        except ReauthenticationRequired:
            raise Forbidden(
                "Confirm your password first (re-authentication), then approve again."
            ) from None
    services.choreography_approve(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        scene=scene,
        expected_version=payload.version,
    )
    return _approval(selectors.approval_state(scene=scene))


@router.get("/scenes/{scene_id}/brief", response=BriefOut, operation_id="brief_get")
def brief_get(request: HttpRequest, scene_id: uuid.UUID) -> BriefOut:
    """The director's brief: never a "no", a "discuss", a private note or a reason."""
    access, scene = get_scene_for_actor(request.user, scene_id)
    brief = selectors.brief_get(access=access, scene=scene)
    return BriefOut(
        scene_id=scene.pk,
        scene=str(scene),
        intent=brief.intent,
        intent_version=brief.intent_version,
        cast=brief.cast,
        container=_container(brief.container),
        beats=[_beat(r) for r in brief.beats],
        approval=_approval(brief.state),
        closed_set=brief.closed_set,
        readiness=brief.readiness,
    )


@router.get(
    "/scenes/{scene_id}/brief.pdf",
    operation_id="brief_pdf",
    response={200: None},
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def brief_pdf_get(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    """The director's brief as a PDF."""
    access, scene = get_scene_for_actor(request.user, scene_id)
    brief = selectors.brief_get(access=access, scene=scene)
    response = HttpResponse(
        brief_pdf.render(brief, access.production.title), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="brief.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@router.put("/scenes/{scene_id}/intent", response=IntentOut, operation_id="intent_put")
def intent_put(request: HttpRequest, scene_id: uuid.UUID, payload: IntentIn) -> IntentOut:
    """The director's intent notes (the brief's context). Approvers; never voids an approval."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_APPROVE)
    choreography = services.choreography_intent_save(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        scene=scene,
        intent=payload.intent,
        expected_version=payload.version,
    )
    return IntentOut(
        intent=services.clean_intent(payload.intent),
        intent_version=choreography.intent_version,
    )
