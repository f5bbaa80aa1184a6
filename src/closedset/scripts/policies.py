"""Who may see and change scripts, scenes and flags."""

from __future__ import annotations

from typing import Any

from closedset.core.errors import NotFound
from closedset.core.ids import parse_uuid
from closedset.core.permissions import Perm
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Character, Scene, Script


def get_script_for_actor(
    actor: Any, script_id: Any, *, need: Perm = Perm.SCRIPT_VIEW
) -> tuple[Access, Script]:
    script = Script.objects.select_related("production").filter(pk=parse_uuid(script_id)).first()
    access = access_for(actor, script.production) if script else None
    if access is None or script is None or not access.has(Perm.SCRIPT_VIEW):
        raise NotFound()
    access.require(need)
    return access, script


def get_scene_for_actor(
    actor: Any, scene_id: Any, *, need: Perm = Perm.SCRIPT_VIEW
) -> tuple[Access, Scene]:
    scene = (
        Scene.objects.select_related("production", "revision__script")
        .filter(pk=parse_uuid(scene_id))
        .first()
    )
    access = access_for(actor, scene.production) if scene else None
    if access is None or scene is None or not access.has(Perm.SCRIPT_VIEW):
        raise NotFound()
    access.require(need)
    return access, scene


def get_character_for_actor(
    actor: Any, character_id: Any, *, need: Perm = Perm.CASTING_EDIT
) -> tuple[Access, Character]:
    character = (
        Character.objects.select_related("production", "script")
        .filter(pk=parse_uuid(character_id))
        .first()
    )
    access = access_for(actor, character.production) if character else None
    if access is None or character is None or not access.has(Perm.SCRIPT_VIEW):
        raise NotFound()
    access.require(need)
    return access, character
