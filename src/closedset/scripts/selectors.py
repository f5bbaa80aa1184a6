"""Reads of scripts and scenes for people with the script permission. Reading script text
(evidence lines, scene text) decrypts it and records the read in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from closedset import breakdown as bd
from closedset.core import audit, crypto
from closedset.core.errors import NotFound
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.scripts.models import Character, Flag, FlagStatus, Revision, Scene, Script

SCENES_PER_PAGE = 50


@dataclass(frozen=True)
class FlagView:
    id: Any
    category: str
    category_label: str
    status: str
    origin: str
    change: str
    confidence: float
    evidence: list[dict[str, Any]]


@dataclass(frozen=True)
class SceneView:
    scene: Scene
    flags: list[FlagView]
    severity: str | None

    @property
    def is_intimate(self) -> bool:
        return self.severity is not None

    @property
    def to_review(self) -> int:
        return sum(1 for f in self.flags if f.status == FlagStatus.PENDING)


def script_list(*, access: Access) -> list[Script]:
    access.require(Perm.SCRIPT_VIEW)
    return list(
        Script.objects.filter(production=access.production)
        .prefetch_related(Prefetch("revisions", queryset=Revision.objects.order_by("-number")))
        .order_by("title", "created_at")
    )


def revision_latest(*, script: Script) -> Revision | None:
    return script.revisions.order_by("-number").first()


def revision_get(*, access: Access, script: Script, number: int | None) -> Revision:
    query = Revision.objects.filter(script=script, production=access.production)
    revision = query.filter(number=number).first() if number else query.order_by("-number").first()
    if revision is None:
        raise NotFound()
    return revision


def _scenes(revision: Revision, *, flagged_only: bool) -> QuerySet[Scene]:
    scenes = Scene.objects.filter(revision=revision).prefetch_related(
        Prefetch("flags", queryset=Flag.objects.order_by("category"))
    )
    if flagged_only:
        scenes = scenes.filter(flags__status__in=[FlagStatus.PENDING, FlagStatus.CONFIRMED])
        scenes = scenes.distinct()
    return scenes.order_by("ordinal")


def _view(scene: Scene) -> SceneView:
    flags = [
        FlagView(
            id=f.pk,
            category=f.category,
            category_label=f.get_category_display(),
            status=f.status,
            origin=f.origin,
            change=f.change,
            confidence=f.confidence,
            evidence=crypto.unseal(f, "evidence") or [],
        )
        for f in scene.flags.all()
    ]
    live = {bd.Category(f.category) for f in flags if f.status != FlagStatus.DISMISSED}
    severity = bd.severity_of(live, minor=scene.minor)
    return SceneView(scene, flags, severity.value if severity else None)


def scene_page(
    *, access: Access, revision: Revision, flagged_only: bool = True, page: int = 1
) -> Page[SceneView]:
    """One page of a revision's scenes with their flags and evidence (an audited read)."""
    access.require(Perm.SCRIPT_VIEW)
    if revision.production_id != access.production.pk:
        raise NotFound()
    paginator = Paginator(_scenes(revision, flagged_only=flagged_only), SCENES_PER_PAGE)
    result: Any = paginator.get_page(page)
    with transaction.atomic():
        result.object_list = [_view(s) for s in result.object_list]
        audit.record(
            AuditAction.SCRIPT_READ,
            actor=access.membership.user,
            production=access.production,
            obj=revision,
            summary=f"scene list page {result.number}",
        )
    return result  # type: ignore[no-any-return]


def scene_list(
    *, access: Access, revision: Revision, flagged_only: bool = False
) -> list[SceneView]:
    """Every scene of a revision with flags and evidence (an audited read)."""
    access.require(Perm.SCRIPT_VIEW)
    if revision.production_id != access.production.pk:
        raise NotFound()
    with transaction.atomic():
        views = [_view(s) for s in _scenes(revision, flagged_only=flagged_only)]
        audit.record(
            AuditAction.SCRIPT_READ,
            actor=access.membership.user,
            production=access.production,
            obj=revision,
            summary=f"{len(views)} scenes",
        )
    return views


def scene_get(*, access: Access, scene: Scene) -> SceneView:
    with transaction.atomic():
        view = _view(
            Scene.objects.prefetch_related("flags").select_related("revision").get(pk=scene.pk)
        )
        audit.record(
            AuditAction.SCRIPT_READ,
            actor=access.membership.user,
            production=access.production,
            obj=scene,
            summary="scene flags",
        )
    return view


def scene_text(*, access: Access, scene: Scene) -> list[dict[str, Any]]:
    """The scene as written (line, kind, speaker, text), for people who may read the script."""
    access.require(Perm.SCRIPT_VIEW)
    with transaction.atomic():
        lines = crypto.unseal(scene, "text") or []
        audit.record(
            AuditAction.SCRIPT_READ,
            actor=access.membership.user,
            production=access.production,
            obj=scene,
            summary="scene text",
        )
    return [{"line": x[0], "kind": x[1], "speaker": x[2], "text": x[3]} for x in lines]


def character_list(*, access: Access, script: Script) -> list[Character]:
    access.require(Perm.SCRIPT_VIEW)
    return list(
        Character.objects.filter(script=script).select_related("member__user").order_by("name")
    )


def castable_members(*, access: Access) -> list[Membership]:
    """Performers of the production, for the casting picker."""
    return list(
        Membership.objects.filter(
            production=access.production, removed_at__isnull=True, roles__role="performer"
        )
        .select_related("user")
        .order_by("user__name")
        .distinct()
    )


def scene_cast(*, scene: Scene) -> dict[str, Membership]:
    """The performers cast in a scene: members cast in the parts that appear in it."""
    names = [c["name"] for c in scene.characters]
    characters = Character.objects.filter(
        script_id=scene.revision.script_id, name__in=names, member__isnull=False
    ).select_related("member__user")
    return {str(c.member_id): c.member for c in characters if c.member is not None}


def scene_character_ages(*, scene: Scene) -> dict[str, int]:
    """Stated ages of the parts each cast member plays in a scene (member id → youngest)."""
    names = [c["name"] for c in scene.characters]
    ages: dict[str, int] = {}
    for c in Character.objects.filter(
        script_id=scene.revision.script_id, name__in=names, member__isnull=False, age__isnull=False
    ):
        key = str(c.member_id)
        ages[key] = min(ages.get(key, 200), c.age or 200)
    return ages


def latest_scene(*, lineage: Any) -> Scene | None:
    """The scene of a lineage in its script's newest revision that still has it."""
    return (
        Scene.objects.filter(lineage=lineage)
        .select_related("revision__script")
        .order_by("-revision__number")
        .first()
    )


def cast_scenes(*, member: Membership) -> list[Scene]:
    """Intimate scenes (latest revision of each script) in which the member is cast."""
    names_by_script: dict[Any, set[str]] = {}
    for c in Character.objects.filter(member=member):
        names_by_script.setdefault(c.script_id, set()).add(c.name)
    scenes: list[Scene] = []
    for script_id, names in names_by_script.items():
        revision = Revision.objects.filter(script_id=script_id).order_by("-number").first()
        if revision is None:
            continue
        for scene in _scenes(revision, flagged_only=True):
            if names & {c["name"] for c in scene.characters}:
                scenes.append(scene)
    return scenes
