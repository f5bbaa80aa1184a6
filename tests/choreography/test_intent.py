"""The director's intent notes: written by approvers (director, coordinator) on the brief page
and API, sealed, audited, stale writes answer 409, and writing them never voids an approval."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from closedset.choreography import selectors, services
from closedset.choreography.models import Choreography
from closedset.core.errors import Conflict, Forbidden
from closedset.core.models import AuditAction, AuditEvent
from closedset.scripts.models import Scene
from tests.conftest import Cast

from .conftest import kiss_beat


def _approved(cast: Cast, scene: Scene) -> int:
    me, partner = cast.members["performer"], cast.members["partner"]
    version = services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=scene,
        beats=[kiss_beat(me, partner)],
    ).version
    for key in ("coordinator", "director"):
        services.choreography_approve(
            actor=cast.users[key], access=cast.access(key), scene=scene, expected_version=version
        )
    return version


def _write(cast: Cast, scene: Scene, key: str, text: str, version: int) -> Choreography:
    return services.choreography_intent_save(
        actor=cast.users[key],
        access=cast.access(key),
        scene=scene,
        intent=text,
        expected_version=version,
    )


def test_the_director_writes_intent_notes_without_voiding_the_approval(
    cast: Cast, agreed: Scene
) -> None:
    version = _approved(cast, agreed)
    written = _write(cast, agreed, "director", "  The first kiss: tender, hesitant.  ", 0)
    assert written.intent_version == 1 and written.version == version
    state = selectors.approval_state(scene=agreed)
    assert state.approved and not state.voided
    brief = selectors.brief_get(access=cast.access("producer"), scene=agreed)
    assert brief.intent == "The first kiss: tender, hesitant."
    event = AuditEvent.objects.get(action=AuditAction.CHOREOGRAPHY_INTENT_CHANGED)
    assert "tender" not in event.summary
    with connection.cursor() as cursor:  # sealed at rest
        cursor.execute(
            "SELECT intent FROM choreography_choreography WHERE id = %s",
            [written.pk.hex] if connection.vendor == "sqlite" else [written.pk],
        )
        assert "tender" not in str(cursor.fetchone()[0])


def test_the_coordinator_changing_only_the_intent_through_the_beats_save_keeps_the_approval(
    cast: Cast, agreed: Scene
) -> None:
    version = _approved(cast, agreed)
    coordinator = cast.access("coordinator")
    beats = [r.data for r in selectors.choreography_get(access=coordinator, scene=agreed).rows]
    saved = services.choreography_save(
        actor=cast.coordinator,
        access=coordinator,
        scene=agreed,
        beats=beats,
        expected_version=version,
        intent="A new reading.",
    )
    assert saved.version == version and saved.intent_version == 1
    assert selectors.approval_state(scene=agreed).approved


def test_a_stale_intent_write_answers_409_and_changes_nothing(cast: Cast, agreed: Scene) -> None:
    _write(cast, agreed, "director", "First.", 0)
    _write(cast, agreed, "coordinator", "Second.", 1)
    with pytest.raises(Conflict):
        _write(cast, agreed, "director", "Stale.", 1)
    brief = selectors.brief_get(access=cast.access("director"), scene=agreed)
    assert brief.intent == "Second." and brief.intent_version == 2


def test_notes_before_any_beat_do_not_count_as_a_choreography(cast: Cast, agreed: Scene) -> None:
    _write(cast, agreed, "director", "Context first.", 0)
    assert not selectors.approval_state(scene=agreed).has_choreography
    me, partner = cast.members["performer"], cast.members["partner"]
    saved = services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=agreed,
        beats=[kiss_beat(me, partner)],
        expected_version=0,
    )
    assert saved.version == 1 and selectors.approval_state(scene=agreed).has_choreography


@pytest.mark.parametrize("key", ["producer", "ad", "performer", "crew"])
def test_only_approvers_write_intent_notes(cast: Cast, agreed: Scene, key: str) -> None:
    with pytest.raises(Forbidden):
        _write(cast, agreed, key, "Mine.", 0)
    assert not Choreography.objects.filter(lineage=agreed.lineage).exists()


def test_the_brief_page_form_saves_shows_409_and_is_hidden_from_readers(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    url = f"/scenes/{agreed.pk}/intent/"
    director = login(cast.director)
    page = director.get(f"/scenes/{agreed.pk}/brief/").content.decode()
    assert "Write the intent notes" in page and url in page
    saved = director.post(url, {"intent": "Tender.", "version": "0"}, follow=True)
    assert "Tender." in saved.content.decode()
    stale = director.post(url, {"intent": "Mine, stale.", "version": "0"})
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "changed since you opened them" in text and "Mine, stale." in text
    assert 'name="version" value="1"' in text
    too_long = director.post(url, {"intent": "x" * 5000, "version": "1"})
    assert too_long.status_code == 400
    producer = login(cast.producer)
    assert url not in producer.get(f"/scenes/{agreed.pk}/brief/").content.decode()
    assert producer.post(url, {"intent": "No.", "version": "1"}).status_code == 403
    assert login(cast.users["crew"]).post(url, {"intent": "No.", "version": "1"}).status_code == 404
    assert selectors.brief_get(access=cast.access("ad"), scene=agreed).intent == "Tender."


def test_the_intent_api(cast: Cast, agreed: Scene, login: Callable[..., Client]) -> None:
    path = f"/api/v1/scenes/{agreed.pk}/intent"

    def put(client: Client, body: dict[str, object]) -> object:
        return client.put(path, data=json.dumps(body), content_type="application/json")

    director = login(cast.director)
    done = put(director, {"intent": "Tender.", "version": 0})
    assert done.status_code == 200 and done.json() == {"intent": "Tender.", "intent_version": 1}
    assert put(director, {"intent": "Stale.", "version": 0}).status_code == 409
    assert put(login(cast.producer), {"intent": "x", "version": 1}).status_code == 403
    assert put(login(cast.users["crew"]), {"intent": "x", "version": 1}).status_code == 404
    assert put(login(cast.users["outsider"]), {"intent": "x", "version": 1}).status_code == 404
    brief = login(cast.producer).get(f"/api/v1/scenes/{agreed.pk}/brief").json()
    assert brief["intent"] == "Tender." and brief["intent_version"] == 1
