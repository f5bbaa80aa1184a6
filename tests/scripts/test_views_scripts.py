from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.conftest import Cast
from tests.scripts.conftest import SCRIPT, scene_by_heading

from closedset.accounts.models import User
from closedset.scripts import services
from closedset.scripts.models import Character, FlagStatus, Script


def test_the_coordinator_uploads_through_the_page_and_sees_the_breakdown(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.coordinator)
    page = client.get(f"/productions/{cast.production.pk}/scripts/")
    assert page.status_code == 200
    assert b"No script yet" in page.content
    response = client.post(
        f"/productions/{cast.production.pk}/scripts/",
        {"file": SimpleUploadedFile("tide.fountain", SCRIPT)},
        follow=True,
    )
    assert response.status_code == 200
    assert b"Read 4 scenes; 3 have intimate content" in response.content
    assert b"INT. KITCHEN - NIGHT" in response.content
    assert b"EXT. HARBOUR - DAY" not in response.content, "intimate scenes only by default"
    everything = client.get(response.request["PATH_INFO"] + "?show=all")
    assert b"EXT. HARBOUR - DAY" in everything.content


def test_a_wrong_file_type_shows_the_reason_next_to_the_field(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.coordinator)
    response = client.post(
        f"/productions/{cast.production.pk}/scripts/",
        {"file": SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0JFIF" + b"\x00" * 200)},
    )
    assert response.status_code == 400
    assert b"photo.jpg" in response.content
    assert Script.objects.count() == 0


def test_an_empty_file_is_refused(cast: Cast, login: Callable[[User], Client]) -> None:
    response = login(cast.coordinator).post(
        f"/productions/{cast.production.pk}/scripts/",
        {"file": SimpleUploadedFile("empty.fountain", b"")},
    )
    assert response.status_code == 400
    assert Script.objects.count() == 0


def test_the_director_reads_the_breakdown_but_has_no_review_buttons(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    page = login(cast.director).get(f"/scripts/{uploaded.revision.script_id}/")
    assert page.status_code == 200
    assert b"INT. BEDROOM - NIGHT" in page.content
    assert b">Confirm<" not in page.content
    assert b"Upload a new revision" not in page.content


@pytest.mark.parametrize("key", ["performer", "crew", "safety", "outsider", "other_producer"])
def test_people_without_the_script_permission_get_404_pages(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult, key: str
) -> None:
    client = login(cast.users[key])
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    for url in (
        f"/productions/{cast.production.pk}/scripts/",
        f"/scripts/{uploaded.revision.script_id}/",
        f"/scenes/{kitchen.pk}/",
        f"/scripts/{uploaded.revision.script_id}/cast/",
    ):
        assert client.get(url).status_code == 404, url


def test_confirming_a_flag_with_htmx_answers_the_scene_card(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    response = login(cast.coordinator).post(
        f"/scenes/{kitchen.pk}/flags/",
        {"confirm": "kiss", "version": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b"Confirmed" in response.content
    assert b"<html" not in response.content
    assert kitchen.flags.get().status == FlagStatus.CONFIRMED


def test_a_stale_htmx_decision_shows_the_conflict_and_changes_nothing(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    client = login(cast.coordinator)
    client.post(f"/scenes/{kitchen.pk}/flags/", {"confirm": "kiss", "version": "1"})
    response = client.post(
        f"/scenes/{kitchen.pk}/flags/",
        {"dismiss": "kiss", "version": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert b"Reload" in response.content
    assert kitchen.flags.get().status == FlagStatus.CONFIRMED


def test_the_director_cannot_post_flag_decisions(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    response = login(cast.director).post(
        f"/scenes/{kitchen.pk}/flags/", {"confirm": "kiss", "version": "1"}
    )
    assert response.status_code == 403


def test_the_scene_page_shows_the_text_with_flagged_lines_marked(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    bedroom = scene_by_heading(uploaded, "INT. BEDROOM - NIGHT")
    page = login(cast.ad).get(f"/scenes/{bedroom.pk}/")
    assert page.status_code == 200
    assert b"They make love." in page.content
    assert b"flagged line" in page.content


def test_casting_a_performer_through_the_page(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    client = login(cast.coordinator)
    ana = Character.objects.get(name="ANA")
    page = client.get(f"/scripts/{uploaded.revision.script_id}/cast/")
    assert b"MIA" in page.content
    assert b"under 18" in page.content
    response = client.post(
        f"/scripts/{uploaded.revision.script_id}/cast/",
        {"character": str(ana.pk), "member": str(cast.members["performer"].pk)},
    )
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.member == cast.members["performer"]


def test_the_director_may_see_casting_but_not_change_it(
    cast: Cast, login: Callable[[User], Client], uploaded: services.UploadResult
) -> None:
    client = login(cast.director)
    ana = Character.objects.get(name="ANA")
    assert client.get(f"/scripts/{uploaded.revision.script_id}/cast/").status_code == 200
    response = client.post(
        f"/scripts/{uploaded.revision.script_id}/cast/",
        {"character": str(ana.pk), "member": str(cast.members["performer"].pk)},
    )
    assert response.status_code == 403
