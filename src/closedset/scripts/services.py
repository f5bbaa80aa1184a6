"""Writes for scripts: upload a revision (read, detect, store, in one transaction), decide flags,
cast characters. Every write is audited; script text is sealed."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from closedset import breakdown as bd
from closedset.accounts.models import User
from closedset.breakdown.compare import FlagChangeKind, SceneChangeKind, compare
from closedset.core import audit, crypto
from closedset.core.errors import Conflict, NotFound, ServiceError
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm, roles_with
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.scripts.models import (
    Category,
    Change,
    Character,
    Flag,
    FlagOrigin,
    FlagStatus,
    Revision,
    Scene,
    Script,
)
from closedset.scripts.signals import casting_changed


class UploadTooLarge(ServiceError):
    status = 413


def max_script_bytes() -> int:
    return int(getattr(settings, "CLOSEDSET_MAX_SCRIPT_BYTES", 20 * 1024 * 1024))


def _scene_text(scene: bd.Scene) -> list[list[Any]]:
    return [[e.line, e.kind.value, e.speaker or "", e.text] for e in scene.elements]


def _evidence(flag: bd.Flag) -> list[dict[str, Any]]:
    return [{"line": ev.line, "text": ev.text} for ev in flag.evidence]


def read_upload(data: bytes, filename: str) -> bd.Breakdown:
    """Read and analyse an uploaded file, or raise a ServiceError that says why not."""
    limit = max_script_bytes()
    if len(data) > limit:
        raise UploadTooLarge(
            f"{filename} is {len(data) / 1024 / 1024:.1f} MB; scripts up to "
            f"{limit // (1024 * 1024)} MB are accepted.",
            field="file",
        )
    try:
        return bd.breakdown(data, filename)
    except bd.ScriptError as exc:
        raise ServiceError(f"{filename}: {exc}", field="file") from None


@dataclass(frozen=True)
class UploadResult:
    revision: Revision
    scenes: int
    flagged: int
    warnings: list[str]


@transaction.atomic
def script_upload(
    *,
    actor: User,
    access: Access,
    data: bytes,
    filename: str,
    title: str = "",
    script: Script | None = None,
    label: str = "",
) -> UploadResult:
    """Store a new script, or a new revision of ``script``, with its breakdown.

    Decisions on flags carry over to matching scenes of the previous revision; new or changed
    intimate content is marked for review.
    """
    access.require(Perm.SCRIPT_UPLOAD)
    if script is not None and script.production_id != access.production.pk:
        raise NotFound()
    filename = PurePath(filename or "script").name[:255]
    result = read_upload(data, filename)
    if script is None:
        name = (title or result.script.title or PurePath(filename).stem).strip()[:200]
        script = Script.objects.create(production=access.production, title=name or "Untitled")
    else:
        script = Script.objects.select_for_update().get(pk=script.pk)
    previous = script.revisions.order_by("-number").first()
    number = (script.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = Revision(
        script=script,
        production=access.production,
        number=number,
        label=label.strip()[:100],
        filename=filename,
        format=result.script.format,
        pages=result.script.pages,
        size=len(data),
        warnings=list(result.script.warnings),
        previous=previous,
        uploaded_by=actor,
    )
    crypto.seal(revision, "source", base64.b64encode(data).decode("ascii"))
    revision.save()

    carried = _carry_over(previous, result) if previous else {}
    flagged = 0
    for item in result.scenes:
        scene = _store_scene(access, revision, item, carried.get(item.scene.ordinal))
        flagged += bool(item.flags)
        _store_flags(access, scene, item, carried.get(item.scene.ordinal))
    _update_characters(access, script, result)
    audit.record(
        AuditAction.SCRIPT_UPLOADED,
        actor=actor,
        production=access.production,
        obj=revision,
        summary=f"revision {number}: {len(result.scenes)} scenes, {flagged} flagged",
    )
    return UploadResult(revision, len(result.scenes), flagged, list(result.script.warnings))


@dataclass(frozen=True)
class _Carried:
    """What a new scene inherits from its match in the previous revision."""

    previous: Scene
    text_changed: bool
    changed_categories: frozenset[str]
    flags: dict[str, Flag]


def _carry_over(previous: Revision, result: bd.Breakdown) -> dict[int, _Carried]:
    """Match new scenes to the previous revision's (``closedset.breakdown.compare``)."""
    old_breakdown = bd.breakdown(
        base64.b64decode(crypto.unseal(previous, "source")), previous.filename
    )
    comparison = compare(old_breakdown, result)
    old_scenes = {s.ordinal: s for s in previous.scenes.prefetch_related("flags")}
    carried: dict[int, _Carried] = {}
    for change in comparison.scenes:
        if change.old is None or change.new is None:
            continue
        old = old_scenes.get(change.old.scene.ordinal)
        if old is None:
            continue
        carried[change.new.scene.ordinal] = _Carried(
            previous=old,
            text_changed=change.kind == SceneChangeKind.CHANGED,
            changed_categories=frozenset(
                str(f.category) for f in change.flags if f.kind == FlagChangeKind.CHANGED
            ),
            flags={f.category: f for f in old.flags.all()},
        )
    return carried


