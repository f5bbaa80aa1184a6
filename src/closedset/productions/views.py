"""Production pages: create, members, invitations, and accepting an invitation."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from closedset.accounts.reauth import is_recently_authenticated, reauth_redirect
from closedset.core.errors import ServiceError
from closedset.core.permissions import Perm
from closedset.productions import selectors, services
from closedset.productions.forms import (
    AcceptInvitationForm,
    InvitationForm,
    MemberRolesForm,
    ProductionForm,
    RemoveMemberForm,
)
from closedset.productions.policies import (
    get_invitation_for_actor,
    get_member_for_actor,
    get_production_for_actor,
)
from closedset.web.errors import add_service_error, pages


@require_http_methods(["GET", "POST"])
def production_create(request: HttpRequest) -> HttpResponse:
    form = ProductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            production = services.production_create(
                actor=request.user,  # type: ignore[arg-type]
                title=form.cleaned_data["title"],
                company=form.cleaned_data["company"],
                time_zone=form.cleaned_data["time_zone"],
                creator_roles=[form.cleaned_data["my_role"]],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{production.title} was created.")
            return redirect("productions:production-detail", production.pk)
    return render(request, "productions/production_create.html", {"form": form})


@require_GET
@pages
def production_detail(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(request.user, production_id)
    context = {
        "access": access,
        "production": access.production,
        "members": selectors.member_list(access=access),
        "can_invite": access.has(Perm.MEMBERS_INVITE),
        "can_view_scripts": access.has(Perm.SCRIPT_VIEW),
        "can_answer_consent": access.has(Perm.CONSENT_EDIT_OWN),
        "can_view_riders": access.has(Perm.RIDER_STATUS_VIEW),
        "can_view_readiness": access.has(Perm.READINESS_VIEW),
        "invitations": selectors.invitation_list(access=access)
        if access.has(Perm.MEMBERS_INVITE)
        else [],
        "form": InvitationForm() if access.has(Perm.MEMBERS_INVITE) else None,
        "can_manage": access.has(Perm.MEMBERS_MANAGE),
    }
    return render(request, "productions/production_detail.html", context)


@require_http_methods(["GET", "POST"])
@pages
def invitation_create(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(request.user, production_id, need=Perm.MEMBERS_INVITE)
    form = InvitationForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.invitation_create(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                name=form.cleaned_data["name"],
                department=form.cleaned_data["department"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            form = InvitationForm()
    return render(
        request,
        "productions/invitation_create.html",
        {"production": access.production, "form": form, "issued": issued},
    )


@require_POST
@pages
def invitation_revoke(request: HttpRequest, invitation_id: uuid.UUID) -> HttpResponse:
    access, invitation = get_invitation_for_actor(request.user, invitation_id)
    services.invitation_revoke(actor=request.user, access=access, invitation=invitation)  # type: ignore[arg-type]
    messages.success(request, f"The invitation for {invitation.email} was withdrawn.")
    return redirect("productions:production-detail", access.production.pk)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, secret: str) -> HttpResponse:
    """Open to anyone holding the link: join as the logged-in person or create the account."""
    try:
        invitation = services.invitation_lookup(secret)
    except ServiceError as exc:
        return render(
            request,
            "web/error.html",
            {"status": exc.status, "message": exc.message},
            status=exc.status,
        )
    user = request.user
    # Bound on every POST, even an empty one: a logged-in person's "Join" sends no fields,
    # and a refusal is then added to the form as an error.
    data = request.POST if request.method == "POST" else None
    form = AcceptInvitationForm(data, initial={"name": invitation.name})
    account_exists = services.invited_account_exists(invitation)
    if request.method == "POST":
        try:
            if user.is_authenticated:
                membership = services.invitation_accept(secret=secret, user=user)
            elif form.is_valid():
                membership = services.invitation_accept(
                    secret=secret,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                membership = None
        except ServiceError as exc:
            add_service_error(form, exc, aliases={"password": "password1"})
            membership = None
        if membership is not None:
            messages.success(request, f"Welcome to {invitation.production.title}.")
            return redirect("productions:production-detail", invitation.production_id)
    return render(
        request,
        "productions/invitation_accept.html",
        {"invitation": invitation, "form": form, "account_exists": account_exists},
    )


@require_http_methods(["GET", "POST"])
@pages
def member_manage(request: HttpRequest, member_id: uuid.UUID) -> HttpResponse:
    """Change a member's roles or remove them (with the adverse-action check)."""
    access, member = get_member_for_actor(request.user, member_id, need=Perm.MEMBERS_MANAGE)
    if not is_recently_authenticated(request):
        return reauth_redirect(request)
    current = [r.role for r in member.roles.all()]
    roles_form = MemberRolesForm(
        request.POST if request.POST.get("action") == "roles" else None,
        initial={"roles": current},
        prefix="roles",
    )
    remove_form = RemoveMemberForm(
        request.POST if request.POST.get("action") == "remove" else None, prefix="remove"
    )
    status = 200
    if request.method == "POST":
        form = roles_form if request.POST.get("action") == "roles" else remove_form
        if form.is_valid():
            try:
                if form is roles_form:
                    services.member_set_roles(
                        actor=request.user,  # type: ignore[arg-type]
                        access=access,
                        member=member,
                        roles=form.cleaned_data["roles"],
                        justification=form.cleaned_data["justification"],
                    )
                    messages.success(request, f"{member.user.name}'s roles were changed.")
                    return redirect("productions:member-manage", member.pk)
                services.member_remove(
                    actor=request.user,  # type: ignore[arg-type]
                    access=access,
                    member=member,
                    justification=form.cleaned_data["justification"],
                )
            except ServiceError as exc:
                if exc.status == 404:
                    raise
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, f"{member.user.name} was removed from the production.")
                return redirect("productions:production-detail", access.production.pk)
        else:
            status = 400
    context = {
        "production": access.production,
        "member": member,
        "roles_form": roles_form,
        "remove_form": remove_form,
    }
    return render(request, "productions/member_manage.html", context, status=status)
