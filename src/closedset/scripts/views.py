"""Script pages: upload, the breakdown of a revision, flag review, casting."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from closedset.core.errors import NotFound, ServiceError
from closedset.core.permissions import Perm
from closedset.productions.policies import get_member_for_actor, get_production_for_actor
from closedset.scripts import selectors, services
from closedset.scripts.forms import CastForm, FlagsForm, RevisionForm, UploadForm
from closedset.scripts.models import Category
from closedset.scripts.policies import get_scene_for_actor, get_script_for_actor
from closedset.web.errors import add_service_error, pages


def _upload(
    request: HttpRequest, form: UploadForm, **kwargs: object
) -> services.UploadResult | None:
    upload = form.cleaned_data["file"]
    try:
        return services.script_upload(
            actor=request.user,  # type: ignore[arg-type]
            data=upload.read(),
            filename=upload.name or "script",
            label=form.cleaned_data.get("label") or "",
            **kwargs,  # type: ignore[arg-type]
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return None


def _uploaded_message(request: HttpRequest, result: services.UploadResult) -> None:
    messages.success(
        request,
        f"Read {result.scenes} scenes; {result.flagged} have intimate content to review.",
    )
    for warning in result.warnings:
        messages.warning(request, warning)


@require_http_methods(["GET", "POST"])
@pages
def script_list(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.SCRIPT_VIEW, visible=Perm.SCRIPT_VIEW
    )
    can_upload = access.has(Perm.SCRIPT_UPLOAD)
    form = UploadForm(request.POST or None, request.FILES or None) if can_upload else None
    if request.method == "POST":
        access.require(Perm.SCRIPT_UPLOAD)
        assert form is not None  # noqa: S101 - set above for uploaders
        if form.is_valid():
            result = _upload(request, form, access=access, title=form.cleaned_data["title"])
            if result is not None:
                _uploaded_message(request, result)
                return redirect("scripts:script-detail", result.revision.script_id)
    context = {
        "production": access.production,
        "scripts": selectors.script_list(access=access),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "scripts/script_list.html", context, status=status)


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


@require_GET
@pages
def script_detail(request: HttpRequest, script_id: uuid.UUID) -> HttpResponse:
    access, script = get_script_for_actor(request.user, script_id)
    number = request.GET.get("revision")
    revision = selectors.revision_get(
        access=access, script=script, number=_int(number, 0) if number else None
    )
    show_all = request.GET.get("show") == "all"
    page = selectors.scene_page(
        access=access,
        revision=revision,
        flagged_only=not show_all,
        page=_int(request.GET.get("page"), 1),
    )
    context = {
        "access": access,
        "production": access.production,
        "script": script,
        "revision": revision,
        "revisions": list(script.revisions.order_by("-number")),
        "page": page,
        "show_all": show_all,
        "can_edit": access.has(Perm.BREAKDOWN_EDIT),
        "can_upload": access.has(Perm.SCRIPT_UPLOAD),
        "can_cast": access.has(Perm.CASTING_EDIT),
        "can_view_consents": access.has(Perm.CONSENT_VIEW_ALL),
        "categories": Category.choices,
        "revision_form": RevisionForm() if access.has(Perm.SCRIPT_UPLOAD) else None,
    }
    return render(request, "scripts/script_detail.html", context)


@require_POST
@pages
def revision_upload(request: HttpRequest, script_id: uuid.UUID) -> HttpResponse:
    access, script = get_script_for_actor(request.user, script_id, need=Perm.SCRIPT_UPLOAD)
    form = RevisionForm(request.POST, request.FILES)
    if form.is_valid():
        result = _upload(request, form, access=access, script=script)
        if result is not None:
            _uploaded_message(request, result)
            return redirect("scripts:script-detail", script.pk)
    return render(
        request,
        "scripts/revision_upload.html",
        {"production": access.production, "script": script, "form": form},
        status=400,
    )


@require_GET
@pages
def scene_detail(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    access, scene = get_scene_for_actor(request.user, scene_id)
    view = selectors.scene_get(access=access, scene=scene)
    lines = selectors.scene_text(access=access, scene=scene)
    evidence_lines = {ev["line"] for f in view.flags for ev in f.evidence}
    context = {
        "production": access.production,
        "script": scene.revision.script,
        "view": view,
        "lines": lines,
        "evidence_lines": evidence_lines,
        "can_edit": access.has(Perm.BREAKDOWN_EDIT),
        "categories": Category.choices,
    }
    return render(request, "scripts/scene_detail.html", context)


@require_POST
@pages
def scene_flags(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    """Confirm, dismiss or add a flag; answers the scene's card (htmx) or redirects back."""
    access, scene = get_scene_for_actor(request.user, scene_id, need=Perm.BREAKDOWN_EDIT)
    form = FlagsForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            scene = services.flags_update(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                scene=scene,
                confirm=data["confirm"],
                dismiss=data["dismiss"],
                add=[data["add"]] if data["add"] else [],
                note=data["note"],
                version=data["version"],
            )
        except ServiceError as exc:
            error = exc.message
    else:
        error = "That change was not understood. Reload the page and try again."
    if request.headers.get("HX-Request"):
        view = selectors.scene_get(access=access, scene=scene)
        return render(
            request,
            "scripts/partials/_scene_card.html",
            {
                "item": view,
                "can_edit": True,
                "can_view_consents": access.has(Perm.CONSENT_VIEW_ALL),
                "categories": Category.choices,
                "error": error,
            },
            status=409 if "changed this scene" in error else 200,
        )
    if error:
        messages.error(request, error)
    return redirect(request.POST.get("next") or f"/scenes/{scene.pk}/")


@require_http_methods(["GET", "POST"])
@pages
def script_cast(request: HttpRequest, script_id: uuid.UUID) -> HttpResponse:
    access, script = get_script_for_actor(request.user, script_id)
    if request.method == "POST":
        access.require(Perm.CASTING_EDIT)
        form = CastForm(request.POST)
        if not form.is_valid():
            raise NotFound()
        characters = {c.pk: c for c in selectors.character_list(access=access, script=script)}
        character = characters.get(form.cleaned_data["character"])
        if character is None:
            raise NotFound()
        member = None
        if form.cleaned_data["member"]:
            _, member = get_member_for_actor(request.user, form.cleaned_data["member"])
        try:
            services.character_cast(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                character=character,
                member=member,
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Casting for {character.name} saved.")
        return redirect("scripts:script-cast", script.pk)
    context = {
        "production": access.production,
        "script": script,
        "characters": selectors.character_list(access=access, script=script),
        "performers": selectors.castable_members(access=access),
        "can_cast": access.has(Perm.CASTING_EDIT),
    }
    return render(request, "scripts/script_cast.html", context)
