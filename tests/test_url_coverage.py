"""The URL-coverage check itself: what it counts, and that it names what was never tested."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from tests import url_coverage


def test_with_nothing_recorded_every_member_route_is_missing(monkeypatch: Any) -> None:
    monkeypatch.setattr(url_coverage, "_seen", defaultdict(set))
    missing = url_coverage._missing()
    assert "productions/<uuid:production_id>/my-scenes/" in missing
    assert missing["productions/<uuid:production_id>/my-scenes/"] == ["allowed", "denied"]
    assert missing[""] == ["allowed"]  # the dashboard: nobody to deny
    assert "api/v1/health" not in missing and "accounts:login" not in missing
    assert not any(route.startswith("admin/") for route in missing)


@pytest.mark.django_db
def test_a_logged_in_response_counts_by_its_status(
    monkeypatch: Any, client: Any, django_user_model: Any
) -> None:
    seen: defaultdict[str, set[str]] = defaultdict(set)
    monkeypatch.setattr(url_coverage, "_seen", seen)
    user = django_user_model.objects.create_user(email="x@example.test", password="pw-123456789")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/")
    client.get("/productions/00000000-0000-0000-0000-000000000000/my-scenes/")
    assert seen[""] == {"allowed"}
    assert seen["productions/<uuid:production_id>/my-scenes/"] == {"denied"}
