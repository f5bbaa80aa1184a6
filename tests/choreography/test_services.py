"""Beats, approval by coordinator and director, and what voids it."""

from __future__ import annotations

import pytest
from django.core import mail

from closedset.choreography import selectors, services
from closedset.choreography.models import Approval
from closedset.consent import services as consent_services
from closedset.core.errors import Conflict, Forbidden, ServiceError
from closedset.core.models import AuditAction, AuditEvent
from closedset.scripts import services as script_services
from closedset.scripts.models import Character, Scene
from tests.conftest import Cast
from tests.consent.conftest import Casting, kiss

from .conftest import kiss_beat, thrust_beat


def save(cast: Cast, scene: Scene, beats: list, version: int | None = None) -> int:
    return services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=scene,
        beats=beats,
        expected_version=version,
    ).version


def approve(cast: Cast, scene: Scene, key: str, version: int) -> Approval:
    return services.choreography_approve(
        actor=cast.users[key], access=cast.access(key), scene=scene, expected_version=version
    )


def withdraw(cast: Cast, scene: Scene) -> None:
    member = cast.members["partner"]
    access = cast.access("partner")
    consent_services.consent_withdraw(actor=cast.partner, access=access, scene=scene, member=member)


def approved(cast: Cast, scene: Scene) -> int:
    version = save(cast, scene, [kiss_beat(cast.members["performer"], cast.members["partner"])])
    approve(cast, scene, "coordinator", version)
    approve(cast, scene, "director", version)
    return version


def test_a_scene_without_choreography_has_nothing_to_approve(casting: Casting) -> None:
    state = selectors.approval_state(scene=casting.kitchen)
    assert not state.has_choreography and not state.approved and not state.voided


def test_the_coordinator_and_the_director_approve_an_agreed_choreography(
    cast: Cast, agreed: Scene
) -> None:
    version = save(cast, agreed, [kiss_beat(cast.members["performer"], cast.members["partner"])])
    approve(cast, agreed, "coordinator", version)
    half = selectors.approval_state(scene=agreed)
    assert half.coordinator_approved and not half.approved
    assert half.label == "Awaiting the director's approval"
    approve(cast, agreed, "director", version)
    state = selectors.approval_state(scene=agreed)
    assert state.approved and not state.voided and state.label == "Approved"
    assert AuditEvent.objects.filter(action=AuditAction.CHOREOGRAPHY_APPROVED).count() == 2


