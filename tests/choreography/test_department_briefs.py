"""Department briefs (docs/adr/0010): a crew member on a scene's closed-set roster for a day
reads only what their department needs (costume: garments and barriers; camera: nudity framing
and stills), never a "no", a "discuss", a note or a reason; everyone else gets 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from closedset.choreography.departments import BriefKind, department_kind
from closedset.core.models import AuditAction, AuditEvent
from closedset.productions.models import Membership
from closedset.shoot.models import ShootDay
from tests.conftest import Cast
from tests.consent.conftest import Casting, nudity
from tests.shoot.conftest import Shoot, rostered, schedule, shoot  # noqa: F401 - fixture

from .conftest import agree

PRIVATE_MARKERS = ("discuss", "answered no", "has not answered", "R3:", "Pending", "A first")


@pytest.fixture
def framed(cast: Cast, shoot: Shoot) -> Shoot:  # noqa: F811 - the fixture above
    """Ana agreed to her back fully visible, said no to her buttocks, needs a robe and has
    stills "to discuss"; the camera operator is on the kitchen's roster."""
    agree(
        cast,
        shoot.scene,
        "performer",
        "partner",
        (nudity("back", "fully_visible"), "yes"),
        (nudity("buttocks", "fully_visible"), "no"),
        ({"kind": "garment", "garment": "robe"}, "yes"),
        ({"kind": "stills"}, "discuss"),
    )
    rostered(cast, shoot.entry, "crew")
    return shoot


def _url(day: Shoot, pdf: bool = False) -> str:
    return day.url("department-brief.pdf" if pdf else "department-brief/")


def _department(cast: Cast, department: str) -> None:
    Membership.objects.filter(pk=cast.members["crew"].pk).update(department=department)


def test_the_camera_brief_gives_framing_and_stills_in_plain_sentences(
    cast: Cast, framed: Shoot, login: Callable[..., Client]
) -> None:
    client = login(cast.users["crew"])
    page = client.get(_url(framed))
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        "Performer:</strong> back fully visible; breasts / chest not shown; buttocks not shown"
        in text
    )
    assert "No stills of nudity or simulated sex of Partner, Performer." in text
    assert "Robe" not in text and "Garments and barriers" not in text
    for marker in PRIVATE_MARKERS:
        assert marker not in text, marker
    pdf = client.get(_url(framed, pdf=True))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    views = AuditEvent.objects.filter(action=AuditAction.DEPARTMENT_BRIEF_VIEWED)
    assert views.count() == 2
    assert all(e.actor_id == cast.users["crew"].pk for e in views)


def test_the_costume_brief_gives_garments_and_barriers_only(
    cast: Cast, framed: Shoot, login: Callable[..., Client]
) -> None:
    _department(cast, "Hair & Make-up")
    text = login(cast.users["crew"]).get(_url(framed)).content.decode()
    assert "Garments and barriers per performer" in text
    assert "Performer:</strong> Robe" in text
    assert "Partner:</strong> no garment or barrier listed yet" in text
    assert "visible" not in text and "stills" not in text.lower()
    for marker in PRIVATE_MARKERS:
        assert marker not in text, marker


def test_the_shoot_day_page_links_the_department_brief_for_the_rostered_crew_only(
    cast: Cast, framed: Shoot, login: Callable[..., Client]
) -> None:
    link = _url(framed)
    assert link in login(cast.users["crew"]).get(framed.url()).content.decode()
    assert link not in login(cast.ad).get(framed.url()).content.decode()


def test_crew_not_rostered_get_404(
    cast: Cast,
    shoot: Shoot,  # noqa: F811 - the fixture
    login: Callable[..., Client],
) -> None:
    client = login(cast.users["crew"])
    assert client.get(_url(shoot)).status_code == 404
    assert client.get(_url(shoot, pdf=True)).status_code == 404


def test_crew_rostered_for_another_scene_get_404(
    cast: Cast,
    shoot: Shoot,  # noqa: F811 - the fixture
    casting: Casting,
    login: Callable[..., Client],
) -> None:
    other = schedule(cast, shoot.day, casting.bedroom)
    rostered(cast, other, "crew")
    client = login(cast.users["crew"])
    assert client.get(f"/scenes/{casting.bedroom.pk}/days/{shoot.day.pk}/").status_code == 200
    assert client.get(_url(shoot)).status_code == 404
    assert client.get(_url(shoot, pdf=True)).status_code == 404


def test_a_department_without_a_brief_and_a_past_day_get_404(
    cast: Cast, framed: Shoot, login: Callable[..., Client]
) -> None:
    client = login(cast.users["crew"])
    _department(cast, "Sound")
    assert client.get(_url(framed)).status_code == 404
    _department(cast, "Camera")
    assert client.get(_url(framed)).status_code == 200
    yesterday = timezone.localdate() - timedelta(days=1)
    ShootDay.objects.filter(pk=framed.day.pk).update(date=yesterday)
    assert client.get(_url(framed)).status_code == 404


@pytest.mark.parametrize("key", ["producer", "ad", "director", "performer", "outsider"])
def test_members_who_are_not_rostered_crew_get_404(
    cast: Cast, framed: Shoot, login: Callable[..., Client], key: str
) -> None:
    client = login(cast.users[key])
    assert client.get(_url(framed)).status_code == 404
    assert client.get(_url(framed, pdf=True)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DEPARTMENT_BRIEF_VIEWED).exists()


@pytest.mark.parametrize(
    ("department", "kind"),
    [
        ("Costume", BriefKind.COSTUME),
        ("Wardrobe", BriefKind.COSTUME),
        ("Hair & Make-up", BriefKind.COSTUME),
        ("HMU", BriefKind.COSTUME),
        ("Camera", BriefKind.CAMERA),
        ("2nd unit camera", BriefKind.CAMERA),
        ("Stills photographer", BriefKind.CAMERA),
        ("Photography", BriefKind.CAMERA),
        ("Sound", None),
        ("Art / chairs", None),
        ("", None),
    ],
)
def test_the_department_matching_table(department: str, kind: BriefKind | None) -> None:
    assert department_kind(department) is kind
