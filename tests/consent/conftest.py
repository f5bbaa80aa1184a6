"""A cast script: ANA (performer) and LUIS (partner) kiss in the kitchen; MIA (16) is played
by the performer called ``minor``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from tests.conftest import Cast, make_user
from tests.scripts.conftest import SCRIPT

from closedset.productions import services as production_services
from closedset.productions.models import Membership
from closedset.scripts import services as script_services
from closedset.scripts.models import Character, Scene


@dataclass
class Casting:
    kitchen: Scene
    bedroom: Scene
    yard: Scene
    harbour: Scene
    minor: Membership


@pytest.fixture
def casting(cast: Cast) -> Casting:
    access = cast.access("coordinator")
    result = script_services.script_upload(
        actor=cast.coordinator, access=access, data=SCRIPT, filename="tide.fountain"
    )
    minor_user = make_user("minor", "Mia Minor")
    cast.users["minor"] = minor_user
    minor = production_services.member_add(
        actor=cast.producer, access=cast.access("producer"), user=minor_user, roles=["performer"]
    )
    production_services.member_set_date_of_birth(
        actor=cast.coordinator, access=access, member=minor, date_of_birth=date(2010, 1, 1)
    )
    cast.members["minor"] = minor
    parts = {"ANA": "performer", "LUIS": "partner", "MIA": "minor"}
    for character in Character.objects.filter(script=result.revision.script):
        key = parts.get(character.name)
        if key:
            script_services.character_cast(
                actor=cast.coordinator,
                access=access,
                character=character,
                member=cast.members[key],
            )

    def scene(heading: str) -> Scene:
        return Scene.objects.get(revision=result.revision, normalized_heading=heading)

    return Casting(
        kitchen=scene("INT. KITCHEN - NIGHT"),
        bedroom=scene("INT. BEDROOM - NIGHT"),
        yard=scene("EXT. SCHOOLYARD - DAY"),
        harbour=scene("EXT. HARBOUR - DAY"),
        minor=minor,
    )


def kiss(direction: str, partner: Membership, mouth: str = "closed") -> dict[str, Any]:
    return {
        "kind": "contact",
        "direction": direction,
        "partner": str(partner.pk),
        "action": "kiss",
        "area": "lips",
        "parameters": {"mouth": mouth},
    }


def nudity(part: str = "breasts_chest", visibility: str = "fully_visible") -> dict[str, Any]:
    return {"kind": "nudity", "part": part, "visibility": visibility}


def answers(*pairs: tuple[dict[str, Any], str]) -> list[dict[str, Any]]:
    return [{"item": item, "answer": answer} for item, answer in pairs]
