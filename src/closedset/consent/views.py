"""Consent pages: a performer's scenes, the consent form, withdrawal, the coordinator's overview."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from closedset.accounts.reauth import is_recently_authenticated, reauth_redirect
from closedset.consent import forms, rider_pdf, selectors, services
from closedset.consent.models import Rider
from closedset.consent.policies import (
    can_read_consent,
    get_consent_subject_for_actor,
    get_profile_subject_for_actor,
    get_rider_for_actor,
    get_rider_subject_for_actor,
    get_scene_consents_for_actor,
)
from closedset.core.errors import NotFound, ServiceError
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access, get_production_for_actor
from closedset.rules import consent as rules
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
        "member": access.membership,
    }
    return render(request, "consent/my_scenes.html", context)


def _whose(access: Access, member: Membership) -> dict[str, Any]:
    """Whose answers a page shows, and who else may see them."""
    is_self = member.pk == access.membership.pk
    return {
        "production": access.production,
        "member": member,
        "is_self": is_self,
        "privacy": PRIVACY
        if is_self
        else f"Only {member.user.name} and the intimacy coordinators see this.",
    }


def _render_form(
    request: HttpRequest,
    access: Access,
    scene: Scene,
    member: Membership,
    *,
    submission: forms.Submission | None = None,
    error: str = "",
    error_field: str | None = None,
    status: int = 200,
) -> HttpResponse:
    view = selectors.consent_get(access=access, scene=scene, member=member)
    typed = submission.typed if submission else None
    prefilled = False
    if typed is None:
        suggested = selectors.profile_prefill(access=access, view=view)
        if suggested:
            typed, prefilled = suggested, True
    context: dict[str, Any] = {
        **_whose(access, member),
        "scene": scene,
        "view": view,
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
        "prefilled": prefilled,
        "confirm_conflicts": error_field == "confirm_profile_conflicts",
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
            confirm_profile_conflicts=submission.confirm_profile_conflicts,
        )
    except ServiceError as exc:
        return _render_form(
            request,
            access,
            scene,
            member,
            submission=submission,
            error=exc.message,
            error_field=exc.field,
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


# --- riders -----------------------------------------------------------------------------------


def _rider_document(access: Access, view: selectors.RiderView) -> rider_pdf.RiderDocument:
    status = view.status
    return rider_pdf.RiderDocument(
        production_title=access.production.title,
        performer_name=status.member.user.name,
        number=status.number,
        state=status.state_label,
        content_hash=status.content_hash,
        content=view.content,
        issued_at=status.issued_at,
        signatures=(
            rider_pdf.Signature(
                "Intimacy coordinator, one-on-one confirmation",
                view.confirmed_by,
                status.confirmed_at,
            ),
            rider_pdf.Signature("Performer", view.signed_name, status.signed_at),
            rider_pdf.Signature("Producer", view.countersigned_by, status.countersigned_at),
        ),
    )


@require_GET
@pages
def rider_detail(request: HttpRequest, member_id: uuid.UUID) -> HttpResponse:
    access, member = get_rider_subject_for_actor(request.user, member_id)
    history = selectors.rider_history(access=access, member=member)
    current = next((v for v in history if v.status.state != Rider.State.SUPERSEDED), None)
    whose = _whose(access, member)
    is_self = whose["is_self"]
    context = {
        **whose,
        "rider": current,
        "history": [v for v in history if v is not current],
        "can_prepare": access.has(Perm.CONSENT_COORDINATE),
        "can_confirm": access.has(Perm.CONSENT_COORDINATE)
        and current is not None
        and current.status.state == Rider.State.DRAFT,
        "can_sign": is_self
        and current is not None
        and current.status.state == Rider.State.CONFIRMED,
        "can_issue": access.has(Perm.CONSENT_COORDINATE)
        and current is not None
        and current.status.state == Rider.State.COUNTERSIGNED,
    }
    return render(request, "consent/rider_detail.html", context)


@require_GET
@pages
def rider_pdf_download(request: HttpRequest, member_id: uuid.UUID) -> HttpResponse:
    access, member = get_rider_subject_for_actor(request.user, member_id)
    view = selectors.rider_current(access=access, member=member)
    if view is None:
        raise NotFound()
    response = HttpResponse(
        rider_pdf.render(_rider_document(access, view)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="rider-{view.status.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _rider_action_done(request: HttpRequest, access: Access, rider: Rider) -> HttpResponse:
    if can_read_consent(access, rider.member):
        return redirect("consent:rider-detail", rider.member_id)
    return redirect("consent:rider-list", access.production.pk)


@require_POST
@pages
def rider_prepare(request: HttpRequest, member_id: uuid.UUID) -> HttpResponse:
    access, member = get_rider_subject_for_actor(request.user, member_id)
    try:
        rider = services.rider_prepare(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            member=member,
        )
    except ServiceError as exc:
        if exc.status in {403, 404}:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Rider {rider.number} is ready as a draft.")
    return redirect("consent:rider-detail", member.pk)


@require_POST
@pages
def rider_confirm(request: HttpRequest, rider_id: uuid.UUID) -> HttpResponse:
    access, rider = _rider_action(
        request,
        rider_id,
        partial(services.rider_confirm, content_hash=request.POST.get("content_hash") or None),
        "The one-on-one confirmation is recorded.",
    )
    return _rider_action_done(request, access, rider)


@require_http_methods(["GET", "POST"])
@pages
def rider_sign(request: HttpRequest, rider_id: uuid.UUID) -> HttpResponse:
    access, rider = get_rider_for_actor(request.user, rider_id)
    if rider.member_id != access.membership.pk:
        raise NotFound()
    if not is_recently_authenticated(request):
        return reauth_redirect(request)
    error = ""
    status = 200
    typed_name = ""
    if request.method == "POST":
        typed_name = request.POST.get("typed_name", "")[:200]
        try:
            services.rider_sign(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                rider=rider,
                typed_name=typed_name,
                content_hash=request.POST.get("content_hash", "")[:64],
            )
        except ServiceError as exc:
            if exc.status == 404:
                raise
            error, status = exc.message, exc.status
        else:
            messages.success(request, "You signed your rider. Thank you.")
            return redirect("consent:rider-detail", rider.member_id)
    view = selectors.rider_current(access=access, member=rider.member)
    context = {
        "production": access.production,
        "member": rider.member,
        "rider": view,
        "signable": view is not None and view.status.id == rider.pk,
        "typed_name": typed_name,
        "error": error,
    }
    return render(request, "consent/rider_sign.html", context, status=status)


def _rider_action(
    request: HttpRequest,
    rider_id: uuid.UUID,
    action: Callable[..., object],
    success: str,
) -> tuple[Any, Any]:
    """Run one rider state change; a refusal the person can act on becomes a message."""
    access, rider = get_rider_for_actor(request.user, rider_id)
    try:
        action(actor=request.user, access=access, rider=rider)
    except ServiceError as exc:
        if exc.status in {403, 404}:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, success.format(name=rider.member.user.name))
    return access, rider


@require_POST
@pages
def rider_countersign(request: HttpRequest, rider_id: uuid.UUID) -> HttpResponse:
    access, _ = _rider_action(
        request, rider_id, services.rider_countersign, "You countersigned the rider of {name}."
    )
    return redirect("consent:rider-list", access.production.pk)


@require_POST
@pages
def rider_issue(request: HttpRequest, rider_id: uuid.UUID) -> HttpResponse:
    access, rider = _rider_action(
        request, rider_id, services.rider_issue, "The rider of {name} is issued."
    )
    return _rider_action_done(request, access, rider)


@require_GET
@pages
def rider_list(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.RIDER_STATUS_VIEW, visible=Perm.RIDER_STATUS_VIEW
    )
    performers = selectors.rider_status_list(access=access)
    context = {
        "production": access.production,
        "performers": performers,
        "awaiting": [p for p in performers if p.rider and p.rider.state == Rider.State.SIGNED],
        "without_issued": [p for p in performers if not p.issued],
        "can_countersign": access.has(Perm.RIDER_COUNTERSIGN),
        "can_issue": access.has(Perm.RIDER_COUNTERSIGN) or access.has(Perm.CONSENT_COORDINATE),
        "can_read": access.has(Perm.CONSENT_VIEW_ALL),
    }
    return render(request, "consent/rider_list.html", context)


def _render_profile(
    request: HttpRequest,
    access: Access,
    member: Membership,
    *,
    submission: forms.Submission | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    view = selectors.profile_get(access=access, member=member)
    context: dict[str, Any] = {
        **_whose(access, member),
        "view": view,
        "minor": is_minor(view.age),
        "sections": forms.build_profile_sections(
            view.profile, submission.typed if submission else None, age=view.age
        ),
        "answer_choices": forms.ANSWER_CHOICES,
        "version": submission.version if submission else view.version,
        "error": error,
    }
    return render(request, "consent/profile_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@pages
def profile_edit(request: HttpRequest, member_id: uuid.UUID) -> HttpResponse:
    """A performer's boundary profile: general limits that pre-fill their scene answers."""
    access, member = get_profile_subject_for_actor(request.user, member_id)
    if request.method != "POST":
        return _render_profile(request, access, member)
    try:
        submission = forms.parse_submission(request.POST)
    except forms.FormProblem as exc:
        error = f"{exc} Nothing was saved. Reload the page and try again."
        return _render_profile(request, access, member, error=error, status=400)
    try:
        services.profile_save(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            member=member,
            answers=submission.answers,
            expected_version=submission.version,
        )
    except ServiceError as exc:
        return _render_profile(
            request, access, member, submission=submission, error=exc.message, status=exc.status
        )
    messages.success(
        request,
        "Your boundary profile is saved."
        if member.pk == access.membership.pk
        else f"The boundary profile of {member.user.name} is saved.",
    )
    return redirect("consent:profile-edit", member.pk)


