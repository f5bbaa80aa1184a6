"""Choreography pages: the beat editor (htmx), the container grid, approval, the director's
brief and its PDF, and a performer's shoot-day re-confirmation (R8)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from closedset.accounts.reauth import is_recently_authenticated, reauth_redirect
from closedset.choreography import brief_pdf, editing, forms, selectors, services
from closedset.choreography.policies import get_department_brief_for_actor, get_scene_for_actor
from closedset.core.errors import ServiceError
from closedset.core.permissions import Perm
from closedset.productions.policies import Access
from closedset.scripts.models import Scene
from closedset.web.errors import pages


def _editor_context(
    request: HttpRequest,
    access: Access,
    scene: Scene,
    *,
    form: forms.BeatForm | None = None,
    editing_id: str = "",
    error: str = "",
    undo_version: int = 0,
    undo_at: int = 0,
    undo_beat: str = "",
) -> dict[str, Any]:
    view = selectors.choreography_get(access=access, scene=scene)
    if form is None:
        row = next((r for r in view.rows if r.id == editing_id), None)
        initial = forms.initial_from_beat(row.data) if row else {}
        form = forms.BeatForm(cast=view.names, initial=initial)
        editing_id = row.id if row else ""
    return {
        "production": access.production,
        "scene": scene,
        "view": view,
        "form": form,
        "editing_id": editing_id,
        "error": error,
        "can_approve": access.has(Perm.CHOREOGRAPHY_APPROVE),
        # Offered right after a delete, while nobody has changed the beats since.
        "undo_version": undo_version if undo_version and undo_version == view.version else 0,
        "undo_at": undo_at,  # where the deleted beat was, so the undo shows in its place
        "undo_beat": undo_beat if undo_beat.isalnum() else "",
    }


@require_GET
@pages
def choreography_edit(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_EDIT)
    undo, at = request.GET.get("undo", ""), request.GET.get("at", "")
    context = _editor_context(
        request,
        access,
        scene,
        editing_id=request.GET.get("edit", ""),
        undo_version=int(undo) if undo.isdigit() else 0,
        undo_at=int(at) if at.isdigit() else 0,
    )
    return render(request, "choreography/choreography_edit.html", context)


@require_POST
@pages
def beat_change(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    """Add, update, duplicate, move or delete one beat, or undo a delete; answers the editor
    (or its beat list for htmx). A stale version answers 409 with the latest beats."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_EDIT)
    op = request.POST.get("op", "")
    beat_id = request.POST.get("beat", "")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    current = selectors.choreography_get(access=access, scene=scene)
    form = None
    beat = None
    status = 200
    error = ""
    if op in ("add", "update"):
        form = forms.BeatForm(request.POST, cast=current.names)
        if form.is_valid():
            beat = form.beat()
        else:
            status = 400
    undo_version = undo_at = 0
    if status == 200:
        try:
            if op == editing.UNDO:
                services.choreography_undo(
                    actor=request.user,  # type: ignore[arg-type]
                    access=access,
                    scene=scene,
                    expected_version=version,
                )
            else:
                beats = editing.apply([r.data for r in current.rows], op, beat_id, beat)
                saved = services.choreography_save(
                    actor=request.user,  # type: ignore[arg-type]
                    access=access,
                    scene=scene,
                    beats=beats,
                    expected_version=version,
                )
                if op == "delete":
                    undo_version = saved.version
                    undo_at = next(r.position for r in current.rows if r.id == beat_id)
            form = None
        except ServiceError as exc:
            status, error = exc.status, exc.message
    if not request.headers.get("HX-Request") and status == 200:
        target = reverse("choreography:choreography-edit", args=[scene.pk])
        query = f"?undo={undo_version}&at={undo_at}#beat-undo" if undo_version else ""
        return redirect(target + query)
    context = _editor_context(
        request,
        access,
        scene,
        form=form if status != 200 else None,
        error=error,
        editing_id=beat_id if op == "update" and status != 200 else "",
        undo_version=undo_version,
        undo_at=undo_at,
        undo_beat=beat_id if undo_version else "",
    )
    template = (
        "choreography/partials/_editor.html"
        if request.headers.get("HX-Request")
        else "choreography/choreography_edit.html"
    )
    return render(request, template, context, status=status)


