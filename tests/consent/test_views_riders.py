"""Rider pages, the PDF and the rider API: who sees what, signing with re-authentication."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from tests.conftest import PASSWORD, Cast
from tests.consent.conftest import Casting, answers, kiss, nudity

from closedset.accounts.models import User
from closedset.accounts.reauth import SESSION_KEY
from closedset.accounts.services import token_create
from closedset.consent import services
from closedset.consent.models import Rider


def _reauth(client: Client) -> Client:
    session = client.session
    session[SESSION_KEY] = int(time.time())
    session.save()
    return client


def _confirmed(cast: Cast, casting: Casting) -> Rider:
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=cast.members["performer"],
        answers=answers((kiss("give", cast.members["partner"]), "yes"), (nudity(), "no")),
    )
    rider = services.rider_prepare(
        actor=cast.coordinator, access=cast.access("coordinator"), member=cast.members["performer"]
    )
    return services.rider_confirm(
        actor=cast.coordinator, access=cast.access("coordinator"), rider=rider
    )


def _page(cast: Cast) -> str:
    return f"/members/{cast.members['performer'].pk}/rider/"


def _pdf(cast: Cast) -> str:
    return f"/members/{cast.members['performer'].pk}/rider.pdf"


def _api(cast: Cast) -> str:
    return f"/api/v1/members/{cast.members['performer'].pk}/rider"


def test_the_performer_and_the_coordinator_see_the_rider_page(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _confirmed(cast, casting)
    page = login(cast.performer).get(_page(cast))
    assert page.status_code == 200
    html = page.content.decode()
    assert "kiss on the lips" in html
    assert rider.content_hash in html
    assert f"/riders/{rider.pk}/sign/" in html
    assert "Prepare/refresh rider" not in html
    coordinator = login(cast.coordinator).get(_page(cast)).content.decode()
    assert "Prepare/refresh rider" in coordinator
    assert "kiss on the lips" in coordinator


@pytest.mark.parametrize("key", ["director", "ad", "crew", "safety", "partner", "producer"])
def test_everyone_else_gets_404_for_rider_content(
    cast: Cast, casting: Casting, login: Callable[[User], Client], key: str
) -> None:
    _confirmed(cast, casting)
    client = login(cast.users[key])
    assert client.get(_page(cast)).status_code == 404
    assert client.get(_pdf(cast)).status_code == 404
    response = client.get(_api(cast))
    if key in {"producer", "ad"}:  # status viewers: state and hash, never content
        body = response.json()
        assert response.status_code == 200
        assert body["state"] == "confirmed"
        assert body["content"] is None
        assert body["signed_name"] is None
        assert "kiss" not in response.content.decode()
    else:
        assert response.status_code == 404


def test_the_pdf_is_served_to_the_performer(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _confirmed(cast, casting)
    response = login(cast.performer).get(_pdf(cast))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    assert rider.content_hash


def test_signing_on_the_page_needs_re_authentication(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _confirmed(cast, casting)
    client = login(cast.performer)
    url = f"/riders/{rider.pk}/sign/"
    first = client.get(url)
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("accounts:reauth") + "?next=")
    _reauth(client)
    form = client.get(url)
    assert form.status_code == 200
    assert rider.content_hash in form.content.decode()
    wrong = client.post(url, {"typed_name": "Nobody", "content_hash": rider.content_hash})
    assert wrong.status_code == 400
    stale = client.post(url, {"typed_name": "Performer", "content_hash": "0" * 64})
    assert stale.status_code == 409
    rider.refresh_from_db()
    assert rider.state == Rider.State.CONFIRMED
    done = client.post(url, {"typed_name": "Performer", "content_hash": rider.content_hash})
    assert done.status_code == 302
    rider.refresh_from_db()
    assert rider.state == Rider.State.SIGNED


def test_the_producer_countersigns_and_issues_from_the_rider_list(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _confirmed(cast, casting)
    services.rider_sign(
        actor=cast.performer,
        access=cast.access("performer"),
        rider=rider,
        typed_name="Performer",
        content_hash=rider.content_hash,
    )
    client = login(cast.producer)
    production = client.get(f"/productions/{cast.production.pk}/").content.decode()
    assert f"/productions/{cast.production.pk}/riders/" in production
    listing = client.get(f"/productions/{cast.production.pk}/riders/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Countersign" in html
    assert "kiss" not in html
    assert "Partner" in html  # a performer without an issued rider
    client.post(f"/riders/{rider.pk}/countersign/")
    rider.refresh_from_db()
    assert rider.state == Rider.State.COUNTERSIGNED
    client.post(f"/riders/{rider.pk}/issue/")
    rider.refresh_from_db()
    assert rider.state == Rider.State.ISSUED


def test_the_rider_list_is_not_found_for_those_without_status(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    for key in ("director", "crew", "performer"):
        response = login(cast.users[key]).get(f"/productions/{cast.production.pk}/riders/")
        assert response.status_code == 404
    page = login(cast.director).get(f"/productions/{cast.production.pk}/").content.decode()
    assert "/riders/" not in page


def test_countersigning_by_api_before_signing_is_a_clear_error(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _confirmed(cast, casting)
    response = login(cast.producer).post(f"/api/v1/riders/{rider.pk}/countersign")
    assert response.status_code == 400
    assert "not signed" in response.json()["detail"]
    rider.refresh_from_db()
    assert rider.state == Rider.State.CONFIRMED


def test_signing_by_api_needs_re_authentication_then_works(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _confirmed(cast, casting)
    client = login(cast.performer)
    url = f"/api/v1/riders/{rider.pk}/sign"
    body = {"typed_name": "Performer", "content_hash": rider.content_hash}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert "password" in refused.json()["detail"]
    _reauth(client)
    stale = client.post(url, {**body, "content_hash": "1" * 64}, content_type="application/json")
    assert stale.status_code == 409
    signed = client.post(url, body, content_type="application/json")
    assert signed.status_code == 200, signed.content
    assert signed.json()["state"] == "signed"
    assert signed.json()["content"]["scenes"]
    got = client.get(_api(cast)).json()
    assert got["content_hash"] == rider.content_hash


def test_signing_with_an_api_token_needs_the_password(
    cast: Cast, casting: Casting, client: Client
) -> None:
    rider = _confirmed(cast, casting)
    token = token_create(actor=cast.performer, user=cast.performer).plaintext
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/riders/{rider.pk}/sign"
    body = {"typed_name": "Performer", "content_hash": rider.content_hash}
    missing = client.post(url, body, content_type="application/json", headers=headers)
    assert missing.status_code == 403
    wrong = client.post(
        url, {**body, "password": "wrong"}, content_type="application/json", headers=headers
    )
    assert wrong.status_code == 403
    rider.refresh_from_db()
    assert rider.state == Rider.State.CONFIRMED
    ok = client.post(
        url, {**body, "password": PASSWORD}, content_type="application/json", headers=headers
    )
    assert ok.status_code == 200, ok.content
    rider.refresh_from_db()
    assert rider.state == Rider.State.SIGNED


def test_another_performer_cannot_sign_or_see(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _confirmed(cast, casting)
    client = _reauth(login(cast.partner))
    response = client.post(
        f"/api/v1/riders/{rider.pk}/sign",
        {"typed_name": "Partner", "content_hash": rider.content_hash},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert client.get(f"/riders/{rider.pk}/sign/").status_code == 404
