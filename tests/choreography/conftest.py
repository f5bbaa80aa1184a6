"""The kitchen scene of the consent fixtures with both performers' kiss agreed, and helpers
to write beats."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client

from closedset.accounts.reauth import SESSION_KEY
from closedset.consent import services as consent_services
from closedset.productions.models import Membership
from closedset.scripts.models import Scene
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, casting, kiss  # noqa: F401 - fixtures


def reauth(client: Client) -> Client:
    """The client's session has just confirmed the password (as after the re-auth page)."""
    session = client.session
    session[SESSION_KEY] = int(time.time())
    session.save()
    return client


def kiss_beat(doer: Membership, receiver: Membership, mouth: str = "closed") -> dict[str, Any]:
    return {
        "doers": [str(doer.pk)],
        "receiver": str(receiver.pk),
        "act": {"action": "kiss", "area": "lips", "parameters": {"mouth": mouth}},
    }


def thrust_beat(doer: Membership, receiver: Membership, *barriers: str) -> dict[str, Any]:
    return {
        "doers": [str(doer.pk)],
        "receiver": str(receiver.pk),
        "act": {"action": "simulated_thrusting"},
        "barriers": list(barriers),
    }


def agree(cast: Cast, scene: Scene, key: str, partner: str, *extra: tuple[Any, str]) -> None:
    partner_member = cast.members[partner]
    consent_services.consent_save(
        actor=cast.users[key],
        access=cast.access(key),
        scene=scene,
        member=cast.members[key],
        answers=answers(
            (kiss("give", partner_member), "yes"),
            (kiss("receive", partner_member), "yes"),
            *extra,
        ),
    )


@pytest.fixture
def agreed(cast: Cast, casting: Casting) -> Scene:  # noqa: F811 - the fixture above
    """The kitchen: Ana and Luis both agreed to a closed-mouth kiss on the lips, both ways;
    Ana has a tongue kiss "to discuss"."""
    agree(
        cast,
        casting.kitchen,
        "performer",
        "partner",
        (kiss("give", cast.members["partner"], "tongue"), "discuss"),
    )
    agree(cast, casting.kitchen, "partner", "performer")
    return casting.kitchen
