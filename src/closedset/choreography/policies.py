"""Who may see a scene's choreography, container and brief (R9).

- the coordinator (``Perm.CHOREOGRAPHY_EDIT``) writes beats and sees full validation;
- ``Perm.CHOREOGRAPHY_APPROVE`` holders (coordinator, director) approve;
- ``Perm.BRIEF_VIEW`` holders (director, producer, first AD) and the performers cast in the
  scene read the container and the brief;
- everyone else gets "not found", exactly as if the scene did not exist.
"""

from __future__ import annotations

from typing import Any

from closedset.core.errors import NotFound
from closedset.core.ids import parse_uuid
from closedset.core.permissions import Perm
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene
from closedset.scripts.selectors import scene_cast

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