def test_approval_state_is_cheap(cast: Cast, agreed: Scene, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    approved(cast, agreed)
    with django_assert_max_num_queries(2):
        selectors.approval_state(scene=agreed)
    with django_assert_max_num_queries(2):
        selectors.approval_states(scenes=[agreed])


def test_a_beat_outside_the_agreement_cannot_be_approved(cast: Cast, agreed: Scene) -> None:
    beat = kiss_beat(cast.members["performer"], cast.members["partner"], mouth="tongue")
    version = save(cast, agreed, [beat])
    with pytest.raises(ServiceError, match="within the agreement"):
        approve(cast, agreed, "director", version)
    assert not Approval.objects.exists()


def test_r5_thrusting_without_a_barrier_cannot_be_approved(cast: Cast, agreed: Scene) -> None:
    version = save(cast, agreed, [thrust_beat(cast.members["performer"], cast.members["partner"])])
    with pytest.raises(ServiceError):
        approve(cast, agreed, "coordinator", version)


def test_only_approvers_approve(cast: Cast, agreed: Scene) -> None:
    version = save(cast, agreed, [kiss_beat(cast.members["performer"], cast.members["partner"])])
    for key in ("producer", "ad", "performer"):
        with pytest.raises(Forbidden):
            approve(cast, agreed, key, version)


def test_only_the_coordinator_writes_beats(cast: Cast, agreed: Scene) -> None:
    for key in ("director", "producer", "performer"):
        with pytest.raises(Forbidden):
            services.choreography_save(
                actor=cast.users[key], access=cast.access(key), scene=agreed, beats=[]
            )


def test_a_stale_write_is_refused_and_changes_nothing(cast: Cast, agreed: Scene) -> None:
    first = save(cast, agreed, [])
    save(cast, agreed, [kiss_beat(cast.members["performer"], cast.members["partner"])], first)
    with pytest.raises(Conflict):
        save(cast, agreed, [], first)
    assert selectors.approval_state(scene=agreed).version == first + 1


def test_a_stale_approval_is_refused(cast: Cast, agreed: Scene) -> None:
    version = save(cast, agreed, [kiss_beat(cast.members["performer"], cast.members["partner"])])
    with pytest.raises(Conflict):
        approve(cast, agreed, "coordinator", version - 1)


@pytest.mark.parametrize(
    ("beat", "message"),
    [
        ({"doers": []}, "at least one performer"),
        ({"doers": ["nobody"]}, "not in this scene's cast"),
        ({"doers": "x"}, "'doers' must be a list"),
    ],
)
def test_a_malformed_beat_is_refused_and_nothing_changes(
    cast: Cast, agreed: Scene, beat: dict, message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        save(cast, agreed, [beat])
    assert not selectors.approval_state(scene=agreed).has_choreography


def test_a_beat_edit_voids_the_approval_and_tells_both(cast: Cast, agreed: Scene) -> None:
    version = approved(cast, agreed)
    mail.outbox.clear()
    beats = [kiss_beat(cast.members["partner"], cast.members["performer"])]
    save(cast, agreed, beats, version)
    state = selectors.approval_state(scene=agreed)
    assert not state.approved and state.voided and state.voided_reason == "beats edited"
    assert AuditEvent.objects.filter(action=AuditAction.CHOREOGRAPHY_APPROVAL_VOIDED).exists()


def test_saving_the_same_beats_changes_nothing(cast: Cast, agreed: Scene) -> None:
    version = approved(cast, agreed)
    view = selectors.choreography_get(access=cast.access("coordinator"), scene=agreed)
    assert save(cast, agreed, [r.data for r in view.rows], version) == version
    assert selectors.approval_state(scene=agreed).approved


def test_a_consent_change_voids_the_approval_at_once(cast: Cast, agreed: Scene) -> None:
    approved(cast, agreed)
    consent_services.consent_withdraw(
        actor=cast.partner,
        access=cast.access("partner"),
        scene=agreed,
        member=cast.members["partner"],
    )
    state = selectors.approval_state(scene=agreed)
    assert state.voided and state.voided_reason == "consent changed" and not state.approved
    event = AuditEvent.objects.filter(action=AuditAction.CHOREOGRAPHY_APPROVAL_VOIDED).get()
    assert "partner" not in event.summary.lower() and event.summary == "voided: consent changed"


def test_a_cast_change_voids_the_approval(cast: Cast, agreed: Scene) -> None:
    approved(cast, agreed)
    luis = Character.objects.get(script=agreed.revision.script, name="LUIS")
    script_services.character_cast(
        actor=cast.coordinator, access=cast.access("coordinator"), character=luis, member=None
    )
    state = selectors.approval_state(scene=agreed)
    assert state.voided and state.voided_reason == "cast changed"


def test_re_approval_clears_the_voided_state(cast: Cast, agreed: Scene) -> None:
    version = approved(cast, agreed)
    consent_services.consent_save(
        actor=cast.partner,
        access=cast.access("partner"),
        scene=agreed,
        member=cast.members["partner"],
        answers=[
            {"item": kiss("give", cast.members["performer"]), "answer": "yes"},
            {"item": kiss("receive", cast.members["performer"]), "answer": "yes"},
            {"item": {"kind": "garment", "garment": "lip_balm"}, "answer": "yes"},
        ],
    )
    assert selectors.approval_state(scene=agreed).voided
    approve(cast, agreed, "coordinator", version)
    approve(cast, agreed, "director", version)
    state = selectors.approval_state(scene=agreed)
    assert state.approved and not state.voided


def test_a_half_approval_does_not_survive_a_consent_change(cast: Cast, agreed: Scene) -> None:
    version = save(cast, agreed, [kiss_beat(cast.members["performer"], cast.members["partner"])])
    approve(cast, agreed, "coordinator", version)
    consent_services.consent_withdraw(
        actor=cast.partner,
        access=cast.access("partner"),
        scene=agreed,
        member=cast.members["partner"],
    )
    with pytest.raises(ServiceError):
        approve(cast, agreed, "director", version)
    assert not selectors.approval_state(scene=agreed).approved


def test_shoot_day_changes_need_each_performer_to_reconfirm(cast: Cast, agreed: Scene) -> None:
    approved(cast, agreed)
    asked = services.choreography_reconfirm_required(
        actor=cast.coordinator, access=cast.access("coordinator"), scene=agreed
    )
    assert {m.pk for m in asked} == {cast.members["performer"].pk, cast.members["partner"].pk}
    assert selectors.approval_state(scene=agreed).reconfirm_pending
    for key in ("performer", "partner"):
        services.choreography_reconfirm(
            actor=cast.users[key], access=cast.access(key), scene=agreed
        )
    assert not selectors.approval_state(scene=agreed).reconfirm_pending
    with pytest.raises(ServiceError):
        services.choreography_reconfirm(
            actor=cast.performer, access=cast.access("performer"), scene=agreed
        )
    with pytest.raises(Forbidden):
        services.choreography_reconfirm_required(
            actor=cast.director, access=cast.access("director"), scene=agreed
        )
