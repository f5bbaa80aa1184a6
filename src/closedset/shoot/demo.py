"""The demo production's shoot day, tomorrow at 07:00 in the production's zone (the real clock).

The readiness board a first AD finds:
- the kitchen kiss: agreed, choreography approved, both riders issued four days ago → ready;
- the bathroom scene: Iris's rider is still a draft → it misses the 48-hour notice (R1), with a
  closed-set roster already set (R6);
- the guest room: its choreography is not approved (R5), and Mara's rider was superseded by a
  consent change (R1) → not ready;
- the sunset kiss on the jetty: its approved choreography was voided when Iris's performer
  withdrew (R8) → not ready, "choreography approval voided by a change".
"""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from closedset.accounts.models import User
from closedset.productions.models import Membership, Production
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene
from closedset.scripts.selectors import cast_scenes
from closedset.shoot import services
from closedset.shoot.models import ShootDay

CALL = time(7, 0)


def _access(user: User, production: Production) -> Access:
    access = access_for(user, production)
    assert access is not None  # noqa: S101 - demo members were just added
    return access


def _scene(member: Membership, heading_part: str) -> Scene | None:
    return next((s for s in cast_scenes(member=member) if heading_part in s.heading), None)


def load_demo(production: Production, users: dict[str, User]) -> None:
    """Once: a production that already has shoot days is left as it is."""
    if ShootDay.objects.filter(production=production).exists():
        return
    members = {
        key: Membership.objects.get(production=production, user=user)
        for key, user in users.items()
        if Membership.objects.filter(production=production, user=user).exists()
    }
    ad = users["ad"]
    as_ad = _access(ad, production)
    day = services.day_create(
        actor=ad, access=as_ad, day=timezone.localdate() + timedelta(days=1), call_time=CALL
    )
    mara, iris = members["performer1"], members["performer3"]
    scheduled = (
        (mara, "KITCHEN"),
        (iris, "BATHROOM"),
        (mara, "GUEST ROOM"),
        (iris, "JETTY - SUNSET"),
    )
    for member, heading in scheduled:
        scene = _scene(member, heading)
        if scene is None:
            continue
        entry = services.entry_schedule(actor=ad, access=as_ad, day=day, scene=scene)
        if heading not in ("KITCHEN", "JETTY - SUNSET"):
            services.roster_set(
                actor=ad,
                access=as_ad,
                entry=entry,
                rows=[
                    services.RosterRow(member_id=members["coordinator"].pk),
                    services.RosterRow(
                        member_id=members["director"].pk, on_set=False, at_monitors=True
                    ),
                    services.RosterRow(member_id=members["crew"].pk),
                    services.RosterRow(member_id=members["hmu"].pk),
                ],
            )
