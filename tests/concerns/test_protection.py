"""R7: requests for an intimacy coordinator, and protection from retaliation — removing a
protected member or changing their roles needs a recorded justification the safety officer
sees (a check, not a block)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from closedset.concerns import selectors, services
from closedset.concerns.models import AdverseAction, ICRequest, Protection
from closedset.concerns.services import PROTECTED_MESSAGE, JustificationRequired
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction, AuditEvent
from closedset.productions import services as production_services
from closedset.productions.models import Membership
from tests.concerns.conftest import file_report
from tests.conftest import Cast
from tests.consent.conftest import Casting


def _as(cast: Cast, key: str) -> Client:
    client = Client()
    client.force_login(cast.users[key], backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_performer_asks_for_an_ic_and_the_producer_answers_in_good_faith(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    access = cast.access("performer")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.ic_request_create(
            actor=cast.performer, access=access, scene=casting.harbour, note="Please."
        )
    assert [m.to for m in mail.outbox] == [["producer@example.test"]]
    assert Protection.objects.filter(member=cast.members["performer"]).exists()
    producer = cast.access("producer")
    with pytest.raises(ServiceError, match="good-faith"):
        services.ic_request_answer(
            actor=cast.producer, access=producer, request=request, answer="engaged", response=" "
        )
    services.ic_request_answer(
        actor=cast.producer,
        access=producer,
        request=request,
        answer="will_engage",
        response="We will hire one for that day.",
    )
    with pytest.raises(Conflict):
        services.ic_request_answer(
            actor=cast.producer, access=producer, request=request, answer="engaged", response="x"
        )
    (view,) = selectors.ic_request_list(access=cast.access("performer"))
    assert view.response == "We will hire one for that day."
    assert AuditEvent.objects.filter(action=AuditAction.IC_REQUEST_ANSWERED).count() == 1


def test_only_those_who_may_ask_can_ask_and_only_in_their_production(
    cast: Cast, casting: Casting
) -> None:
    client = _as(cast, "crew")
    path = f"/api/v1/scenes/{casting.kitchen.pk}/ic-requests"
    assert client.post(path, data="{}", content_type="application/json").status_code == 404
    other = _as(cast, "other_producer")
    assert other.post(path, data="{}", content_type="application/json").status_code == 404
    ok = _as(cast, "performer").post(path, data="{}", content_type="application/json")
    assert ok.status_code == 201
    again = _as(cast, "performer").post(path, data="{}", content_type="application/json")
    assert again.status_code == 409
    with pytest.raises(Forbidden):
        services.ic_request_create(
            actor=cast.crew, access=cast.access("crew"), scene=casting.kitchen
        )


def test_outstanding_requests_show_on_the_producers_dashboard_only(
    cast: Cast, casting: Casting
) -> None:
    services.ic_request_create(
        actor=cast.performer, access=cast.access("performer"), scene=casting.kitchen
    )
    assert (
        "1 request for an intimacy coordinator" in _as(cast, "producer").get("/").content.decode()
    )
    for key in ("performer", "director", "crew"):
        assert "request for an intimacy coordinator" not in _as(cast, key).get("/").content.decode()


def test_the_ic_request_pages_list_the_performers_scenes_and_take_answers(
    cast: Cast, casting: Casting
) -> None:
    performer = _as(cast, "performer")
    page = performer.get(f"/productions/{cast.production.pk}/ic-requests/")
    assert page.status_code == 200
    assert "KITCHEN" in page.content.decode()
    made = performer.post(
        f"/productions/{cast.production.pk}/ic-requests/",
        {"scene": str(casting.kitchen.pk), "note": "I would feel safer."},
    )
    assert made.status_code == 302
    request = ICRequest.objects.get()
    crew = _as(cast, "crew").get(f"/productions/{cast.production.pk}/ic-requests/")
    assert crew.status_code == 404
    producer = _as(cast, "producer")
    answered = producer.post(
        f"/ic-requests/{request.pk}/answer/",
        {"answer": "engaged", "response": "Our IC is booked."},
    )
    assert answered.status_code == 302
    assert (
        "Our IC is booked."
        in producer.get(f"/productions/{cast.production.pk}/ic-requests/").content.decode()
    )
    assert (
        _as(cast, "director")
        .post(f"/ic-requests/{request.pk}/answer/", {"answer": "engaged", "response": "x"})
        .status_code
        == 404
    )


def test_removing_a_protected_member_needs_a_justification_that_the_safety_officer_sees(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    file_report(cast, kind="named", about=["director"], actor=cast.crew)
    producer = cast.access("producer")
    with pytest.raises(JustificationRequired) as refused:
        production_services.member_remove(
            actor=cast.producer, access=producer, member=cast.members["crew"]
        )
    assert refused.value.message == PROTECTED_MESSAGE
    assert "report" not in PROTECTED_MESSAGE and "request" not in PROTECTED_MESSAGE
    assert Membership.objects.get(pk=cast.members["crew"].pk).removed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        production_services.member_remove(
            actor=cast.producer,
            access=producer,
            member=cast.members["crew"],
            justification="The camera unit wrapped.",
        )
    assert Membership.objects.get(pk=cast.members["crew"].pk).removed_at is not None
    assert [m.to for m in mail.outbox] == [["safety@example.test"]]
    assert "wrapped" not in mail.outbox[0].body
    (record,) = selectors.adverse_action_list(access=cast.access("safety"))
    assert record.justification == "The camera unit wrapped."
    with pytest.raises(Forbidden):
        selectors.adverse_action_list(access=producer)
    assert AuditEvent.objects.filter(action=AuditAction.MEMBER_REMOVED).count() == 1


def test_changing_a_protected_members_roles_is_checked_the_same_way(cast: Cast) -> None:
    Protection.objects.create(
        production=cast.production, member=cast.members["ad"], since="2026-01-01"
    )
    producer = cast.access("producer")
    with pytest.raises(JustificationRequired):
        production_services.member_set_roles(
            actor=cast.producer, access=producer, member=cast.members["ad"], roles=["crew"]
        )
    production_services.member_set_roles(
        actor=cast.producer,
        access=producer,
        member=cast.members["ad"],
        roles=["crew"],
        justification="Moved to the camera team at their request.",
    )
    assert list(cast.members["ad"].roles.values_list("role", flat=True)) == ["crew"]
    assert AdverseAction.objects.get().action == "roles_changed"


def test_unprotected_members_are_removed_without_a_justification(cast: Cast) -> None:
    production_services.member_remove(
        actor=cast.producer, access=cast.access("producer"), member=cast.members["director"]
    )
    assert not AdverseAction.objects.exists()


def test_only_member_managers_remove_and_the_last_manager_stays(cast: Cast) -> None:
    with pytest.raises(Forbidden):
        production_services.member_remove(
            actor=cast.coordinator, access=cast.access("coordinator"), member=cast.members["crew"]
        )
    with pytest.raises(Conflict, match="last member"):
        production_services.member_remove(
            actor=cast.producer, access=cast.access("producer"), member=cast.members["producer"]
        )
    with pytest.raises(Conflict, match="last member"):
        production_services.member_set_roles(
            actor=cast.producer,
            access=cast.access("producer"),
            member=cast.members["producer"],
            roles=["crew"],
        )
    other = cast.access("other_producer", cast.other_production)
    with pytest.raises(NotFound):
        production_services.member_remove(
            actor=cast.other_producer, access=other, member=cast.members["crew"]
        )


def test_the_member_api_needs_re_authentication_and_asks_for_a_justification(cast: Cast) -> None:
    Protection.objects.create(
        production=cast.production, member=cast.members["crew"], since="2026-01-01"
    )
    client = _as(cast, "producer")
    path = f"/api/v1/productions/{cast.production.pk}/members/{cast.members['crew'].pk}/remove"
    stale = client.post(path, data="{}", content_type="application/json")
    assert stale.status_code == 403
    session = client.session
    session["closedset_reauth_at"] = __import__("time").time()
    session.save()
    refused = client.post(path, data="{}", content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["field"] == "justification"
    done = client.post(
        path, data=json.dumps({"justification": "Contract ended."}), content_type="application/json"
    )
    assert done.status_code == 204
    roles_path = f"/api/v1/productions/{cast.production.pk}/members/{cast.members['ad'].pk}/roles"
    changed = client.put(
        roles_path, data=json.dumps({"roles": ["crew"]}), content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["roles"] == ["crew"]
    director = (
        f"/api/v1/productions/{cast.production.pk}/members/{cast.members['director'].pk}/remove"
    )
    assert (
        _as(cast, "coordinator")
        .post(director, data="{}", content_type="application/json")
        .status_code
        == 403
    )


def test_the_member_page_asks_for_the_password_then_for_a_justification(cast: Cast) -> None:
    Protection.objects.create(
        production=cast.production, member=cast.members["crew"], since="2026-01-01"
    )
    client = _as(cast, "producer")
    path = f"/members/{cast.members['crew'].pk}/manage/"
    assert "/account/confirm/" in client.get(path)["Location"]
    session = client.session
    session["closedset_reauth_at"] = __import__("time").time()
    session.save()
    assert client.get(path).status_code == 200
    refused = client.post(path, {"action": "remove"})
    assert refused.status_code == 400
    assert "anti-retaliation policy" in refused.content.decode()
    done = client.post(path, {"action": "remove", "remove-justification": "Wrapped."})
    assert done.status_code == 302
    assert (
        _as(cast, "safety").get(f"/productions/{cast.production.pk}/adverse-actions/").status_code
        == 200
    )
    assert (
        _as(cast, "producer").get(f"/productions/{cast.production.pk}/adverse-actions/").status_code
        == 404
    )
