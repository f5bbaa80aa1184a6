import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from closedset.consent import selectors, services
from closedset.consent.policies import get_consent_subject_for_actor
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