@require_POST
@pages
def beat_check(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    """Live validation of the beat being written (nothing is saved)."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_EDIT)
    names = selectors.choreography_get(access=access, scene=scene, beats=[]).names
    form = forms.BeatForm(request.POST, cast=names)
    row = None
    error = ""
    if form.is_valid():
        try:
            beat = form.beat()
            services.parse_beats([beat])
            [row] = selectors.choreography_get(access=access, scene=scene, beats=[beat]).rows
        except ServiceError as exc:
            error = exc.message
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(request, "choreography/partials/_preview.html", {"row": row, "error": error})


@require_POST
@pages
def choreography_approve(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    """Approval is a signature-like act: it needs a recent password confirmation (asked only
    of someone who may approve)."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_APPROVE)
    if not is_recently_authenticated(request):
        return reauth_redirect(request)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.choreography_approve(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            scene=scene,
            expected_version=version,
        )
        messages.success(request, "Approved.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    if access.has(Perm.CHOREOGRAPHY_EDIT):
        return redirect("choreography:choreography-edit", scene.pk)
    return redirect("choreography:brief", scene.pk)


@require_GET
@pages
def container_page(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    access, scene = get_scene_for_actor(request.user, scene_id)
    context = {
        "production": access.production,
        "scene": scene,
        "box": selectors.container_get(access=access, scene=scene),
    }
    return render(request, "choreography/container.html", context)


def _brief_context(
    access: Access, scene: Scene, intent_form: forms.IntentForm | None = None
) -> dict[str, Any]:
    brief = selectors.brief_get(access=access, scene=scene)
    can_write_intent = access.has(Perm.CHOREOGRAPHY_APPROVE)
    if can_write_intent and intent_form is None:
        intent_form = forms.IntentForm(
            initial={"intent": brief.intent or "", "version": brief.intent_version}
        )
    return {
        "intent_form": intent_form if can_write_intent else None,
        "production": access.production,
        "scene": scene,
        "brief": brief,
        "can_edit": access.has(Perm.CHOREOGRAPHY_EDIT),
        "can_approve": access.has(Perm.CHOREOGRAPHY_APPROVE)
        and not access.has(Perm.CHOREOGRAPHY_EDIT),
        "reconfirm": selectors.my_reconfirmation(access=access, scene=scene),
        "brief_approvable": bool(brief.beats) and all(r.status == "ok" for r in brief.beats),
    }


@require_GET
@pages
def brief_page(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    access, scene = get_scene_for_actor(request.user, scene_id)
    return render(request, "choreography/brief.html", _brief_context(access, scene))


@require_POST
@pages
def intent_edit(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    """The director's (or coordinator's) intent notes; a stale version answers 409 with the
    latest notes shown and the text sent kept in the form."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.CHOREOGRAPHY_APPROVE)
    form = forms.IntentForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.choreography_intent_save(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                scene=scene,
                intent=form.cleaned_data["intent"],
                expected_version=form.cleaned_data["version"],
            )
        except ServiceError as exc:
            status = exc.status
            form.add_error("intent", exc.message)
        else:
            messages.success(request, "The intent notes are saved.")
            return redirect("choreography:brief", scene.pk)
    context = _brief_context(access, scene, form)
    if status == 409:  # show the latest version number so a resend is deliberate
        form.data = {**request.POST.dict(), "version": str(context["brief"].intent_version)}
    return render(request, "choreography/brief.html", context, status=status)


@require_GET
@pages
def brief_pdf_download(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    access, scene = get_scene_for_actor(request.user, scene_id)
    brief = selectors.brief_get(access=access, scene=scene)
    response = HttpResponse(
        brief_pdf.render(brief, access.production.title), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="brief.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@pages
def reconfirm(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    """R8: the performer re-confirms a change made on the shoot day."""
    access, scene = get_scene_for_actor(request.user, scene_id)
    try:
        services.choreography_reconfirm(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            scene=scene,
        )
        messages.success(request, "Thank you: your re-confirmation is recorded.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("choreography:brief", scene.pk)


# --- department briefs (docs/adr/0010) ------------------------------------------------------


@require_GET
@pages
def department_brief_page(
    request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID
) -> HttpResponse:
    """What a rostered crew member's department needs of the scene on that day."""
    access, scene, entry, kind = get_department_brief_for_actor(request.user, scene_id, day_id)
    brief = selectors.department_brief_get(
        access=access, scene=scene, day=entry.day.date, kind=kind
    )
    context = {"production": access.production, "scene": scene, "entry": entry, "brief": brief}
    return render(request, "choreography/department_brief.html", context)


@require_GET
@pages
def department_brief_pdf(
    request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID
) -> HttpResponse:
    access, scene, entry, kind = get_department_brief_for_actor(request.user, scene_id, day_id)
    brief = selectors.department_brief_get(
        access=access, scene=scene, day=entry.day.date, kind=kind
    )
    response = HttpResponse(
        brief_pdf.render_department(brief, access.production.title),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{kind.value}-brief.pdf"'
    response["Cache-Control"] = "no-store"
    return response