def _store_scene(
    access: Access, revision: Revision, item: bd.SceneBreakdown, carried: _Carried | None
) -> Scene:
    s = item.scene
    if revision.previous_id is None:
        change = Change.FIRST
    elif carried is None:
        change = Change.NEW
    else:
        change = Change.CHANGED if carried.text_changed else Change.SAME
    scene = Scene(
        revision=revision,
        production=access.production,
        ordinal=s.ordinal,
        number=(s.number or "")[:16],
        heading=s.heading[:300],
        normalized_heading=s.normalized_heading[:300],
        occurrence=s.occurrence,
        int_ext=(s.int_ext or "")[:16],
        location=(s.location or "")[:200],
        time_of_day=(s.time_of_day or "")[:100],
        page=s.page,
        eighths=s.eighths,
        characters=[{"name": c.name, "age": c.age} for c in item.characters],
        minor=item.minor,
        change=change,
        matched=carried.previous if carried else None,
        lineage=carried.previous.lineage if carried else uuid.uuid4(),
    )
    crypto.seal(scene, "text", _scene_text(s))
    scene.save()
    return scene


def _store_flags(
    access: Access, scene: Scene, item: bd.SceneBreakdown, carried: _Carried | None
) -> None:
    detected = {str(f.category): f for f in item.flags}
    previous = carried.flags if carried else {}
    for category, flag in detected.items():
        old = previous.get(category)
        status: str = FlagStatus.PENDING
        change: str = Change.FIRST
        decided_by, decided_at = None, None
        if carried is not None:
            if old is None:
                change = Change.NEW
            elif category in carried.changed_categories:
                change = Change.CHANGED
            else:
                change = Change.SAME
                status, decided_by, decided_at = old.status, old.decided_by, old.decided_at
        elif scene.change == Change.NEW:
            change = Change.NEW
        row = Flag(
            scene=scene,
            production=access.production,
            category=category,
            origin=FlagOrigin.DETECTED,
            confidence=round(flag.confidence, 3),
            status=status,
            change=change,
            decided_by=decided_by,
            decided_at=decided_at,
        )
        crypto.seal(row, "evidence", _evidence(flag))
        row.save()
    # A flag the coordinator added by hand stays on the matching scene of the new revision.
    for category, old in previous.items():
        if category in detected or old.origin != FlagOrigin.ADDED:
            continue
        row = Flag(
            scene=scene,
            production=access.production,
            category=category,
            origin=FlagOrigin.ADDED,
            status=old.status,
            change=Change.SAME,
            decided_by=old.decided_by,
            decided_at=old.decided_at,
        )
        crypto.seal(row, "evidence", crypto.unseal(old, "evidence"))
        row.save()


def _update_characters(access: Access, script: Script, result: bd.Breakdown) -> None:
    ages: dict[str, int | None] = {}
    for item in result.scenes:
        for character in item.characters:
            name = character.name[:100]
            if ages.get(name) is None:
                ages[name] = character.age
    existing = {c.name: c for c in script.characters.all()}
    for name, age in ages.items():
        current = existing.get(name)
        if current is None:
            Character.objects.create(
                script=script, production=access.production, name=name, age=age
            )
        elif age is not None and current.age != age:
            current.age = age
            current.save(update_fields=["age"])


