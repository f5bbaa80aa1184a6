"""The demo production's consents and riders, written through the services as the real people
would: each performer answers for their own scenes, the coordinator prepares and confirms
riders, performers sign, the producer countersigns.

The story a new user finds:
- the kitchen kiss (Mara and Daniel) is fully agreed, and both riders are issued;
- the guest-room scene has a "discuss" item in Mara's answers;
- the sunset kiss on the jetty was agreed; after its choreography was approved, Iris's performer
  withdrew (``withdraw_demo``, run after the choreography demo), which voided the approval;
- the sea-wall kiss is between two 17-year-olds: nudity is barred (R10) and the kiss waits for a
  guardian's co-signature, which the coordinator sees.
"""

from __future__ import annotations

from typing import Any

from closedset.accounts.models import User
from closedset.consent import services
from closedset.consent.models import ConsentRecord, ConsentVersion
from closedset.productions.models import Membership, Production
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene
from closedset.scripts.selectors import cast_scenes


def _access(user: User, production: Production) -> Access:
    access = access_for(user, production)
    assert access is not None  # noqa: S101 - demo members were just added
    return access


def _contact(
    direction: str, partner: Membership | None, action: str, area: str | None, **parameters: str
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "kind": "contact",
        "direction": direction,
        "partner": str(partner.pk) if partner is not None else None,
        "action": action,
    }
    if area:
        item["area"] = area
    if parameters:
        item["parameters"] = parameters
    return item


def _both_ways(partner: Membership, action: str, area: str | None, **parameters: str) -> list[Any]:
    return [
        _contact("give", partner, action, area, **parameters),
        _contact("receive", partner, action, area, **parameters),
    ]


def _nudity(part: str, visibility: str) -> dict[str, Any]:
    return {"kind": "nudity", "part": part, "visibility": visibility}


def _garment(code: str) -> dict[str, Any]:
    return {"kind": "garment", "garment": code}


def _yes(*items: Any) -> list[dict[str, Any]]:
    return [{"item": item, "answer": "yes"} for item in items]


def _answer(item: Any, answer: str) -> dict[str, Any]:
    return {"item": item, "answer": answer}


def _scene(member: Membership, heading_part: str) -> Scene:
    for scene in cast_scenes(member=member):
        if heading_part in scene.heading:
            return scene
    raise LookupError(f"the demo script has no scene {heading_part!r} for {member}")


