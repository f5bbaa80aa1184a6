"""The dashboard tells each person what is waiting for them, from the linked pages' own data."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from closedset.accounts.models import User
from closedset.consent import services as consent_services
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, kiss
from tests.shoot.conftest import Shoot, add_day, schedule


def _waiting(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    return (
        html.split('<ul class="waiting">', 1)[1].split("</ul>", 1)[0] if "waiting" in html else ""
    )


def test_the_first_ad_sees_readiness_first(
    cast: Cast, casting: Casting, shoot: Shoot, login: Callable[[User], Client]
) -> None:
    text = _waiting(login(cast.ad))
    assert "All 1 scheduled intimate scene ready" in text
    schedule(cast, add_day(cast, 1), casting.bedroom)
    text = _waiting(login(cast.ad))
    assert "1 of 2 scheduled intimate scenes not ready" in text
    assert text.index("scheduled intimate") < text.index("</li>")  # the first line


def test_a_performer_sees_their_open_scenes_and_nothing_of_others(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    text = _waiting(login(cast.performer))
    assert "await your answers" in text
    assert "scheduled intimate" not in text and "rider" not in text


def test_the_producer_is_told_of_riders_awaiting_countersignature(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    consent_services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=cast.members["performer"],
        answers=answers((kiss("give", cast.members["partner"]), "yes")),
    )
    coordinator = cast.access("coordinator")
    rider = consent_services.rider_prepare(
        actor=cast.coordinator, access=coordinator, member=cast.members["performer"]
    )
    rider = consent_services.rider_confirm(actor=cast.coordinator, access=coordinator, rider=rider)
    consent_services.rider_sign(
        actor=cast.performer,
        access=cast.access("performer"),
        rider=rider,
        typed_name=cast.performer.name,
        content_hash=rider.content_hash,
    )
    assert "1 rider awaits your countersignature" in _waiting(login(cast.producer))
    assert "countersignature" not in _waiting(login(cast.ad))
    assert "kiss" not in _waiting(login(cast.producer)).lower()


def test_crew_and_outsiders_have_nothing_waiting(
    cast: Cast, casting: Casting, shoot: Shoot, login: Callable[[User], Client]
) -> None:
    assert _waiting(login(cast.crew)) == ""
    assert "The Salt" not in login(cast.users["outsider"]).get("/").content.decode()
    assert "ready" not in _waiting(login(cast.users["other_producer"]))
