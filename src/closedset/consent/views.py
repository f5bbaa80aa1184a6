"""Consent pages: a performer's scenes, the consent form, withdrawal, the coordinator's overview."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from closedset.consent import forms, selectors, services
from closedset.consent.policies import (
    get_consent_subject_for_actor,
    get_scene_consents_for_actor,
)
from closedset.core.errors import ServiceError
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access, get_production_for_actor
from closedset.rules.minors import is_minor
from closedset.scripts.models import Scene
from closedset.web.errors import pages

PRIVACY = "Only you and your intimacy coordinator see this."
WITHDRAWN = (
    "You withdrew your consent for this scene. "
    "Your intimacy coordinator has been told the scene needs re-planning."
)


@require_GET
@pages
def my_scenes(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.CONSENT_EDIT_OWN, visible=Perm.CONSENT_EDIT_OWN
    )
    context = {
        "production": access.production,
        "scenes": selectors.my_scene_list(access=access),
        "privacy": PRIVACY,
    }
    return render(request, "consent/my_scenes.html", context)


def _render_form(
    request: HttpRequest,
    access: Access,
    scene: Scene,
    member: Membership,
    *,
    submission: forms.Submission | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    view = selectors.consent_get(access=access, scene=scene, member=member)
    typed = submission.typed if submission else None
    is_self = member.pk == access.membership.pk
    context: dict[str, Any] = {
        "production": access.production,
        "scene": scene,
        "member": member,
        "view": view,
        "is_self": is_self,
        "privacy": PRIVACY
        if is_self
        else f"Only {member.user.name} and the intimacy coordinators see this.",
        "minor": is_minor(view.age),
        "sections": forms.build_sections(
            view, typed, minor_partners=selectors.minor_partners(scene=scene, member=member)
        ),
        "answer_choices": forms.ANSWER_CHOICES,
        "version": submission.version if submission else view.version,
        "note": submission.note if submission else (view.note or ""),
        "guardian_name": submission.guardian_name
        if submission
        else (view.consent.guardian_name or ""),
        "guardian_signed": submission.guardian_signed
        if submission
        else view.consent.guardian_signed,
        "error": error,
        "can_withdraw": bool(view.history) and view.consent.answers,
        "can_overview": access.has(Perm.CONSENT_VIEW_ALL),
        "note_max": forms.NOTE_MAX,
        "guardian_max": forms.GUARDIAN_MAX,
    }
    return render(request, "consent/consent_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@pages
def consent_edit(request: HttpRequest, scene_id: uuid.UUID, member_id: uuid.UUID) -> HttpResponse:
    access, scene, member = get_consent_subject_for_actor(request.user, scene_id, member_id)
    if request.method != "POST":
        return _render_form(request, access, scene, member)
    try:
        submission = forms.parse_submission(request.POST)
    except forms.FormProblem as exc:
        error = f"{exc} Nothing was saved. Reload the page and try again."
        return _render_form(request, access, scene, member, error=error, status=400)
    try:
        services.consent_save(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            scene=scene,
            member=member,
            answers=submission.answers,
            note=submission.note,
            expected_version=submission.version,
            guardian_name=submission.guardian_name,
            guardian_signed=submission.guardian_signed,
        )
    except ServiceError as exc:
        return _render_form(
            request,
            access,
            scene,
            member,
            submission=submission,
            error=exc.message,
            status=exc.status,
        )
    if member.pk == access.membership.pk:
        messages.success(request, "Your answers are saved.")
    else:
        messages.success(request, f"The answers for {member.user.name} are saved.")
    return redirect("consent:consent-edit", scene.pk, member.pk)


@require_POST
@pages
def consent_withdraw(
    request: HttpRequest, scene_id: uuid.UUID, member_id: uuid.UUID
) -> HttpResponse:
    access, scene, member = get_consent_subject_for_actor(request.user, scene_id, member_id)
    try:
        services.consent_withdraw(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            scene=scene,
            member=member,
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        if member.pk == access.membership.pk:
            messages.success(request, WITHDRAWN)
        else:
            messages.success(
                request,
                f"Consent for this scene is withdrawn for {member.user.name}. "
                "The scene needs re-planning.",
            )
    if request.POST.get("back") == "my-scenes" and member.pk == access.membership.pk:
        return redirect("consent:my-scenes", access.production.pk)
    return redirect("consent:consent-edit", scene.pk, member.pk)


@require_GET
@pages
def scene_consents(request: HttpRequest, scene_id: uuid.UUID) -> HttpResponse:
    access, scene = get_scene_consents_for_actor(request.user, scene_id)
    context = {
        "production": access.production,
        "scene": scene,
        "performers": selectors.scene_consent_list(access=access, scene=scene),
    }
    return render(request, "consent/scene_consents.html", context)