def load_demo(production: Production, users: dict[str, User]) -> None:
    """Answer, prepare, sign, countersign and issue; once (a production with consents is left)."""
    if ConsentRecord.objects.filter(member__production=production).exists():
        return
    members = {
        key: Membership.objects.get(production=production, user=user)
        for key, user in users.items()
        if Membership.objects.filter(production=production, user=user).exists()
    }
    mara, daniel, iris = members["performer1"], members["performer2"], members["performer3"]
    elsie, leo = members["performer4"], members["performer5"]

    def save(key: str, scene: Scene, answers: list[dict[str, Any]], **extra: Any) -> None:
        user = users[key]
        services.consent_save(
            actor=user,
            access=_access(user, production),
            scene=scene,
            member=members[key],
            answers=answers,
            **extra,
        )

    kitchen = _scene(mara, "KITCHEN")
    save(
        "performer1",
        kitchen,
        _yes(
            *_both_ways(daniel, "kiss", "lips", mouth="closed"),
            _contact("give", daniel, "caress", "face"),
            _contact("receive", daniel, "hold_embrace", "lower_back"),
            _garment("breath_strips"),
        ),
    )
    save(
        "performer2",
        kitchen,
        _yes(
            *_both_ways(mara, "kiss", "lips", mouth="closed"),
            _contact("receive", mara, "caress", "face"),
            _contact("give", mara, "hold_embrace", "lower_back"),
            _garment("breath_strips"),
        ),
    )

    guest_room = _scene(mara, "GUEST ROOM")
    save(
        "performer1",
        guest_room,
        [
            *_yes(
                *_both_ways(daniel, "kiss", "lips", mouth="closed"),
                _contact("give", daniel, "straddle", None, clothing="unclothed"),
                _contact("receive", daniel, "hold_embrace", "lower_back"),
                *_both_ways(daniel, "simulated_thrusting", None),
                _nudity("back", "fully_visible"),
                _garment("modesty_patch"),
                _garment("barrier_pad"),
                _garment("robe"),
            ),
            _answer(_nudity("buttocks", "partially_visible"), "discuss"),
            _answer(_nudity("breasts_chest", "fully_visible"), "no"),
        ],
        note="Prefer the robe on between set-ups.",
    )
    save(
        "performer2",
        guest_room,
        _yes(
            *_both_ways(mara, "kiss", "lips", mouth="closed"),
            _contact("receive", mara, "straddle", None, clothing="unclothed"),
            _contact("give", mara, "hold_embrace", "lower_back"),
            *_both_ways(mara, "simulated_thrusting", None),
            _nudity("breasts_chest", "fully_visible"),
            _garment("modesty_pouch"),
            _garment("barrier_pad"),
        ),
    )

    # Maya keeps a boundary profile: it pre-fills her no and discuss answers in new scenes.
    maya = users["performer3"]
    services.profile_save(
        actor=maya,
        access=_access(maya, production),
        member=iris,
        answers=[
            _answer(_nudity("genitals_frontal", "fully_visible"), "no"),
            _answer(_nudity("genitals_frontal", "partially_visible"), "no"),
            _answer(_nudity("breasts_chest", "fully_visible"), "discuss"),
            _answer(_contact("give", None, "kiss", "lips", mouth="tongue"), "discuss"),
            _answer(_contact("receive", None, "kiss", "lips", mouth="tongue"), "discuss"),
        ],
    )

    bathroom = _scene(iris, "BATHROOM")
    save(
        "performer3",
        bathroom,
        _yes(
            _nudity("back", "fully_visible"),
            _nudity("buttocks", "implied_covered"),
            _garment("strapless_thong"),
            _garment("robe"),
        ),
    )

    jetty = _scene(iris, "JETTY - SUNSET")
    save(
        "performer1",
        jetty,
        _yes(
            *_both_ways(iris, "kiss", "lips", mouth="closed"),
            _contact("receive", iris, "kiss", "face", mouth="closed"),
            _contact("give", iris, "touch_hand", "hands"),
        ),
    )
    save(
        "performer3",
        jetty,
        _yes(
            *_both_ways(mara, "kiss", "lips", mouth="closed"),
            _contact("give", mara, "kiss", "face", mouth="closed"),
            _contact("receive", mara, "touch_hand", "hands"),
        ),
    )

    # Two 17-year-olds (R10): nudity is barred, and a kiss needs a named guardian's
    # co-signature. Finn's guardian has co-signed; Ruby's kiss waits for hers ("discuss").
    sea_wall = _scene(elsie, "SEA WALL")
    save(
        "performer5",
        sea_wall,
        [
            *_yes(*_both_ways(elsie, "kiss", "lips", mouth="closed")),
            _answer(_nudity("breasts_chest", "fully_visible"), "no"),
        ],
        guardian_name="Aoife Doyle",
        guardian_signed=True,
    )
    save(
        "performer4",
        sea_wall,
        [
            *(_answer(item, "discuss") for item in _both_ways(leo, "kiss", "lips", mouth="closed")),
            _answer(_nudity("breasts_chest", "fully_visible"), "no"),
        ],
        guardian_name="Marta Kowalczyk",
    )

    _issue_riders(production, users, members, ["performer1", "performer2"])
    _prepare_rider(production, users, members["performer3"])


def withdraw_demo(production: Production, users: dict[str, User]) -> None:
    """Iris's performer changes her mind about the sunset kiss: the whole scene, no reason.

    Run after the choreography demo, so the jetty's approved choreography is voided by the
    consent change (through ``consent_changed``, as in real use). Once: a withdrawal already
    made is left as it is.
    """
    iris_user = users["performer3"]
    iris = Membership.objects.filter(production=production, user=iris_user).first()
    if iris is None:
        return
    jetty = _scene(iris, "JETTY - SUNSET")
    if ConsentVersion.objects.filter(
        record__member=iris, record__lineage=jetty.lineage, kind=ConsentVersion.Kind.WITHDRAWAL
    ).exists():
        return
    services.consent_withdraw(
        actor=iris_user, access=_access(iris_user, production), scene=jetty, member=iris
    )


def _prepare_rider(production: Production, users: dict[str, User], member: Membership) -> Any:
    coordinator = users["coordinator"]
    return services.rider_prepare(
        actor=coordinator, access=_access(coordinator, production), member=member
    )


def _issue_riders(
    production: Production,
    users: dict[str, User],
    members: dict[str, Membership],
    keys: list[str],
) -> None:
    coordinator, producer = users["coordinator"], users["producer"]
    for key in keys:
        rider = _prepare_rider(production, users, members[key])
        rider = services.rider_confirm(
            actor=coordinator, access=_access(coordinator, production), rider=rider
        )
        performer = users[key]
        rider = services.rider_sign(
            actor=performer,
            access=_access(performer, production),
            rider=rider,
            typed_name=performer.name,
            content_hash=rider.content_hash,
        )
        rider = services.rider_countersign(
            actor=producer, access=_access(producer, production), rider=rider
        )
        services.rider_issue(actor=producer, access=_access(producer, production), rider=rider)
