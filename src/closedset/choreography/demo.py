"""The demo production's choreography, written through the services as the coordinator and
director would:

- the kitchen kiss (fully agreed, riders issued) has an approved choreography;
- the sunset kiss on the jetty has an approved choreography, later voided when Iris's performer
  withdraws (the consent demo's ``withdraw_demo``, run after this one);
- the guest-room scene has a draft: agreed beats, one beat outside the agreement (a tongue
  kiss nobody agreed to) and one prohibited by R5 (simulated thrusting with no barrier named).
"""

from __future__ import annotations

from typing import Any

from closedset.accounts.models import User
from closedset.choreography import services
from closedset.choreography.models import Choreography
from closedset.productions.models import Membership, Production
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene
from closedset.scripts.selectors import cast_scenes

BACK_FULLY_VISIBLE = {"kind": "nudity", "part": "back", "visibility": "fully_visible"}


def _access(user: User, production: Production) -> Access:
    access = access_for(user, production)
    assert access is not None  # noqa: S101 - demo members were just added
    return access


def _scene(member: Membership, heading_part: str) -> Scene:
    for scene in cast_scenes(member=member):
        if heading_part in scene.heading:
            return scene
    raise LookupError(f"the demo script has no scene {heading_part!r} for {member}")


def _beat(
    doer: Membership,
    receiver: Membership | None,
    action: str,
    area: str | None = None,
    *,
    barriers: tuple[str, ...] = (),
    dress: dict[str, list[dict[str, str]]] | None = None,
    camera: str = "",
    **parameters: str,
) -> dict[str, Any]:
    return {
        "doers": [str(doer.pk)],
        "receiver": str(receiver.pk) if receiver else None,
        "act": {"action": action, "area": area, "parameters": parameters},
        "barriers": list(barriers),
        "dress": dress or {},
        "camera_note": camera,
    }


def load_demo(production: Production, users: dict[str, User]) -> None:
    """Once: a production that already has choreography is left as it is."""
    if Choreography.objects.filter(production=production).exists():
        return
    members = {
        key: Membership.objects.get(production=production, user=user)
        for key, user in users.items()
        if Membership.objects.filter(production=production, user=user).exists()
    }
    mara, daniel = members["performer1"], members["performer2"]
    coordinator, director = users["coordinator"], users["director"]
    as_coordinator = _access(coordinator, production)

    def save(scene: Scene, beats: list[dict[str, Any]], intent: str) -> int:
        return services.choreography_save(
            actor=coordinator, access=as_coordinator, scene=scene, beats=beats, intent=intent
        ).version

    def approve(scene: Scene, version: int) -> None:
        for user in (coordinator, director):
            services.choreography_approve(
                actor=user,
                access=_access(user, production),
                scene=scene,
                expected_version=version,
            )

    kitchen = _scene(mara, "KITCHEN")
    version = save(
        kitchen,
        [
            _beat(mara, daniel, "caress", "face", camera="Close two-shot, profile."),
            _beat(daniel, mara, "hold_embrace", "lower_back"),
            _beat(mara, daniel, "kiss", "lips", mouth="closed", camera="Hold on the kiss, 3 s."),
        ],
        "A first kiss after years of friendship: tender, hesitant, then certain.",
    )
    approve(kitchen, version)

    # The sunset kiss on the jetty is approved here; Iris's performer withdraws afterwards
    # (the consent demo's ``withdraw_demo``), which voids this approval.
    iris = members["performer3"]
    jetty = _scene(iris, "JETTY - SUNSET")
    version = save(
        jetty,
        [
            _beat(mara, iris, "touch_hand", "hands", camera="Wide on the jetty, golden hour."),
            _beat(iris, mara, "kiss", "face", mouth="closed"),
            _beat(mara, iris, "kiss", "lips", mouth="closed", camera="Silhouette against the sun."),
        ],
        "A goodbye that might not be one: quiet, unhurried, the light going.",
    )
    approve(jetty, version)

    guest_room = _scene(mara, "GUEST ROOM")
    save(
        guest_room,
        [
            _beat(mara, daniel, "kiss", "lips", mouth="closed"),
            _beat(mara, daniel, "kiss", "lips", mouth="tongue", camera="Tight on faces."),
            _beat(
                mara,
                daniel,
                "straddle",
                clothing="unclothed",
                barriers=("modesty_patch", "modesty_pouch", "barrier_pad"),
                dress={
                    str(mara.pk): [
                        {"kind": "nudity", "part": "back", "visibility": "fully_visible"}
                    ]
                },
            ),
            _beat(daniel, mara, "simulated_thrusting", camera="Wide, from the doorway."),
        ],
        "The night they stop pretending. The camera stays with Mara's face.",
    )