@require_http_methods(["GET", "POST"])
@pages
def double_list(request: HttpRequest, scene_id: uuid.UUID, member_id: uuid.UUID) -> HttpResponse:
    """R4: doubles for content a performer withdrew; coordinators record them."""
    access, scene, member = get_consent_subject_for_actor(request.user, scene_id, member_id)
    error, status = "", 200
    if request.method == "POST":
        chosen = request.POST.getlist("double")
        try:
            items = [rules.item_to_json(rules.item_from_json(json.loads(raw))) for raw in chosen]
        except (ValueError, TypeError):
            error, status = "A choice in the form could not be read. Nothing was recorded.", 400
        else:
            try:
                services.double_record(
                    actor=request.user,  # type: ignore[arg-type]
                    access=access,
                    scene=scene,
                    member=member,
                    items=items,
                )
            except ServiceError as exc:
                error, status = exc.message, exc.status
            else:
                messages.success(request, "The double is recorded.")
                return redirect("consent:double-list", scene.pk, member.pk)
    context = {
        **_whose(access, member),
        "scene": scene,
        "doubles": selectors.doubles_get(access=access, scene=scene, member=member),
        "can_record": access.has(Perm.CONSENT_COORDINATE),
        "error": error,
    }
    return render(request, "consent/double_list.html", context, status=status)
