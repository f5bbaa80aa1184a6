"""What the dashboard shows each person: per production, what is waiting for them.

Every figure comes from the owning app's selector, with the person's own access, so the
dashboard shows nothing the linked pages would not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from closedset.concerns.selectors import dashboard_items as concern_items
from closedset.consent.models import Rider
from closedset.consent.selectors import my_scene_list, rider_status_list
from closedset.core.permissions import Perm
from closedset.productions.policies import access_for
from closedset.productions.selectors import ProductionSummary, production_list
from closedset.shoot.selectors import board_range, readiness_board


@dataclass(frozen=True)
class Waiting:
    """One thing for the person to look at: a sentence and where to go."""

    text: str
    url_name: str
    urgent: bool = False


@dataclass(frozen=True)
class DashboardCard:
    summary: ProductionSummary
    waiting: list[Waiting] = field(default_factory=list)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _readiness(access: Any) -> Waiting:
    start, end = board_range(None, None)
    entries = [
        e for day in readiness_board(access=access, start=start, end=end) for e in day.entries
    ]
    not_ready = sum(1 for e in entries if not e.ready)
    if not entries:
        return Waiting("No intimate scene is scheduled in the next days.", "shoot:readiness")
    scheduled = _plural(len(entries), "scheduled intimate scene", "scheduled intimate scenes")
    if not_ready:
        return Waiting(f"{not_ready} of {scheduled} not ready", "shoot:readiness", urgent=True)
    return Waiting(f"All {scheduled} ready", "shoot:readiness")


def _my_scenes(access: Any) -> Waiting | None:
    scenes = my_scene_list(access=access)
    if not scenes:
        return None
    open_ = sum(1 for s in scenes if s.status in {"not_started", "discuss"})
    if open_:
        return Waiting(
            f"{_plural(open_, 'scene awaits', 'scenes await')} your answers or a conversation",
            "consent:my-scenes",
            urgent=True,
        )
    return Waiting(
        f"Your answers for {_plural(len(scenes), 'scene', 'scenes')}", "consent:my-scenes"
    )


def _riders(access: Any) -> Waiting | None:
    riders = rider_status_list(access=access)
    if access.has(Perm.RIDER_COUNTERSIGN):
        signed = sum(1 for r in riders if r.rider and r.rider.state == Rider.State.SIGNED)
        if signed:
            return Waiting(
                f"{_plural(signed, 'rider awaits', 'riders await')} your countersignature",
                "consent:rider-list",
                urgent=True,
            )
    missing = sum(1 for r in riders if not r.issued)
    if missing:
        return Waiting(
            f"{_plural(missing, 'performer has', 'performers have')} no issued rider",
            "consent:rider-list",
        )
    return None


def _concerns(item: Any) -> list[Waiting]:
    """Open concerns (never counting one that names the person) and IC requests to answer."""
    if item is None:
        return []
    waiting = []
    if item.open_concerns:
        text = _plural(item.open_concerns, "open concern", "open concerns")
        waiting.append(Waiting(text, "concerns:concern-list", urgent=True))
    if item.outstanding_ic_requests:
        text = _plural(
            item.outstanding_ic_requests,
            "request for an intimacy coordinator to answer",
            "requests for an intimacy coordinator to answer",
        )
        waiting.append(Waiting(text, "concerns:ic-request-list", urgent=True))
    return waiting


def dashboard_cards(*, actor: Any) -> list[DashboardCard]:
    """The person's productions, each with what is waiting for them there."""
    cards = []
    concerns = {item.production.pk: item for item in concern_items(actor=actor)}
    for summary in production_list(actor=actor):
        access = access_for(actor, summary.production)
        waiting: list[Waiting] = []
        if access is not None:
            if access.has(Perm.READINESS_VIEW):
                waiting.append(_readiness(access))
            if access.has(Perm.CONSENT_EDIT_OWN) and (mine := _my_scenes(access)):
                waiting.append(mine)
            if access.has(Perm.RIDER_STATUS_VIEW) and (riders := _riders(access)):
                waiting.append(riders)
            waiting.extend(_concerns(concerns.get(summary.production.pk)))
        cards.append(DashboardCard(summary, waiting))
    return cards
