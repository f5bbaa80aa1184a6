"""The demo's readiness board: a ready scene tomorrow, one that misses the notice, and one whose
choreography approval was voided by a consent change (through the real signal)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from closedset.choreography.models import Choreography, VoidReason
from closedset.core.audit import verify
from closedset.demo import load_demo
from closedset.productions.policies import access_for
from closedset.shoot.selectors import readiness_board

pytestmark = pytest.mark.django_db


def _board() -> dict[str, list[str]]:
    production, _ = load_demo(password="demo-pass-123456")
    from closedset.accounts.models import User  # noqa: PLC0415

    ad = User.objects.get(email="ad@demo.test")
    access = access_for(ad, production)
    assert access is not None
    tomorrow = timezone.localdate() + timedelta(days=1)
    days = readiness_board(access=access, start=tomorrow, end=tomorrow)
    assert len(days) == 1
    return {item.scene.heading: item.reasons for item in days[0].entries}


def _find(board: dict[str, list[str]], part: str) -> list[str]:
    return next(reasons for heading, reasons in board.items() if part in heading)


def test_the_demo_board_shows_a_ready_scene_a_late_rider_and_a_voided_choreography() -> None:
    board = _board()
    assert _find(board, "KITCHEN") == []
    assert any("R1" in r for r in _find(board, "BATHROOM"))
    jetty = _find(board, "JETTY - SUNSET")
    assert "R8: choreography approval voided by a change; the IC re-plans" in jetty


def test_the_jetty_approval_is_voided_by_the_consent_change_and_loading_twice_changes_nothing() -> (
    None
):
    _board()
    jetty = Choreography.objects.select_related("approval").get(lineage=_jetty_lineage())
    assert jetty.approval is not None
    assert jetty.approval.voided_at is not None
    assert jetty.approval.voided_reason == VoidReason.CONSENT
    again = _board()
    assert _find(again, "KITCHEN") == []
    assert "R8: choreography approval voided by a change; the IC re-plans" in _find(
        again, "JETTY - SUNSET"
    )
    assert verify().ok


def _jetty_lineage() -> object:
    from closedset.scripts.models import Scene  # noqa: PLC0415

    return Scene.objects.filter(heading__contains="JETTY - SUNSET").values_list(
        "lineage", flat=True
    )[0]
