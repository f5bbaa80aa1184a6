"""Who sees what (R9), on pages and API: the container and brief for director, producer, AD and
the scene's performers, with no private data; full validation for coordinators only; 404 for
crew and outsiders; every brief view and every read of answers audited."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from closedset.accounts.services import token_create
from closedset.choreography import selectors, services
from closedset.core.models import AuditAction, AuditEvent
from closedset.scripts.models import Scene
from tests.conftest import PASSWORD, Cast

from .conftest import kiss_beat, reauth, thrust_beat

PRIVATE_MARKERS = ("discuss", "answered no", "has not answered", "R3:", "Pending")


@pytest.fixture
def drafted(cast: Cast, agreed: Scene) -> Scene:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=agreed,
        beats=[kiss_beat(me, partner), kiss_beat(me, partner, "tongue"), thrust_beat(me, partner)],
        intent="A first kiss.",
    )
    # The tongue kiss is "discuss" for Ana: the coordinator sees it; no one else may.
    return agreed


def _api(client: Client, method: str, path: str, body: Any = None) -> Any:
    return getattr(client, method)(
        f"/api/v1{path}", data=json.dumps(body or {}), content_type="application/json"
    )


READERS = ["director", "producer", "ad", "performer", "partner"]


@pytest.mark.parametrize("key", READERS)
def test_brief_and_container_show_no_private_data(
    cast: Cast, drafted: Scene, login: Callable[..., Client], key: str
) -> None:
    client = login(cast.users[key])
    for path in (f"/scenes/{drafted.pk}/brief/", f"/scenes/{drafted.pk}/container/"):
        page = client.get(path)
        assert page.status_code == 200
        text = page.content.decode()
        for marker in PRIVATE_MARKERS:
            assert marker not in text, (key, path, marker)
    brief = client.get(f"/api/v1/scenes/{drafted.pk}/brief").json()
    container = client.get(f"/api/v1/scenes/{drafted.pk}/container").json()
    dumped = json.dumps([brief, container])
    assert "Outside the agreement" in dumped and "Prohibited" in dumped
    for marker in ("discuss", "answered no", "has not answered", "R3:"):
        assert marker not in dumped
    assert all(beat["reasons"] == [] for beat in brief["beats"])
    assert [b["status"] for b in brief["beats"]] == ["ok", "outside", "prohibited"]
    pdf = client.get(f"/scenes/{drafted.pk}/brief.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/api/v1/scenes/{drafted.pk}/brief.pdf").status_code == 200


def test_every_brief_view_is_audited(
    cast: Cast, drafted: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.director)
    before = AuditEvent.objects.filter(action=AuditAction.BRIEF_VIEWED).count()
    client.get(f"/scenes/{drafted.pk}/brief/")
    client.get(f"/api/v1/scenes/{drafted.pk}/brief")
    client.get(f"/api/v1/scenes/{drafted.pk}/container")
    assert AuditEvent.objects.filter(action=AuditAction.BRIEF_VIEWED).count() >= before + 3


def test_the_coordinator_sees_every_reason_and_the_read_is_audited(
    cast: Cast, drafted: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.coordinator)
    body = client.get(f"/api/v1/scenes/{drafted.pk}/choreography").json()
    assert [b["status"] for b in body["beats"]] == ["ok", "outside", "prohibited"]
    assert any("to discuss" in r for r in body["beats"][1]["reasons"])
    assert AuditEvent.objects.filter(action=AuditAction.CHOREOGRAPHY_READ).exists()
    page = client.get(f"/scenes/{drafted.pk}/choreography/")
    assert page.status_code == 200 and "has this to discuss" in page.content.decode()


@pytest.mark.parametrize("key", ["director", "producer", "performer"])
def test_non_coordinators_get_statuses_only(
    cast: Cast, drafted: Scene, login: Callable[..., Client], key: str
) -> None:
    client = login(cast.users[key])
    body = client.get(f"/api/v1/scenes/{drafted.pk}/choreography").json()
    assert [b["status"] for b in body["beats"]] == ["ok", "outside", "prohibited"]
    checked = _api(client, "post", f"/scenes/{drafted.pk}/choreography/validate", {})
    assert checked.status_code == 200
    assert all(b["reasons"] == [] for b in checked.json())


@pytest.mark.parametrize("key", ["crew", "safety", "outsider", "other_producer"])
def test_people_without_the_permission_get_404_everywhere(
    cast: Cast, drafted: Scene, login: Callable[..., Client], key: str
) -> None:
    client = login(cast.users[key])
    for path in ("choreography/", "container/", "brief/", "brief.pdf"):
        assert client.get(f"/scenes/{drafted.pk}/{path}").status_code == 404
    for path in ("container", "brief", "brief.pdf", "choreography"):
        assert client.get(f"/api/v1/scenes/{drafted.pk}/{path}").status_code == 404
    assert _api(client, "put", f"/scenes/{drafted.pk}/choreography", {}).status_code == 404
    approve = _api(client, "post", f"/scenes/{drafted.pk}/choreography/approve", {"version": 1})
    assert approve.status_code == 404


def test_a_performer_not_in_the_scene_gets_404(
    cast: Cast, drafted: Scene, login: Callable[..., Client]
) -> None:
    client = login(cast.users["minor"])
    assert client.get(f"/scenes/{drafted.pk}/brief/").status_code == 404
    assert client.get(f"/api/v1/scenes/{drafted.pk}/brief").status_code == 404


@pytest.mark.parametrize("key", ["director", "producer", "performer"])
def test_only_the_coordinator_writes_beats(
    cast: Cast, drafted: Scene, login: Callable[..., Client], key: str
) -> None:
    client = login(cast.users[key])
    assert _api(client, "put", f"/scenes/{drafted.pk}/choreography", {}).status_code == 403
    assert client.get(f"/scenes/{drafted.pk}/choreography/").status_code == 403
    post = client.post(f"/scenes/{drafted.pk}/choreography/beats/", {"op": "delete"})
    assert post.status_code == 403


@pytest.mark.parametrize("key", ["producer", "ad", "performer"])
def test_only_approvers_approve(
    cast: Cast, drafted: Scene, login: Callable[..., Client], key: str
) -> None:
    client = reauth(login(cast.users[key]))
    approve = _api(client, "post", f"/scenes/{drafted.pk}/choreography/approve", {"version": 1})
    assert approve.status_code == 403
    assert client.post(f"/scenes/{drafted.pk}/choreography/approve/").status_code == 403


def test_the_api_round_trip_put_stale_put_and_approve(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    coordinator = login(cast.coordinator)
    path = f"/scenes/{agreed.pk}/choreography"
    put = _api(coordinator, "put", path, {"beats": [kiss_beat(me, partner)], "version": 0})
    assert put.status_code == 200 and put.json()["version"] == 1
    stale = _api(coordinator, "put", path, {"beats": [], "version": 0})
    assert stale.status_code == 409
    bad = _api(coordinator, "put", path, {"beats": [{"doers": []}], "version": 1})
    assert bad.status_code == 400 and "at least one performer" in bad.json()["detail"]
    done = _api(reauth(coordinator), "post", f"{path}/approve", {"version": 1})
    assert done.status_code == 200 and done.json()["coordinator_approved"]
    director = reauth(login(cast.director))
    done = _api(director, "post", f"{path}/approve", {"version": 1})
    assert done.json()["approved"] is True
    brief = director.get(f"/scenes/{agreed.pk}/brief/").content.decode()
    assert "Approved beats" in brief


def test_unknown_scene_and_anonymous(
    client: Client, cast: Cast, login: Callable[..., Client]
) -> None:
    assert (
        client.get("/api/v1/scenes/00000000-0000-0000-0000-000000000000/brief").status_code == 401
    )
    login(cast.director)
    assert client.get("/scenes/00000000-0000-0000-0000-000000000000/brief/").status_code == 404


def test_approving_needs_a_recent_password_confirmation_on_pages_and_api(
    cast: Cast, agreed: Scene, login: Callable[..., Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=agreed,
        beats=[kiss_beat(me, partner)],
    )
    coordinator = login(cast.coordinator)
    page = coordinator.post(f"/scenes/{agreed.pk}/choreography/approve/", {"version": "1"})
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:reauth"))
    api = _api(coordinator, "post", f"/scenes/{agreed.pk}/choreography/approve", {"version": 1})
    assert api.status_code == 403 and "re-authentication" in api.json()["detail"]
    assert not selectors.approval_state(scene=agreed).coordinator_approved
    reauth(coordinator)
    page = coordinator.post(f"/scenes/{agreed.pk}/choreography/approve/", {"version": "1"})
    assert page.status_code == 302 and "reauth" not in page["Location"]
    assert selectors.approval_state(scene=agreed).coordinator_approved


def test_an_api_token_approves_only_with_the_current_password(
    cast: Cast, agreed: Scene, client: Client
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=agreed,
        beats=[kiss_beat(me, partner)],
    )
    token = token_create(actor=cast.director, user=cast.director).plaintext
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/scenes/{agreed.pk}/choreography/approve"
    for body in ({"version": 1}, {"version": 1, "password": "wrong"}):
        denied = client.post(url, body, content_type="application/json", headers=headers)
        assert denied.status_code == 403
    assert not selectors.approval_state(scene=agreed).director_approved
    ok = client.post(
        url, {"version": 1, "password": PASSWORD}, content_type="application/json", headers=headers
    )
    assert ok.status_code == 200 and ok.json()["director_approved"]
