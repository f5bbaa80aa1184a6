"""Boundary profiles: a performer's general limits, private, versioned, pre-filling scene
answers with their no and discuss, and asking for confirmation when a scene goes beyond a no."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, kiss, nudity
from tests.consent.test_views_consent import _form_url, _post_data, _questions

from closedset.accounts.models import User
from closedset.consent import selectors, services
from closedset.consent.models import BoundaryProfile
from closedset.core.errors import Conflict, Forbidden, ServiceError
from closedset.core.models import AuditAction, AuditEvent
from closedset.rules import consent as rules

OUTSIDERS = ["director", "producer", "ad", "crew", "safety", "partner"]


def _any_partner_kiss(mouth: str = "open_no_tongue") -> dict[str, Any]:
    return {
        "kind": "contact",
        "direction": "give",
        "partner": None,
        "action": "kiss",
        "area": "lips",
        "parameters": {"mouth": mouth},
    }


def _save(cast: Cast, *pairs: tuple[dict[str, Any], str], key: str = "performer", **kw: Any) -> Any:
    return services.profile_save(
        actor=cast.users[key],
        access=cast.access(key),
        member=cast.members["performer"],
        answers=answers(*pairs),
        **kw,
    )


def test_a_performer_keeps_a_versioned_sealed_profile(cast: Cast) -> None:
    first = _save(cast, (nudity("genitals_frontal"), "no"))
    assert first.version == 1
    second = _save(cast, (nudity("genitals_frontal"), "no"), (_any_partner_kiss(), "discuss"))
    assert second.pk == first.pk and second.version == 2
    raw = BoundaryProfile.objects.filter(pk=first.pk).values_list("answers", flat=True).get()
    assert "genitals" not in str(raw) and "discuss" not in str(raw)
    view = selectors.profile_get(access=cast.access("performer"), member=cast.members["performer"])
    assert view.version == 2
    assert view.profile.answers[rules.item_from_json(_any_partner_kiss())] is rules.Answer.DISCUSS
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count(AuditAction.PROFILE_CHANGED) == 2
    assert actions.count(AuditAction.PROFILE_READ) == 1


def test_a_stale_version_is_a_conflict_and_changes_nothing(cast: Cast) -> None:
    _save(cast, (nudity("buttocks"), "no"))
    with pytest.raises(Conflict):
        _save(cast, (nudity("buttocks"), "yes"), expected_version=0)
    view = selectors.profile_get(access=cast.access("performer"), member=cast.members["performer"])
    assert view.version == 1
    assert set(view.profile.answers.values()) == {rules.Answer.NO}


def test_a_profile_names_no_partner_and_uses_only_the_vocabulary(cast: Cast) -> None:
    with pytest.raises(ServiceError, match="names no partner"):
        _save(cast, (kiss("give", cast.members["partner"]), "no"))
    with pytest.raises(ServiceError, match="R3"):
        _save(cast, ({"kind": "nudity", "part": "elbows", "visibility": "fully_visible"}, "no"))
    assert not BoundaryProfile.objects.exists()


@pytest.mark.parametrize("key", OUTSIDERS)
def test_nobody_else_writes_a_performers_profile(cast: Cast, key: str) -> None:
    with pytest.raises(Forbidden):
        _save(cast, (nudity(), "no"), key=key)
    assert not BoundaryProfile.objects.exists()


def test_the_coordinator_may_read_and_write_it(cast: Cast) -> None:
    _save(cast, (nudity(), "no"), key="coordinator")
    view = selectors.profile_get(
        access=cast.access("coordinator"), member=cast.members["performer"]
    )
    assert view.version == 1


@pytest.mark.parametrize("key", OUTSIDERS)
def test_others_get_404_by_page_and_api(
    cast: Cast, login: Callable[[User], Client], key: str
) -> None:
    _save(cast, (nudity(), "no"))
    client = login(cast.users[key])
    member = cast.members["performer"]
    page = client.get(f"/members/{member.pk}/boundaries/")
    api = client.get(f"/api/v1/members/{member.pk}/boundary-profile")
    put = client.put(
        f"/api/v1/members/{member.pk}/boundary-profile",
        data={"answers": []},
        content_type="application/json",
    )
    assert (page.status_code, api.status_code, put.status_code) == (404, 404, 404)
    assert b"breasts" not in page.content + api.content


def test_another_productions_producer_gets_404(cast: Cast, login: Callable[[User], Client]) -> None:
    client = login(cast.users["other_producer"])
    member = cast.members["performer"]
    assert client.get(f"/members/{member.pk}/boundaries/").status_code == 404


def test_the_performer_edits_it_on_the_page(cast: Cast, login: Callable[[User], Client]) -> None:
    client = login(cast.performer)
    url = f"/members/{cast.members['performer'].pk}/boundaries/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "My boundaries" in html and "Where a partner may touch me" in html
    nudity_key = rules.item_key(rules.item_from_json(nudity("buttocks", "fully_visible")))
    response = client.post(url, _post_data(html, {nudity_key: "no"}))
    assert response.status_code == 302
    view = selectors.profile_get(access=cast.access("performer"), member=cast.members["performer"])
    assert view.profile.answers == {
        rules.item_from_json(nudity("buttocks", "fully_visible")): rules.Answer.NO
    }


def test_a_stale_page_is_refused_with_the_typed_answers_kept(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    url = f"/members/{cast.members['performer'].pk}/boundaries/"
    html = client.get(url).content.decode()
    _save(cast, (nudity(), "no"))
    nudity_key = rules.item_key(rules.item_from_json(nudity("buttocks", "fully_visible")))
    response = client.post(url, _post_data(html, {nudity_key: "discuss"}))
    assert response.status_code == 409
    checked = {
        rules.item_key(rules.item_from_json(items[0])): answer
        for items, answer in _questions(response.content.decode()).values()
    }
    assert checked[nudity_key] == "discuss"


def test_a_new_scene_is_pre_filled_with_the_profiles_no_but_nothing_is_saved(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    _save(cast, (nudity("breasts_chest", "fully_visible"), "no"))
    client = login(cast.performer)
    html = client.get(_form_url(casting.kitchen, cast.members["performer"])).content.decode()
    assert "pre-filled from your" in html
    checked = {
        rules.item_key(rules.item_from_json(items[0])): answer
        for items, answer in _questions(html).values()
    }
    assert checked[rules.item_key(rules.item_from_json(nudity()))] == "no"
    view = selectors.consent_get(
        access=cast.access("performer"), scene=casting.kitchen, member=cast.members["performer"]
    )
    assert view.version == 0
    assert AuditEvent.objects.filter(
        action=AuditAction.PROFILE_READ, summary__contains="pre-fill"
    ).exists()


def test_a_scene_yes_beyond_a_profile_no_needs_confirmation(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    _save(cast, (nudity("breasts_chest", "fully_visible"), "no"))
    client = login(cast.performer)
    url = _form_url(casting.kitchen, cast.members["performer"])
    html = client.get(url).content.decode()
    chosen = {rules.item_key(rules.item_from_json(nudity())): "yes"}
    refused = client.post(url, _post_data(html, chosen))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "beyond a no in the boundary profile" in text
    assert 'name="confirm_profile_conflicts"' in text
    assert not selectors.consent_get(
        access=cast.access("performer"), scene=casting.kitchen, member=cast.members["performer"]
    ).version
    saved = client.post(url, _post_data(text, chosen, confirm_profile_conflicts="on"))
    assert saved.status_code == 302
    view = selectors.consent_get(
        access=cast.access("performer"), scene=casting.kitchen, member=cast.members["performer"]
    )
    assert view.consent.answers[rules.item_from_json(nudity())] is rules.Answer.YES


def test_the_api_reads_and_replaces_it(cast: Cast, login: Callable[[User], Client]) -> None:
    client = login(cast.performer)
    url = f"/api/v1/members/{cast.members['performer'].pk}/boundary-profile"
    empty = client.get(url).json()
    assert empty["version"] == 0 and empty["answers"] == []
    body = {"answers": [{"item": nudity("back", "fully_visible"), "answer": "no"}], "version": 0}
    put = client.put(url, data=body, content_type="application/json")
    assert put.status_code == 200 and put.json()["version"] == 1
    stale = client.put(url, data=body, content_type="application/json")
    assert stale.status_code == 409
    bad = client.put(
        url,
        data={"answers": [{"item": {"kind": "nudity", "part": "x"}, "answer": "no"}]},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert client.get(url).json()["version"] == 1
