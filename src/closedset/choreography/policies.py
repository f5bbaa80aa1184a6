"""Who may see a scene's choreography, container and brief (R9).

- the coordinator (``Perm.CHOREOGRAPHY_EDIT``) writes beats and sees full validation;
- ``Perm.CHOREOGRAPHY_APPROVE`` holders (coordinator, director) approve;
- ``Perm.BRIEF_VIEW`` holders (director, producer, first AD) and the performers cast in the
  scene read the container and the brief;
- a crew member on a scene's closed-set roster for a day reads the department brief their
  department needs (docs/adr/0010), for that day only;
- everyone else gets "not found", exactly as if the scene did not exist.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from closedset.choreography.departments import BriefKind, department_kind
from closedset.core.errors import NotFound
from closedset.core.ids import parse_uuid
from closedset.core.permissions import Perm
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene
from closedset.scripts.selectors import scene_cast
from closedset.shoot.models import Entry
from closedset.shoot.policies import entry_scene, get_entry_for_actor, is_rostered

_PRODUCTION_VIEWERS = (Perm.CHOREOGRAPHY_EDIT, Perm.CHOREOGRAPHY_APPROVE, Perm.BRIEF_VIEW)


def can_view_brief(access: Access, scene: Scene) -> bool:
    if any(access.has(perm) for perm in _PRODUCTION_VIEWERS):
        return True
    return access.has(Perm.CONSENT_EDIT_OWN) and str(access.membership.pk) in scene_cast(
        scene=scene
    )


def get_scene_for_actor(
    actor: Any, scene_id: Any, *, need: Perm | None = None
) -> tuple[Access, Scene]:
    """A scene whose brief the actor may see; with ``need``, also that permission (403)."""
    scene = (
        Scene.objects.select_related("production", "revision__script")
        .filter(pk=parse_uuid(scene_id))
        .first()
    )
    access = access_for(actor, scene.production) if scene else None
    if access is None or scene is None or not can_view_brief(access, scene):
        raise NotFound()
    if need is not None:
        access.require(need)
    return access, scene


def department_brief_kind(access: Access, entry: Entry) -> BriefKind | None:
    """The department brief the actor may see for a scheduled scene's day, or None.

    Only while they are on that day's closed-set roster for the scene, the day is today or
    later (the production's calendar), and their department maps to a brief kind.
    """
    kind = department_kind(access.membership.department)
    if kind is None or entry.production_id != access.production.pk:
        return None
    today = timezone.localdate(timezone=ZoneInfo(access.production.time_zone))
    if entry.day.date < today or not is_rostered(access, entry):
        return None
    return kind


def get_department_brief_for_actor(
    actor: Any, scene_id: Any, day_id: Any
) -> tuple[Access, Scene, Entry, BriefKind]:
    """A scheduled scene's day whose department brief the actor may see; 404 otherwise."""
    access, entry = get_entry_for_actor(actor, scene_id, day_id)
    kind = department_brief_kind(access, entry)
    if kind is None:
        raise NotFound()
    return access, entry_scene(entry), entry, kind
