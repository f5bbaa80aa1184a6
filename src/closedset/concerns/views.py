"""Concern pages: the public reporting form and receipt thread, triage, the reporting link's
QR code, requests for an intimacy coordinator, and the adverse-action record."""

from __future__ import annotations

import uuid
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from closedset.concerns import forms, selectors, services
from closedset.concerns.policies import (
    get_ic_request_for_actor,
    get_report_for_actor,
    get_scene_for_ic_request,
)
from closedset.core.errors import NotFound, ServiceError
from closedset.core.permissions import Perm
from closedset.productions.policies import get_production_for_actor
from closedset.web.errors import add_service_error, pages


def _client_address(request: HttpRequest) -> str:
    """Only for counting failed receipt attempts in memory; never stored or logged."""
    return str(request.META.get("REMOTE_ADDR", ""))


# --- the public reporting form ---------------------------------------------------------------


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the production's link reports here, with or without an account."""
    try:
        link = services.report_link_lookup(token)
    except ServiceError as exc:
        return render(
            request, "web/error.html", {"status": 404, "message": exc.message}, status=404
        )
    page = selectors.report_page(link_production=link.production, token=token, actor=request.user)
    form = forms.ReportForm(request.POST or None, members=page.members, logged_in=page.is_member)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                filed = services.report_create(
                    token=token,
                    actor=request.user if page.is_member else None,
                    kind=data["kind"],
                    subjects=form.subjects(),
                    what=data["what"],
                    wants=data["wants"],
                    when=data["when"],
                    where=data["where"],
                    scene=data["scene"],
                    identify=data["identify"],
                    contact_name=data.get("contact_name", ""),
                    contact_email=data.get("contact_email", ""),
                    may_refer=data["may_refer"],
                    address=_client_address(request),
                )
            except ServiceError as exc:
                add_service_error(form, exc, aliases={"subjects": "subject_names"})
            else:
                return render(
                    request,
                    "concerns/report_filed.html",
                    {
                        "production": link.production,
                        "filed": filed,
                        "report": filed.report,
                        "token": token,
                    },
                )
        status = 400
    context = {
        "page": page,
        "form": form,
        "kind_help": forms.KIND_HELP,
        "logged_in_member": page.is_member,
    }
    return render(request, "concerns/report_create.html", context, status=status)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def receipt(request: HttpRequest) -> HttpResponse:
    """The reporter reads their thread and answers, holding the receipt (posted each time,
    never kept in a session or cookie)."""
    form = forms.ReceiptForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "concerns/receipt.html", {"form": form})
    try:
        report = services.receipt_open(
            receipt=form.cleaned_data["receipt"], address=_client_address(request)
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return render(request, "concerns/receipt.html", {"form": form}, status=exc.status)
    error = ""
    text = request.POST.get("text", "")
    action = request.POST.get("action", "open")
    if action in {"answer", "go"}:
        try:
            report = services.reporter_answer(report=report, text=text, go=action == "go")
        except ServiceError as exc:
            error = exc.message
        else:
            text = ""
    thread = selectors.reporter_thread(report=report)
    context = {
        "thread": thread,
        "receipt": form.cleaned_data["receipt"],
        "text": text,
        "error": error,
        "sent": action in {"answer", "go"} and not error,
    }
    return render(request, "concerns/receipt_thread.html", context, status=400 if error else 200)


@require_GET
@pages
def report_start(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    """A member's way in to the reporting form of their production."""
    access = get_production_for_actor(request.user, production_id, need=Perm.CONCERN_REPORT)
    link = services.report_link_get_or_create(production=access.production)
    return redirect("concerns:report-create", link.token)


@require_GET
@pages
def report_link(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    """The reporting link and its QR code, for the call sheet."""
    access = get_production_for_actor(
        request.user,
        production_id,
        need=Perm.CONCERN_REPORT_LINK,
        visible=Perm.CONCERN_REPORT_LINK,
    )
    token = selectors.report_token(access=access) or ""
    url = request.build_absolute_uri(reverse("concerns:report-create", args=[token]))
    qr = segno.make(url, error="m")
    context = {
        "production": access.production,
        "url": url,
        "qr": qr.svg_data_uri(scale=6, border=2),
    }
    return render(request, "concerns/report_link.html", context)


# --- triage ---------------------------------------------------------------------------------


@require_GET
@pages
def concern_list(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.CONCERN_TRIAGE, visible=Perm.CONCERN_TRIAGE
    )
    reports = selectors.report_list(access=access)
    return render(
        request,
        "concerns/concern_list.html",
        {"production": access.production, "reports": reports},
    )


@require_http_methods(["GET", "POST"])
@pages
def concern_detail(request: HttpRequest, report_id: uuid.UUID) -> HttpResponse:
    access, report = get_report_for_actor(request.user, report_id)
    form = forms.TriageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.concern_update(
                    actor=request.user,
                    access=access,
                    report=report,
                    state=data["state"] or None,
                    note=data["note"],
                    reply=data["reply"],
                    referral=data["referral"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, "Saved.")
                return redirect("concerns:concern-detail", report.pk)
        else:
            status = 400
    view = selectors.concern_get(access=access, report=report)
    context = {"production": access.production, "view": view, "form": form}
    return render(request, "concerns/concern_detail.html", context, status=status)


# --- requests for an intimacy coordinator ----------------------------------------------------


def _scene_choices(scenes: list[Any]) -> list[tuple[str, str]]:
    return [(str(s.pk), f"{s.number or s.ordinal}. {s.heading} (page {s.page})") for s in scenes]


@require_http_methods(["GET", "POST"])
@pages
def ic_request_list(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(request.user, production_id)
    can_make = access.has(Perm.IC_REQUEST_MAKE)
    can_answer = access.has(Perm.IC_REQUEST_ANSWER)
    if not (can_make or can_answer):
        raise NotFound()
    scenes = _scene_choices(selectors.my_scenes(access=access)) if can_make else []
    form = forms.ICRequestForm(request.POST or None, scenes=scenes) if can_make else None
    status = 200
    if request.method == "POST":
        if form is None:
            return render(
                request,
                "web/error.html",
                {"status": 403, "message": "Your role does not make requests."},
                status=403,
            )
        if form.is_valid():
            try:
                scene_access, scene = get_scene_for_ic_request(
                    request.user, form.cleaned_data["scene"]
                )
                services.ic_request_create(
                    actor=request.user,
                    access=scene_access,
                    scene=scene,
                    note=form.cleaned_data["note"],
                    on_behalf_of=form.cleaned_data["on_behalf_of"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, "Your request was sent. The production must answer it.")
                return redirect("concerns:ic-request-list", access.production.pk)
        else:
            status = 400
    context = {
        "production": access.production,
        "requests": selectors.ic_request_list(access=access),
        "form": form,
        "can_answer": can_answer,
        "answer_form": forms.ICAnswerForm() if can_answer else None,
    }
    return render(request, "concerns/ic_request_list.html", context, status=status)


@require_POST
@pages
def ic_request_answer(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    access, ic_request = get_ic_request_for_actor(request.user, request_id)
    form = forms.ICAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.ic_request_answer(
                actor=request.user,
                access=access,
                request=ic_request,
                answer=form.cleaned_data["answer"],
                response=form.cleaned_data["response"],
            )
        except ServiceError as exc:
            if exc.status in {403, 404}:
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, "Your answer is recorded and the performer was told.")
    else:
        messages.error(request, "Choose an answer and write your response, then send it.")
    return redirect("concerns:ic-request-list", access.production.pk)


# --- adverse actions -------------------------------------------------------------------------


@require_GET
@pages
def adverse_action_list(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user,
        production_id,
        need=Perm.ADVERSE_ACTION_VIEW,
        visible=Perm.ADVERSE_ACTION_VIEW,
    )
    return render(
        request,
        "concerns/adverse_action_list.html",
        {"production": access.production, "records": selectors.adverse_action_list(access=access)},
    )
