from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, kiss, nudity

from closedset.accounts.models import User
from closedset.consent import selectors, services
from closedset.consent.models import ConsentVersion
from closedset.productions.models import Membership
from closedset.rules import consent as rules
from closedset.scripts import services as script_services
from closedset.scripts.models import Character, Scene

OUTSIDERS = ["director", "producer", "ad", "crew", "safety", "partner"]


def _form_url(scene: Scene, member: Membership, suffix: str = "") -> str:
    return f"/scenes/{scene.pk}/consent/{member.pk}/{suffix}"


def _questions(html: str) -> dict[int, tuple[list[dict[str, Any]], str]]:
    """Question index -> (its items, the answer checked in the page)."""
    found: dict[int, tuple[list[dict[str, Any]], str]] = {}
    for index, raw in re.findall(r'name="item-(\d+)" value="([^"]*)"', html):
        items = json.loads(raw.replace("&quot;", '"'))
        checked = re.search(rf'name="answer-{index}" value="([^"]*)" checked', html)
        found[int(index)] = (items, checked.group(1) if checked else "?")
    return found


def _post_data(html: str, chosen: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
    """The form as a browser posts it, with some answers changed (by item key)."""
    chosen = chosen or {}
    data: dict[str, str] = {}
    for index, (items, checked) in _questions(html).items():
        key = rules.item_key(rules.item_from_json(items[0]))
        data[f"item-{index}"] = json.dumps(items)
        data[f"answer-{index}"] = chosen.get(key, "" if checked == "?" else checked)
    version = re.search(r'name="version" value="(\d+)"', html)
    assert version is not None
    data["version"] = version.group(1)
    data["note"] = ""
    data.update(extra)
    return data


def _key(item: dict[str, Any]) -> str:
    return rules.item_key(rules.item_from_json(item))


def _touch(direction: str, partner: Membership, area: str) -> dict[str, Any]:
    return {
        "kind": "contact",
        "direction": direction,
        "partner": str(partner.pk),
        "action": "touch_hand",
        "area": area,
        "parameters": {},
    }


def _stored(cast: Cast, scene: Scene, member: Membership) -> dict[str, str]:
    view = selectors.consent_get(access=cast.access("coordinator"), scene=scene, member=member)
    return {rules.item_key(item): answer.value for item, answer in view.consent.answers.items()}


def test_the_performer_answers_through_the_form_and_it_is_stored(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    me, partner = cast.members["performer"], cast.members["partner"]
    page = client.get(_form_url(casting.kitchen, me))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Only you and your intimacy coordinator see this." in html
    assert "Private note (only you and your intimacy coordinator)" in html
    name = cast.partner.name
    assert f"Where {name} may touch me" in html and f"Where I may touch {name}" in html
    chosen = {
        _key(_touch("receive", partner, "shoulders")): "yes",
        _key(_touch("give", partner, "hands")): "no",
        _key(kiss("give", partner)): "discuss",
        _key(nudity("buttocks", "implied_covered")): "no",
        _key({"kind": "stills"}): "no",
    }
    response = client.post(
        _form_url(casting.kitchen, me), _post_data(html, chosen, note="After the read-through.")
    )
    assert response.status_code == 302
    stored = _stored(cast, casting.kitchen, me)
    # A kiss on the lips is mutual: one answer stores both directions.
    assert stored == {**chosen, _key(kiss("receive", partner)): "discuss"}
    view = selectors.consent_get(access=cast.access("performer"), scene=casting.kitchen, member=me)
    assert view.note == "After the read-through."
    again = client.get(_form_url(casting.kitchen, me))
    assert "Your answers are saved." in again.content.decode()
    assert "Version 1" in again.content.decode()


def test_nothing_is_pre_selected_as_yes(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    page = login(cast.performer).get(_form_url(casting.kitchen, cast.members["performer"]))
    questions = _questions(page.content.decode())
    assert len(questions) > 100
    assert {checked for _, checked in questions.values()} == {""}
    assert 'value="yes" checked' not in page.content.decode()


def test_saving_the_form_unchanged_keeps_answers_given_through_the_api(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    solo = {"kind": "solo", "action": "caress", "area": "neck", "parameters": {}}
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=me,
        answers=answers((kiss("give", partner, "tongue"), "yes"), (solo, "discuss")),
    )
    client = login(cast.performer)
    html = client.get(_form_url(casting.kitchen, me)).content.decode()
    assert "Other answers" in html
    assert client.post(_form_url(casting.kitchen, me), _post_data(html)).status_code == 302
    assert _stored(cast, casting.kitchen, me) == {
        _key(kiss("give", partner, "tongue")): "yes",
        _key(solo): "discuss",
    }


@pytest.mark.parametrize("key", OUTSIDERS)
def test_everyone_else_gets_404_for_the_form_the_overview_and_withdraw(
    cast: Cast, casting: Casting, login: Callable[[User], Client], key: str
) -> None:
    me = cast.members["performer"]
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=me,
        answers=answers((nudity(), "no")),
        note="private",
    )
    client = login(cast.users[key])
    assert client.get(_form_url(casting.kitchen, me)).status_code == 404
    assert client.post(_form_url(casting.kitchen, me), {"version": "1"}).status_code == 404
    assert client.get(f"/scenes/{casting.kitchen.pk}/consents/").status_code == 404
    assert client.post(_form_url(casting.kitchen, me, "withdraw/")).status_code == 404
    assert ConsentVersion.objects.count() == 1


def test_another_production_and_unknown_ids_are_404(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    me = cast.members["performer"]
    client = login(cast.other_producer)
    assert client.get(_form_url(casting.kitchen, me)).status_code == 404
    assert client.get(f"/productions/{cast.production.pk}/my-scenes/").status_code == 404
    coordinator = login(cast.coordinator)
    unknown = "/scenes/00000000-0000-4000-8000-000000000000"
    assert coordinator.get(f"{unknown}/consents/").status_code == 404
    assert coordinator.get(f"{unknown}/consent/{me.pk}/").status_code == 404


def test_wrong_methods_are_refused(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    me = cast.members["performer"]
    assert client.get(_form_url(casting.kitchen, me, "withdraw/")).status_code == 405
    assert client.post(f"/productions/{cast.production.pk}/my-scenes/").status_code == 405
    coordinator = login(cast.coordinator)
    assert coordinator.post(f"/scenes/{casting.kitchen.pk}/consents/").status_code == 405


def test_the_coordinator_opens_the_overview_and_a_performers_form(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=me,
        answers=answers((kiss("give", partner), "discuss")),
    )
    client = login(cast.coordinator)
    overview = client.get(f"/scenes/{casting.kitchen.pk}/consents/")
    assert overview.status_code == 200
    html = overview.content.decode()
    assert cast.performer.name in html and cast.partner.name in html
    assert "Discuss items" in html and "Not started" in html
    assert _form_url(casting.kitchen, me) in html
    form = client.get(_form_url(casting.kitchen, me))
    assert form.status_code == 200
    assert f"answers of {cast.performer.name}" in form.content.decode()
    script = client.get(f"/scripts/{casting.kitchen.revision.script_id}/")
    assert f"/scenes/{casting.kitchen.pk}/consents/" in script.content.decode()


def test_the_scene_card_has_no_consent_link_for_the_director(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    script = login(cast.director).get(f"/scripts/{casting.kitchen.revision.script_id}/")
    assert script.status_code == 200
    assert "/consents/" not in script.content.decode()


def test_a_minors_form_explains_r10_and_refuses_a_nudity_yes(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.users["minor"])
    url = _form_url(casting.yard, casting.minor)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Under 18 (R10)" in html
    assert "Not possible under 18 (R10)" in html
    assert "My guardian co-signs" in html
    chosen = {_key(nudity("back", "implied_covered")): "yes"}
    response = client.post(url, _post_data(html, chosen))
    assert response.status_code == 400
    assert "R10" in response.content.decode()
    assert ConsentVersion.objects.count() == 0


def test_a_stale_version_shows_the_conflict_and_keeps_the_typed_answers(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    client = login(cast.performer)
    html = client.get(_form_url(casting.kitchen, me)).content.decode()
    services.consent_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=casting.kitchen,
        member=me,
        answers=answers((nudity(), "discuss")),
    )
    typed = _key(_touch("receive", partner, "upper_back"))
    response = client.post(_form_url(casting.kitchen, me), _post_data(html, {typed: "no"}))
    assert response.status_code == 409
    body = response.content.decode()
    assert "These answers changed since you opened them" in body
    assert "Reload" in body
    questions = _questions(body)
    kept = [
        checked
        for items, checked in questions.values()
        if rules.item_key(rules.item_from_json(items[0])) == typed
    ]
    assert kept == ["no"]
    assert ConsentVersion.objects.count() == 1


@pytest.mark.parametrize(
    "garbled",
    [
        "{not json",
        json.dumps({"kind": "teleport"}),
        json.dumps({"kind": "nudity", "part": "elbows", "visibility": "fully_visible"}),
        json.dumps([]),
    ],
)
def test_garbled_item_json_is_a_400_and_nothing_is_saved(
    cast: Cast, casting: Casting, login: Callable[[User], Client], garbled: str
) -> None:
    client = login(cast.performer)
    me = cast.members["performer"]
    html = client.get(_form_url(casting.kitchen, me)).content.decode()
    data = _post_data(html, {_key({"kind": "stills"}): "yes"})
    data["item-1"] = garbled
    response = client.post(_form_url(casting.kitchen, me), data)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert ConsentVersion.objects.count() == 0


def test_an_unknown_answer_is_a_400(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    me = cast.members["performer"]
    html = client.get(_form_url(casting.kitchen, me)).content.decode()
    data = _post_data(html)
    data["answer-1"] = "maybe"
    assert client.post(_form_url(casting.kitchen, me), data).status_code == 400
    del data["version"]
    data["answer-1"] = ""
    assert client.post(_form_url(casting.kitchen, me), data).status_code == 400
    assert ConsentVersion.objects.count() == 0


def test_withdraw_by_post_needs_no_reason(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=me,
        answers=answers((kiss("give", partner), "yes"), (nudity(), "yes")),
    )
    client = login(cast.performer)
    listing = client.get(f"/productions/{cast.production.pk}/my-scenes/").content.decode()
    form = re.search(r'<form method="post" action="[^"]*/withdraw/">(.*?)</form>', listing, re.S)
    assert form is not None
    assert set(re.findall(r'name="([^"]+)"', form.group(1))) == {"csrfmiddlewaretoken", "back"}
    assert "<textarea" not in form.group(1)
    response = client.post(
        _form_url(casting.kitchen, me, "withdraw/"), {"back": "my-scenes"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/productions/{cast.production.pk}/my-scenes/"
    html = response.content.decode()
    assert "You withdrew your consent for this scene." in html
    assert "Withdrawn" in html
    assert set(_stored(cast, casting.kitchen, me).values()) == {"no"}
    latest = ConsentVersion.objects.order_by("-number").first()
    assert latest is not None and latest.kind == ConsentVersion.Kind.WITHDRAWAL


def test_withdrawing_with_nothing_answered_says_so(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    me = cast.members["performer"]
    response = client.post(_form_url(casting.kitchen, me, "withdraw/"), follow=True)
    assert "nothing to withdraw" in response.content.decode()
    assert ConsentVersion.objects.count() == 0


def test_my_scenes_lists_only_the_performers_own_cast_scenes(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    page = client.get(f"/productions/{cast.production.pk}/my-scenes/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Only you and your intimacy coordinator see this." in html
    assert "INT. KITCHEN - NIGHT" in html
    assert "EXT. SCHOOLYARD - DAY" not in html
    assert "EXT. HARBOUR - DAY" not in html
    assert _form_url(casting.kitchen, cast.members["performer"]) in html
    assert "Not started" in html
    minor = login(cast.users["minor"]).get(f"/productions/{cast.production.pk}/my-scenes/")
    assert "EXT. SCHOOLYARD - DAY" in minor.content.decode()
    assert "INT. KITCHEN - NIGHT" not in minor.content.decode()


def test_my_scenes_shows_each_status_in_plain_words(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    me, partner = cast.members["performer"], cast.members["partner"]
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=me,
        answers=answers((kiss("give", partner), "discuss")),
    )
    html = login(cast.performer).get(f"/productions/{cast.production.pk}/my-scenes/")
    assert "Some items to discuss" in html.content.decode()
    assert "Withdraw" in html.content.decode()


def test_my_scenes_has_an_empty_state_and_the_production_links_to_it(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    production = client.get(f"/productions/{cast.production.pk}/").content.decode()
    assert f"/productions/{cast.production.pk}/my-scenes/" in production
    page = client.get(f"/productions/{cast.production.pk}/my-scenes/")
    assert page.status_code == 200
    assert "No scenes to answer yet" in page.content.decode()
    assert "intimacy coordinator casts you" in page.content.decode()


@pytest.mark.parametrize("key", ["coordinator", "director", "producer", "crew"])
def test_my_scenes_is_for_performers_only(
    cast: Cast, login: Callable[[User], Client], key: str
) -> None:
    client = login(cast.users[key])
    assert client.get(f"/productions/{cast.production.pk}/my-scenes/").status_code == 404
    production = client.get(f"/productions/{cast.production.pk}/").content.decode()
    assert "my-scenes" not in production


def test_sexual_content_with_a_partner_under_18_is_closed_on_the_form(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    luis = Character.objects.get(script=casting.kitchen.revision.script, name="LUIS")
    script_services.character_cast(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        character=luis,
        member=casting.minor,
    )
    page = login(cast.performer).get(_form_url(casting.kitchen, cast.members["performer"]))
    html = page.content.decode()
    assert "Not possible with a partner under 18 (R10)" in html
    assert "Under 18 (R10)" not in html, "the performer is an adult"
    closed = re.findall(r'name="answer-\d+" value="yes" disabled', html)
    assert closed, "simulated acts and unclothed contact are closed"


def test_the_coordinator_sees_which_performer_is_under_18(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    overview = login(cast.coordinator).get(f"/scenes/{casting.yard.pk}/consents/")
    assert overview.status_code == 200
    html = overview.content.decode()
    assert "Mia Minor" in html and "under 18 (R10)" in html
