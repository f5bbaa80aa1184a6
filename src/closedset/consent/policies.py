"""Who may read and change a performer's consent: the performer and the production's
coordinators. Everyone else gets "not found", exactly as if it did not exist (R9)."""

from __future__ import annotations

from typing import Any

from closedset.consent.models import Rider
from closedset.core.errors import NotFound
from closedset.core.ids import parse_uuid
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene
from closedset.scripts.selectors import scene_cast


def can_read_consent(access: Access, member: Membership) -> bool:
    own = member.pk == access.membership.pk and access.has(Perm.CONSENT_EDIT_OWN)
    return own or access.has(Perm.CONSENT_VIEW_ALL)


def can_edit_consent(access: Access, member: Membership) -> bool:
    own = member.pk == access.membership.pk and access.has(Perm.CONSENT_EDIT_OWN)
    return own or access.has(Perm.CONSENT_COORDINATE)


def get_consent_subject_for_actor(
    actor: Any, scene_id: Any, member_id: Any
) -> tuple[Access, Scene, Membership]:
    """The scene and performer of a consent, if the actor may read that consent.

    A performer reaches only their own consent, for scenes they are cast in.
    """
    scene = (
        Scene.objects.select_related("production", "revision__script")
        .filter(pk=parse_uuid(scene_id))
        .first()
    )
    access = access_for(actor, scene.production) if scene else None
    if access is None or scene is None:
        raise NotFound()
    member = (
        Membership.objects.select_related("user")
        .filter(pk=parse_uuid(member_id), production=scene.production, removed_at__isnull=True)
        .first()
    )
    if member is None or not can_read_consent(access, member):
        raise NotFound()
    if not access.has(Perm.CONSENT_VIEW_ALL) and str(member.pk) not in scene_cast(scene=scene):
        raise NotFound()
    return access, scene, member


def get_scene_consents_for_actor(actor: Any, scene_id: Any) -> tuple[Access, Scene]:
    """A scene whose performers' consent the actor may oversee (coordinators only)."""
    scene = (
        Scene.objects.select_related("production", "revision__script")
        .filter(pk=parse_uuid(scene_id))
        .first()
    )
    access = access_for(actor, scene.production) if scene else None
    if access is None or scene is None or not access.has(Perm.CONSENT_VIEW_ALL):
        raise NotFound()
    return access, scene


def can_view_rider_status(access: Access, member: Membership) -> bool:
    """A rider's state and dates (never its content): also producers and first ADs."""
    return can_read_consent(access, member) or access.has(Perm.RIDER_STATUS_VIEW)


def _performer(member_id: Any) -> Membership | None:
    return (
        Membership.objects.select_related("production", "user")
        .filter(pk=parse_uuid(member_id), removed_at__isnull=True)
        .first()
    )


def get_rider_subject_for_actor(
    actor: Any, member_id: Any, *, content: bool = True
) -> tuple[Access, Membership]:
    """The performer whose rider the actor may read (its content, or with ``content=False``
    only its state). Anyone else gets "not found"."""
    member = _performer(member_id)
    access = access_for(actor, member.production) if member else None
    if access is None or member is None:
        raise NotFound()
    allowed = can_read_consent(access, member) if content else can_view_rider_status(access, member)
    if not allowed:
        raise NotFound()
    return access, member


def get_profile_subject_for_actor(actor: Any, member_id: Any) -> tuple[Access, Membership]:
    """The performer whose boundary profile the actor may read (themselves; coordinators)."""
    return get_rider_subject_for_actor(actor, member_id, content=True)


def get_rider_for_actor(actor: Any, rider_id: Any) -> tuple[Access, Rider]:
    """A rider whose state the actor may see (the performer, coordinators, status viewers)."""
    rider = (
        Rider.objects.select_related("member__user", "member__production", "production")
        .filter(pk=parse_uuid(rider_id), member__removed_at__isnull=True)
        .first()
    )
    access = access_for(actor, rider.production) if rider else None
    if access is None or rider is None or not can_view_rider_status(access, rider.member):
        raise NotFound()
    return access, rider
