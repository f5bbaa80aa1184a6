"""Undo a deleted beat: the previous version's beats come back as a new version (history
moves forward), approval works as for any edit, and a stale undo answers 409."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from closedset.choreography import selectors, services
from closedset.core.errors import Conflict, Forbidden, ServiceError
from closedset.core.models import AuditAction, AuditEvent
from closedset.scripts.models import Scene
from tests.conftest import Cast

from .conftest import kiss_beat

HX = {"HX-Request": "true"}


@pytest.fixture
def two_beats(cast: Cast, agreed: Scene) -> Scene:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=agreed,
        beats=[kiss_beat(me, partner), kiss_beat(partner, me)],
    )
    return agreed


def _rows(cast: Cast, scene: Scene) -> list[selectors.BeatRow]:
    return selectors.choreography_get(access=cast.access("coordinator"), scene=scene).rows


def test_deleting_offers_an_undo_that_restores_the_beat_as_a_new_version(
    cast: Cast, two_beats: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.coordinator)
    url = f"/scenes/{two_beats.pk}/choreography/beats/"
    before = _rows(cast, two_beats)
    page = client.get(f"/scenes/{two_beats.pk}/choreography/").content.decode()
    assert "hx-confirm" not in page and "Undo the delete" not in page
    deleted = client.post(url, {"op": "delete", "beat": before[0].id, "version": "1"}, headers=HX)
    text = deleted.content.decode()
    assert deleted.status_code == 200 and "Beat 1 deleted." in text
    assert 'name="version" value="2"' in text and "Undo the delete" in text
    assert len(_rows(cast, two_beats)) == 1
    undone = client.post(url, {"op": "undo", "version": "2"}, headers=HX)
    assert undone.status_code == 200 and "Undo the delete" not in undone.content.decode()
    after = _rows(cast, two_beats)
    assert [(r.id, r.text) for r in after] == [(r.id, r.text) for r in before]
    view = selectors.choreography_get(access=cast.access("coordinator"), scene=two_beats)
    assert view.version == 3  # history moves forward
    assert AuditEvent.objects.filter(action=AuditAction.CHOREOGRAPHY_UNDONE).count() == 1


def test_without_htmx_the_delete_redirects_to_the_editor_with_the_undo(
    cast: Cast, two_beats: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.coordinator)
    first = _rows(cast, two_beats)[0]
    url = f"/scenes/{two_beats.pk}/choreography/beats/"
    response = client.post(url, {"op": "delete", "beat": first.id, "version": "1"}, follow=True)
    assert "?undo=2&at=1" in response.redirect_chain[-1][0]
    assert "Undo the delete" in response.content.decode()
    # The offer is gone once the beats changed again.
    client.post(url, {"op": "duplicate", "beat": _rows(cast, two_beats)[0].id, "version": "2"})
    later = client.get(f"/scenes/{two_beats.pk}/choreography/?undo=2").content.decode()
    assert "Undo the delete" not in later


def test_an_undo_after_someone_else_changed_the_beats_answers_409_and_changes_nothing(
    cast: Cast, two_beats: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.coordinator)
    url = f"/scenes/{two_beats.pk}/choreography/beats/"
    rows = _rows(cast, two_beats)
    client.post(url, {"op": "delete", "beat": rows[0].id, "version": "1"}, headers=HX)
    client.post(url, {"op": "delete", "beat": rows[1].id, "version": "2"}, headers=HX)
    stale = client.post(url, {"op": "undo", "version": "2"}, headers=HX)
    assert stale.status_code == 409 and "can no longer be undone" in stale.content.decode()
    assert _rows(cast, two_beats) == []
    with pytest.raises(Conflict):
        services.choreography_undo(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            scene=two_beats,
            expected_version=2,
        )


def test_undo_voids_nothing_new_and_restores_nothing_of_the_approval(
    cast: Cast, two_beats: Scene
) -> None:
    coordinator = cast.access("coordinator")
    for key in ("coordinator", "director"):
        services.choreography_approve(
            actor=cast.users[key], access=cast.access(key), scene=two_beats, expected_version=1
        )
    beats = [r.data for r in _rows(cast, two_beats)][1:]
    services.choreography_save(
        actor=cast.coordinator, access=coordinator, scene=two_beats, beats=beats, expected_version=1
    )
    assert selectors.approval_state(scene=two_beats).voided_reason == "beats edited"
    services.choreography_undo(
        actor=cast.coordinator, access=coordinator, scene=two_beats, expected_version=2
    )
    state = selectors.approval_state(scene=two_beats)
    assert not state.approved and state.voided and state.version == 3


def test_nothing_to_undo_and_only_the_coordinator_undoes(
    cast: Cast, agreed: Scene, two_beats: Scene, login: Callable[..., Client]
) -> None:
    with pytest.raises(ServiceError, match="nothing to undo"):
        services.choreography_undo(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            scene=two_beats,
            expected_version=1,
        )
    with pytest.raises(Forbidden):
        services.choreography_undo(
            actor=cast.director, access=cast.access("director"), scene=two_beats, expected_version=1
        )
    url = f"/scenes/{two_beats.pk}/choreography/beats/"
    assert login(cast.director).post(url, {"op": "undo", "version": "1"}).status_code == 403
    assert login(cast.users["crew"]).post(url, {"op": "undo", "version": "1"}).status_code == 404
