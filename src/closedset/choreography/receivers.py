"""Void a scene's approval at once when a performer's consent or the cast changes.

Both signals are sent inside the change's transaction, so the voiding commits or rolls back
with the change itself.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from closedset.choreography.models import Choreography, VoidReason
from closedset.choreography.services import choreography_void
from closedset.consent.signals import consent_changed
from closedset.scripts.models import Scene
from closedset.scripts.signals import casting_changed


@receiver(consent_changed, dispatch_uid="choreography-void-on-consent")
def void_on_consent_change(
    sender: Any, *, actor: Any, production: Any, scene: Scene, **kwargs: Any
) -> None:
    choreography_void(actor=actor, production=production, scene=scene, reason=VoidReason.CONSENT)


@receiver(casting_changed, dispatch_uid="choreography-void-on-casting")
def void_on_casting_change(
    sender: Any, *, actor: Any, production: Any, character: Any, **kwargs: Any
) -> None:
    """Every scene lineage of the script in which the character appears."""
    seen: set[Any] = set()
    scenes = (
        Scene.objects.filter(
            revision__script_id=character.script_id,
            lineage__in=Choreography.objects.filter(production=production).values("lineage"),
        )
        .select_related("revision")
        .order_by("-revision__number")
    )
    for scene in scenes:
        if scene.lineage in seen:
            continue
        if any(c.get("name") == character.name for c in scene.characters):
            seen.add(scene.lineage)
            choreography_void(
                actor=actor, production=production, scene=scene, reason=VoidReason.CAST
            )
