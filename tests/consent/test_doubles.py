"""R4: after a withdrawal a double may perform only what the performer agreed to in their
signed rider, and only where they allowed that kind of double."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, nudity

from closedset.accounts.models import User
from closedset.consent import selectors, services
from closedset.consent.models import DoubleUse
from closedset.core.errors import Forbidden, ServiceError
from closedset.core.models import AuditAction, AuditEvent
from closedset.rules import consent as rules

BACK = nudity("back", "fully_visible")
BUTTOCKS = nudity("buttocks", "partially_visible")


def _double(kind: str, covers: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "double", "double": kind, "covers": covers}


def _signed_then_withdrawn(cast: Cast, casting: Casting) -> None:
    me = cast.members["performer"]
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=me,
        answers=answers((BACK, "yes"), (_double("body", BACK), "yes"), (BUTTOCKS, "no")),
    )
    coordinator = cast.access("coordinator")
    rider = services.rider_prepare(actor=cast.coordinator, access=coordinator, member=me)
    services.rider_confirm(actor=cast.coordinator, access=coordinator, rider=rider)
    services.rider_sign(
        actor=cast.performer,
        access=cast.access("performer"),
        rider=rider,
        typed_name=cast.performer.name,
        content_hash=rider.content_hash,
    )
    services.consent_withdraw(
        actor=cast.performer, access=cast.access("performer"), scene=casting.kitchen, member=me
    )


def _record(cast: Cast, casting: Casting, *items: dict[str, Any], key: str = "coordinator") -> Any:
    return services.double_record(
        actor=cast.users[key],
        access=cast.access(key),
        scene=casting.kitchen,
        member=cast.members["performer"],
        items=list(items),
    )


def test_a_body_double_performs_withdrawn_content_the_signed_rider_allowed(
    cast: Cast, casting: Casting
) -> None:
    _signed_then_withdrawn(cast, casting)
    [use] = _record(cast, casting, _double("body", BACK))
    assert use.original_version == 1
    assert "back" not in str(DoubleUse.objects.values_list("item", flat=True).get())
    view = selectors.doubles_get(
        access=cast.access("performer"), scene=casting.kitchen, member=cast.members["performer"]
    )
    assert [d.original_version for d in view.recorded] == [1]
    assert AuditEvent.objects.filter(action=AuditAction.DOUBLE_RECORDED).count() == 1


@pytest.mark.parametrize(
    ("double", "rule"),
    [
        (_double("digital", BACK), "R4"),  # that kind of double was never allowed
        (_double("body", BUTTOCKS), "R4"),  # the content was a no
        (_double("body", nudity("breasts_chest", "fully_visible")), "R4"),  # never answered
    ],
)
def test_a_double_beyond_the_original_agreement_is_refused(
    cast: Cast, casting: Casting, double: dict[str, Any], rule: str
) -> None:
    _signed_then_withdrawn(cast, casting)
    with pytest.raises(ServiceError, match=rule):
        _record(cast, casting, _double("body", BACK), double)
    assert not DoubleUse.objects.exists()


def test_without_a_signed_rider_nothing_can_be_recorded(cast: Cast, casting: Casting) -> None:
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=cast.members["performer"],
        answers=answers((BACK, "yes"), (_double("body", BACK), "yes")),
    )
    with pytest.raises(ServiceError, match="No signed rider"):
        _record(cast, casting, _double("body", BACK))


def test_only_doubles_and_only_by_a_coordinator(cast: Cast, casting: Casting) -> None:
    _signed_then_withdrawn(cast, casting)
    with pytest.raises(ServiceError, match="Only doubles"):
        _record(cast, casting, BACK)
    with pytest.raises(ServiceError, match="at least one"):
        _record(cast, casting)
    for key in ["performer", "producer", "director"]:
        with pytest.raises(Forbidden):
            _record(cast, casting, _double("body", BACK), key=key)
    assert not DoubleUse.objects.exists()


def test_the_page_lets_the_coordinator_record_and_the_performer_read(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    _signed_then_withdrawn(cast, casting)
    url = f"/scenes/{casting.kitchen.pk}/consent/{cast.members['performer'].pk}/doubles/"
    coordinator = login(cast.coordinator)
    page = coordinator.get(url)
    assert page.status_code == 200 and "Record a double (R4)" in page.content.decode()
    value = rules.item_key(rules.item_from_json(_double("body", BACK)))
    assert coordinator.post(url, {"double": value}).status_code == 302
    refused = coordinator.post(url, {"double": json.dumps(_double("digital", BACK))})
    assert refused.status_code == 400 and "R4" in refused.content.decode()
    damaged = coordinator.post(url, {"double": "{not json"})
    assert damaged.status_code == 400
    assert DoubleUse.objects.count() == 1
    performer = login(cast.performer)
    page = performer.get(url)
    assert page.status_code == 200 and "Record a double" not in page.content.decode()
    assert performer.post(url, {"double": value}).status_code == 403


@pytest.mark.parametrize("key", ["director", "producer", "ad", "crew", "safety", "partner"])
def test_others_get_404(
    cast: Cast, casting: Casting, login: Callable[[User], Client], key: str
) -> None:
    url = f"/scenes/{casting.kitchen.pk}/consent/{cast.members['performer'].pk}/doubles/"
    assert login(cast.users[key]).get(url).status_code == 404
