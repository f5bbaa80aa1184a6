import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from closedset.core.permissions import Perm
from closedset.productions.policies import get_production_for_actor
from closedset.scripts import selectors, services
from closedset.scripts.models import Category
from closedset.scripts.policies import get_scene_for_actor, get_script_for_actor

router = Router(tags=["scripts"])


class EvidenceOut(Schema):
    line: int
    text: str


class FlagOut(Schema):
    category: str
    status: str = Field(..., description="pending, confirmed or dismissed")
    origin: str = Field(..., description="detected or added")
    change: str = Field(
        ..., description="first, new, changed or same (against the previous revision)"
    )
    confidence: float
    evidence: list[EvidenceOut]


class CharacterOut(Schema):
    name: str
    age: int | None


class SceneOut(Schema):
    id: uuid.UUID
    script_id: uuid.UUID
    revision: int
    ordinal: int
    number: str | None
    heading: str
    normalized_heading: str
    occurrence: int
    page: int
    eighths: int
    characters: list[CharacterOut]
    minor: bool
    severity: str | None
    change: str
    version: int
    flags: list[FlagOut]


class RevisionOut(Schema):
    number: int
    label: str
    filename: str
    format: str
    pages: int
    uploaded_at: datetime
    warnings: list[str]


class ScriptOut(Schema):
    id: uuid.UUID
    title: str
    revisions: list[RevisionOut]


class UploadOut(Schema):
    script_id: uuid.UUID
    revision: int
    scenes: int
    flagged: int
    warnings: list[str]


class FlagsPatchIn(Schema):
    confirm: list[Category] = Field(default_factory=list)
    dismiss: list[Category] = Field(default_factory=list)
    add: list[Category] = Field(default_factory=list)
    note: str = Field("", max_length=500, description="Why a category was added (sealed).")
    version: int | None = Field(
        None, description="The scene version you saw; a stale version answers 409."
    )


def _scene_out(view: selectors.SceneView) -> SceneOut:
    s = view.scene
    return SceneOut(
        id=s.pk,
        script_id=s.revision.script_id,
        revision=s.revision.number,
        ordinal=s.ordinal,
        number=s.number or None,
        heading=s.heading,
        normalized_heading=s.normalized_heading,
        occurrence=s.occurrence,
        page=s.page,
        eighths=s.eighths,
        characters=[CharacterOut(**c) for c in s.characters],
        minor=s.minor,
        severity=view.severity,
        change=s.change,
        version=s.version,
        flags=[
            FlagOut(
                category=f.category,
                status=f.status,
                origin=f.origin,
                change=f.change,
                confidence=f.confidence,
                evidence=[EvidenceOut(**e) for e in f.evidence],
            )
            for f in view.flags
        ],
    )


@router.get(
    "/productions/{production_id}/scripts", response=list[ScriptOut], operation_id="script_list"
)
def script_list(request: HttpRequest, production_id: uuid.UUID) -> list[ScriptOut]:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.SCRIPT_VIEW, visible=Perm.SCRIPT_VIEW
    )
    return [
        ScriptOut(
            id=s.pk,
            title=s.title,
            revisions=[
                RevisionOut.model_validate(r, from_attributes=True) for r in s.revisions.all()
            ],
        )
        for s in selectors.script_list(access=access)
    ]


@router.post(
    "/productions/{production_id}/scripts",
    response={201: UploadOut},
    operation_id="script_upload",
)
def script_upload(  # noqa: PLR0917 - ninja passes path, file and form fields positionally
    request: HttpRequest,
    production_id: uuid.UUID,
    file: File[UploadedFile],
    title: Form[str] = "",
    label: Form[str] = "",
    script_id: Form[uuid.UUID | None] = None,
) -> Status[UploadOut]:
    """Upload a script (Fountain, FDX, PDF or text), or a new revision of `script_id`."""
    access = get_production_for_actor(
        request.user, production_id, need=Perm.SCRIPT_UPLOAD, visible=Perm.SCRIPT_VIEW
    )
    script = None
    if script_id is not None:
        _, script = get_script_for_actor(request.user, script_id, need=Perm.SCRIPT_UPLOAD)
    result = services.script_upload(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        data=file.read(),
        filename=file.name or "script",
        title=title[:200],
        label=label[:100],
        script=script,
    )
    return Status(
        201,
        UploadOut(
            script_id=result.revision.script_id,
            revision=result.revision.number,
            scenes=result.scenes,
            flagged=result.flagged,
            warnings=result.warnings,
        ),
    )


@router.get(
    "/productions/{production_id}/scenes", response=list[SceneOut], operation_id="scene_list"
)
@paginate(LimitOffsetPagination)
def scene_list(
    request: HttpRequest,
    production_id: uuid.UUID,
    script_id: uuid.UUID | None = None,
    revision: int | None = None,
    flagged: bool = False,
) -> list[SceneOut]:
    """Scenes of the latest revision of each script (or of `script_id` at `revision`)."""
    access = get_production_for_actor(
        request.user, production_id, need=Perm.SCRIPT_VIEW, visible=Perm.SCRIPT_VIEW
    )
    scripts = selectors.script_list(access=access)
    if script_id is not None:
        scripts = [s for s in scripts if s.pk == script_id]
        if not scripts:
            _, script = get_script_for_actor(request.user, script_id)
    out: list[SceneOut] = []
    for script in scripts:
        rev = selectors.revision_get(access=access, script=script, number=revision)
        views = selectors.scene_list(access=access, revision=rev, flagged_only=flagged)
        out.extend(_scene_out(v) for v in views)
    return out


@router.get("/scenes/{scene_id}", response=SceneOut, operation_id="scene_get")
def scene_get(request: HttpRequest, scene_id: uuid.UUID) -> SceneOut:
    access, scene = get_scene_for_actor(request.user, scene_id)
    return _scene_out(selectors.scene_get(access=access, scene=scene))


@router.patch("/scenes/{scene_id}/flags", response=SceneOut, operation_id="scene_flags_update")
def scene_flags_update(request: HttpRequest, scene_id: uuid.UUID, payload: FlagsPatchIn) -> Any:
    """Confirm, dismiss or add intimacy flags (the coordinator's review)."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.BREAKDOWN_EDIT)
    scene = services.flags_update(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        scene=scene,
        confirm=[c.value for c in payload.confirm],
        dismiss=[c.value for c in payload.dismiss],
        add=[c.value for c in payload.add],
        note=payload.note,
        version=payload.version,
    )
    return _scene_out(selectors.scene_get(access=access, scene=scene))