# --- flags ----------------------------------------------------------------------------------


def _categories(values: Iterable[str], field: str) -> list[str]:
    out = []
    for value in values:
        if value not in Category.values:
            raise ServiceError(f"{value!r} is not an intimacy category.", field=field)
        out.append(value)
    return out


@transaction.atomic
def flags_update(
    *,
    actor: User,
    access: Access,
    scene: Scene,
    confirm: Sequence[str] = (),
    dismiss: Sequence[str] = (),
    add: Sequence[str] = (),
    note: str = "",
    version: int | None = None,
) -> Scene:
    """Confirm, dismiss or add intimacy flags on a scene (the coordinator's review)."""
    access.require(Perm.BREAKDOWN_EDIT)
    if scene.production_id != access.production.pk:
        raise NotFound()
    confirm, dismiss, add = (
        _categories(confirm, "confirm"),
        _categories(dismiss, "dismiss"),
        _categories(add, "add"),
    )
    clash = (set(confirm) & set(dismiss)) | (set(add) & set(dismiss))
    if clash:
        raise ServiceError(f"{', '.join(sorted(clash))}: confirm or dismiss, not both.")
    if not (confirm or dismiss or add):
        raise ServiceError("Nothing to change: confirm, dismiss or add a category.")
    locked = Scene.objects.select_for_update().get(pk=scene.pk)
    if version is not None and version != locked.version:
        raise Conflict(
            "Someone changed this scene's flags since you opened it. Reload to see their change."
        )
    flags = {f.category: f for f in locked.flags.all()}
    now = timezone.now()
    for category in (*confirm, *dismiss):
        if category not in flags:
            raise ServiceError(f"This scene has no {category} flag to decide.", field="confirm")
    for category in confirm:
        flags[category].status = FlagStatus.CONFIRMED
    for category in dismiss:
        flags[category].status = FlagStatus.DISMISSED
    for category in (*confirm, *dismiss):
        flags[category].decided_by, flags[category].decided_at = actor, now
        flags[category].save(update_fields=["status", "decided_by", "decided_at"])
    for category in add:
        row = flags.get(category)
        if row is None:
            row = Flag(
                scene=locked,
                production=access.production,
                category=category,
                origin=FlagOrigin.ADDED,
                status=FlagStatus.CONFIRMED,
                change=Change.FIRST,
                decided_by=actor,
                decided_at=now,
            )
            evidence = [{"line": 0, "text": note.strip()[:500]}] if note.strip() else []
            crypto.seal(row, "evidence", evidence)
            row.save()
        else:
            row.status, row.decided_by, row.decided_at = FlagStatus.CONFIRMED, actor, now
            row.save(update_fields=["status", "decided_by", "decided_at"])
    locked.version += 1
    locked.save(update_fields=["version"])
    parts = [
        f"{verb} {', '.join(cats)}"
        for verb, cats in (("confirmed", confirm), ("dismissed", dismiss), ("added", add))
        if cats
    ]
    audit.record(
        AuditAction.FLAGS_DECIDED,
        actor=actor,
        production=access.production,
        obj=locked,
        summary="; ".join(parts),
    )
    return locked


# --- casting --------------------------------------------------------------------------------


@transaction.atomic
def character_cast(
    *, actor: User, access: Access, character: Character, member: Membership | None
) -> Character:
    """Cast a production's performer in a part, or un-cast it (``member=None``)."""
    access.require(Perm.CASTING_EDIT)
    if character.production_id != access.production.pk:
        raise NotFound()
    if member is not None:
        is_performer = (
            member.production_id == access.production.pk
            and member.removed_at is None
            and member.roles.filter(role__in=roles_with(Perm.CONSENT_EDIT_OWN)).exists()
        )
        if not is_performer:
            raise ServiceError("Only performers of this production can be cast.", field="member")
    character.member = member
    character.save(update_fields=["member"])
    audit.record(
        AuditAction.CHARACTER_CAST,
        actor=actor,
        production=access.production,
        obj=character,
        summary=f"{character.name} cast" if member else f"{character.name} uncast",
    )
    casting_changed.send(
        sender=Character, actor=actor, production=access.production, character=character
    )
    return character
