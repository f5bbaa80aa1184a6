from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.conftest import Cast
from tests.scripts.conftest import SCRIPT, scene_by_heading

from closedset.accounts.models import User
from closedset.scripts import services
from closedset.scripts.models import Scene, Script

READERS = ["coordinator", "director", "producer", "ad"]
NON_READERS = ["performer", "partner", "crew", "safety"]


def _upload(client: Client, production_id: object, data: bytes = SCRIPT, name: str = "t.fountain"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/productions/{production_id}/scripts",
        {"file": SimpleUploadedFile(name, data), "title": "Tide Line"},
    )


def test_the_coordinator_uploads_a_script_by_api(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    response = _upload(login(cast.coordinator), cast.production.pk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["scenes"] == 4
    assert body["flagged"] == 3
    assert body["revision"] == 1


@pytest.mark.parametrize("key", ["director", "producer", "ad"])
def test_people_who_may_read_but_not_upload_get_403(
    cast: Cast, login: Callable[[User], Client], key: str
) -> None:
    assert _upload(login(cast.users[key]), cast.production.pk).status_code == 403
    assert Script.objects.count() == 0


@pytest.mark.parametrize("key", [*NON_READERS, "outsider", "other_producer"])
def test_people_without_the_script_permission_get_404_on_upload(
    cast: Cast, login: Callable[[User], Client], key: str
) -> None:
    assert _upload(login(cast.users[key]), cast.production.pk).status_code == 404


def test_a_junk_upload_is_a_clear_400_and_stores_nothing(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    response = _upload(login(cast.coordinator), cast.production.pk, b"\x00\x01\x02" * 100, "x.pdf")
    assert response.status_code == 400
    assert response.json()["field"] == "file"
    assert "x.pdf" in response.json()["detail"]
    assert Script.objects.count() == 0


def test_anonymous_upload_is_401(cast: Cast) -> None:
    assert _upload(Client(), cast.production.pk).status_code == 401


@pytest.mark.parametrize("key", READERS)
def test_readers_list_scenes_with_flags_and_evidence(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult, key: str
) -> None:
    response = login(cast.users[key]).get(
        f"/api/v1/productions/{cast.production.pk}/scenes?flagged=true"
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 3
    kitchen = next(i for i in items if i["heading"] == "INT. KITCHEN - NIGHT")
    assert kitchen["flags"][0]["category"] == "kiss"
    assert "kisses" in kitchen["flags"][0]["evidence"][0]["text"]
    yard = next(i for i in items if i["heading"] == "EXT. SCHOOLYARD - DAY")
    assert yard["severity"] == "critical"


@pytest.mark.parametrize("key", [*NON_READERS, "outsider", "other_producer"])
def test_people_without_the_script_permission_see_no_scenes(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult, key: str
) -> None:
    client = login(cast.users[key])
    assert client.get(f"/api/v1/productions/{cast.production.pk}/scenes").status_code == 404
    scene = Scene.objects.first()
    assert scene is not None
    assert client.get(f"/api/v1/scenes/{scene.pk}").status_code == 404
    assert client.get(f"/api/v1/productions/{cast.production.pk}/scripts").status_code == 404


def test_every_listed_scene_opens(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    client = login(cast.director)
    items = client.get(f"/api/v1/productions/{cast.production.pk}/scenes").json()["items"]
    assert len(items) == 4
    for item in items:
        detail = client.get(f"/api/v1/scenes/{item['id']}")
        assert detail.status_code == 200
        assert detail.json() == item


def test_the_coordinator_patches_flags_and_a_stale_version_is_409(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    client = login(cast.coordinator)
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    url = f"/api/v1/scenes/{kitchen.pk}/flags"
    ok = client.patch(url, {"confirm": ["kiss"], "version": 1}, content_type="application/json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["flags"][0]["status"] == "confirmed"
    assert ok.json()["version"] == 2
    stale = client.patch(url, {"dismiss": ["kiss"], "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    bad = client.patch(url, {"confirm": ["hug"]}, content_type="application/json")
    assert bad.status_code == 422


@pytest.mark.parametrize("key", ["director", "producer", "ad"])
def test_readers_cannot_change_flags(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult, key: str
) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    response = login(cast.users[key]).patch(
        f"/api/v1/scenes/{kitchen.pk}/flags", {"confirm": ["kiss"]}, content_type="application/json"
    )
    assert response.status_code == 403


def test_an_unknown_scene_is_404(cast: Cast, login: Callable[[User], Client]) -> None:
    client = login(cast.coordinator)
    assert client.get(f"/api/v1/scenes/{uuid.uuid4()}").status_code == 404
    assert client.get("/api/v1/scenes/not-a-uuid").status_code in {404, 422}
