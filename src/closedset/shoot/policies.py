"""Who may see and act on a scene's day.

A scene's day (its roster, pause state and check-ins) is for the people who plan it (readiness
viewers), the performers cast in it and the people on its closed-set roster. Anyone else in the
production gets "not found", exactly as if it did not exist. Trying to check in to a closed set is
open to every member, so that a refusal can be given and recorded.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Subquery

from closedset.core.errors import NotFound
from closedset.core.ids import parse_uuid
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene
from closedset.scripts.selectors import latest_scene, scene_cast
from closedset.shoot.models import Entry, RosterMember, ShootDay

# Entries fetched here for one request remember their newest scene and its cast, so a page
# (or the state poll) reads them once; entries from anywhere else are read afresh each time.
_MEMO = "_shoot_memo"


def entry_scene(entry: Entry) -> Scene:
    """The scene as it stands in the newest revision (the scheduled one if it was cut)."""
    memo = entry.__dict__.get(_MEMO)
    if memo is not None and "scene" in memo:
        return memo["scene"]  # type: ignore[no-any-return]
    scene = latest_scene(lineage=entry.lineage) or entry.scene
    if memo is not None:
        memo["scene"] = scene
    return scene


def entry_cast(entry: Entry) -> dict[str, Membership]:
    """The performers cast in the entry's scene (member id → membership, with the user)."""
    memo = entry.__dict__.get(_MEMO)
    if memo is not None and "cast" in memo:
        return memo["cast"]  # type: ignore[no-any-return]
    cast = scene_cast(scene=entry_scene(entry))
    if memo is not None:
        memo["cast"] = cast
    return cast


def is_cast(access: Access, entry: Entry) -> bool:
    return str(access.membership.pk) in entry_cast(entry)


def is_rostered(access: Access, entry: Entry) -> bool:
    return RosterMember.objects.filter(entry=entry, member=access.membership).exists()


def can_view_entry(access: Access, entry: Entry) -> bool:
    if entry.production_id != access.production.pk:
        return False
    return access.has(Perm.READINESS_VIEW) or is_cast(access, entry) or is_rostered(access, entry)


def can_pause(access: Access, entry: Entry) -> bool:
    """Any performer cast in the scene, or the intimacy coordinator."""
    if not access.has(Perm.SCENE_PAUSE):
        return False
    return access.has(Perm.SCENE_RESUME) or is_cast(access, entry)


def can_see_checkins(access: Access) -> bool:
    """Each performer's check-in outcome: the coordinators (others see counts)."""
    return access.has(Perm.CONSENT_VIEW_ALL)


def _entry(scene_id: Any, day_id: Any) -> Entry | None:
    """The entry of a scene (any revision of it) on a day of the same production: one query."""
    scene = Scene.objects.filter(pk=parse_uuid(scene_id))
    entry = (
        Entry.objects.select_related("day", "scene__revision__script", "production")
        .filter(
            day_id=parse_uuid(day_id),
            lineage=Subquery(scene.values("lineage")[:1]),
            production_id=Subquery(scene.values("production_id")[:1]),
        )
        .first()
    )
    if entry is not None:
        entry.__dict__[_MEMO] = {}
    return entry


def get_entry_for_actor(actor: Any, scene_id: Any, day_id: Any) -> tuple[Access, Entry]:
    """A scheduled scene's day, if the actor plans it, performs in it or is on its roster."""
    entry = _entry(scene_id, day_id)
    access = access_for(actor, entry.production) if entry else None
    if access is None or entry is None or not can_view_entry(access, entry):
        raise NotFound()
    return access, entry


def get_entry_for_checkin(actor: Any, scene_id: Any, day_id: Any) -> tuple[Access, Entry]:
    """A scheduled scene's day for a closed-set check-in: any member may try (and be refused)."""
    entry = _entry(scene_id, day_id)
    access = access_for(actor, entry.production) if entry else None
    if access is None or entry is None:
        raise NotFound()
    return access, entry


def get_entry_by_id_for_actor(actor: Any, entry_id: Any) -> tuple[Access, Entry]:
    entry = (
        Entry.objects.select_related("day", "scene__revision__script", "production")
        .filter(pk=parse_uuid(entry_id))
        .first()
    )
    if entry is not None:
        entry.__dict__[_MEMO] = {}
    access = access_for(actor, entry.production) if entry else None
    if access is None or entry is None or not can_view_entry(access, entry):
        raise NotFound()
    return access, entry


def get_day_for_actor(
    actor: Any, day_id: Any, *, need: Perm = Perm.SCHEDULE_EDIT
) -> tuple[Access, ShootDay]:
    day = ShootDay.objects.select_related("production").filter(pk=parse_uuid(day_id)).first()
    access = access_for(actor, day.production) if day else None
    if access is None or day is None or not access.has(Perm.READINESS_VIEW):
        raise NotFound()
    access.require(need)
    return access, day
