"""The beat editor page: add, live check, duplicate, move, delete, stale edits; approval and
re-confirmation from the pages."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from closedset.choreography import selectors, services
from closedset.scripts.models import Scene
from tests.conftest import Cast

from .conftest import kiss_beat, reauth


def _form(cast: Cast, version: int, op: str = "add", **extra: str) -> dict[str, object]:
    data: dict[str, object] = {
        "op": op,
        "version": str(version),
        "doers": [str(cast.members["performer"].pk)],
        "receiver": str(cast.members["partner"].pk),
        "action": "kiss",
        "area": "lips",
        "mouth": "closed",
    }
    data.update(extra)
    return data


def _rows(cast: Cast, scene: Scene) -> list[selectors.BeatRow]:
    return selectors.choreography_get(access=cast.access("coordinator"), scene=scene).rows


def test_the_coordinator_adds_duplicates_moves_and_deletes_beats(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.coordinator)
    url = f"/scenes/{agreed.pk}/choreography/beats/"
    response = client.post(url, _form(cast, 0), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Within the agreement" in response.content.decode()
    [row] = _rows(cast, agreed)
    client.post(url, {"op": "duplicate", "beat": row.id, "version": "1"})
    client.post(url, _form(cast, 2, mouth="tongue"))
    rows = _rows(cast, agreed)
    assert [r.status for r in rows] == ["ok", "ok", "outside"]
    client.post(url, {"op": "up", "beat": rows[2].id, "version": "3"})
    assert [r.status for r in _rows(cast, agreed)] == ["ok", "outside", "ok"]
    client.post(url, {"op": "down", "beat": rows[2].id, "version": "4"})
    assert [r.status for r in _rows(cast, agreed)] == ["ok", "ok", "outside"]
    client.post(url, {"op": "delete", "beat": rows[2].id, "version": "5"})
    assert [r.status for r in _rows(cast, agreed)] == ["ok", "ok"]
    edit = client.get(f"/scenes/{agreed.pk}/choreography/?edit={rows[0].id}")
    assert "Save the beat" in edit.content.decode()
    client.post(url, _form(cast, 6, op="update", beat=rows[0].id, area="lips", mouth="tongue"))
    assert [r.status for r in _rows(cast, agreed)] == ["outside", "ok"]


def test_a_stale_edit_answers_409_and_changes_nothing(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.coordinator)
    url = f"/scenes/{agreed.pk}/choreography/beats/"
    client.post(url, _form(cast, 0))
    stale = client.post(url, _form(cast, 0), headers={"HX-Request": "true"})
    assert stale.status_code == 409 and "changed since you opened it" in stale.content.decode()
    assert len(_rows(cast, agreed)) == 1


def test_a_beat_missing_its_parts_is_refused_with_the_reason(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.coordinator)
    url = f"/scenes/{agreed.pk}/choreography/beats/"
    response = client.post(url, _form(cast, 0, action=""))
    assert response.status_code == 400 and "Choose the contact" in response.content.decode()
    response = client.post(url, _form(cast, 0, area=""))
    assert response.status_code == 400 and "R3" in response.content.decode()
    assert not selectors.approval_state(scene=agreed).has_choreography


def test_live_check_shows_the_status_of_the_beat_being_written(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    url = f"/scenes/{agreed.pk}/choreography/check/"
    response = login(cast.coordinator).post(url, _form(cast, 0, mouth="tongue"))
    assert response.status_code == 200
    assert "Outside the agreement" in response.content.decode()
    assert "has this to discuss" in response.content.decode()
    assert not selectors.approval_state(scene=agreed).has_choreography
    assert login(cast.director).post(url, _form(cast, 0)).status_code == 403
    assert login(cast.crew).post(url, _form(cast, 0)).status_code == 404


def test_approval_from_the_pages(cast: Cast, agreed: Scene, login: Callable[..., Client]) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=agreed,
        beats=[kiss_beat(me, partner)],
    )
    url = f"/scenes/{agreed.pk}/choreography/approve/"
    response = reauth(login(cast.coordinator)).post(url, {"version": "1"})
    assert response.status_code == 302
    response = reauth(login(cast.director)).post(url, {"version": "1"}, follow=True)
    assert "Approved beats" in response.content.decode()
    assert selectors.approval_state(scene=agreed).approved


def test_a_performer_reconfirms_a_shoot_day_change_on_the_brief_page(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=agreed,
        beats=[kiss_beat(me, partner)],
    )
    services.choreography_reconfirm_required(
        actor=cast.coordinator, access=cast.access("coordinator"), scene=agreed
    )
    client = login(cast.performer)
    page = client.get(f"/scenes/{agreed.pk}/brief/").content.decode()
    assert "I re-confirm these beats" in page
    assert client.post(f"/scenes/{agreed.pk}/reconfirm/").status_code == 302
    assert selectors.reconfirmation_pending(scene=agreed) == [str(partner.pk)]
    assert login(cast.crew).post(f"/scenes/{agreed.pk}/reconfirm/").status_code == 404
