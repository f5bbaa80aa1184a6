"""Shoot-day pages: the readiness board, the schedule, a scene's day on the phone, the roster,
the door sheet. Large targets, no reasons asked, the pause reaching everyone within two seconds."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from closedset.choreography.policies import department_brief_kind
from closedset.core.errors import ServiceError
from closedset.core.permissions import Perm
from closedset.productions.policies import Access, get_production_for_actor
from closedset.shoot import forms, ics, selectors, services
from closedset.shoot.models import Entry, PerformerCheckIn
from closedset.shoot.policies import (
    can_pause,
    entry_scene,
    get_day_for_actor,
    get_entry_by_id_for_actor,
    get_entry_for_actor,
    get_entry_for_checkin,
    is_cast,
    is_rostered,
)
from closedset.web.errors import add_service_error, pages

PAUSED = "Paused — the intimacy coordinator is checking in"


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_GET
@pages
def readiness(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.READINESS_VIEW, visible=Perm.READINESS_VIEW
    )
    error = ""
    try:
        start, end = selectors.board_range(
            _date(request.GET.get("from")), _date(request.GET.get("to"))
        )
    except ValueError as exc:
        error = str(exc)
        start, end = selectors.board_range(None, None)
    board = selectors.readiness_board(access=access, start=start, end=end)
    context = {
        "production": access.production,
        "board": board,
        "start": start,
        "end": end,
        "error": error,
        "not_ready": sum(1 for d in board for e in d.entries if not e.ready),
        "can_schedule": access.has(Perm.SCHEDULE_EDIT),
    }
    return render(request, "shoot/readiness.html", context)


def _schedule_context(access: Access, **forms_: Any) -> dict[str, Any]:
    scenes = selectors.schedulable_scenes(access=access)
    choices = [(str(s.pk), f"{s.number or s.ordinal}. {s.heading}") for s in scenes]
    return {
        "production": access.production,
        "days": selectors.schedule_list(access=access),
        "day_form": forms_.get("day_form") or forms.DayForm(),
        "entry_form": forms_.get("entry_form") or forms.EntryForm(scenes=choices),
        "entry_form_day": forms_.get("entry_form_day"),
        "scene_choices": choices,
        "effort_form": forms_.get("effort_form") or forms.BestEffortForm(),
        "can_schedule": access.has(Perm.SCHEDULE_EDIT),
    }


@require_GET
@pages
def schedule(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.READINESS_VIEW, visible=Perm.READINESS_VIEW
    )
    return render(request, "shoot/schedule.html", _schedule_context(access))


@require_POST
@pages
def day_create(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.SCHEDULE_EDIT, visible=Perm.READINESS_VIEW
    )
    form = forms.DayForm(request.POST)
    if form.is_valid():
        try:
            day = services.day_create(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                day=form.cleaned_data["date"],
                call_time=form.cleaned_data["call_time"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Shoot day {day.date.isoformat()} added.")
            return redirect("shoot:schedule", access.production.pk)
    context = _schedule_context(access, day_form=form)
    return render(request, "shoot/schedule.html", context, status=400)


@require_POST
@pages
def entry_create(request: HttpRequest, day_id: uuid.UUID) -> HttpResponse:
    access, day = get_day_for_actor(request.user, day_id)
    scenes = selectors.schedulable_scenes(access=access)
    form = forms.EntryForm(
        request.POST, scenes=[(str(s.pk), f"{s.number or s.ordinal}. {s.heading}") for s in scenes]
    )
    if form.is_valid():
        try:
            services.entry_schedule(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                day=day,
                scene=selectors.scene_for_schedule(
                    access=access, scene_id=form.cleaned_data["scene"]
                ),
                kind=form.cleaned_data["kind"],
                third_adult=form.cleaned_data["third_adult"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Scene added to {day.date.isoformat()}.")
            return redirect("shoot:schedule", access.production.pk)
    context = _schedule_context(access, entry_form=form, entry_form_day=day.pk)
    return render(request, "shoot/schedule.html", context, status=400)


@require_POST
@pages
def entry_delete(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_by_id_for_actor(request.user, entry_id)
    try:
        services.entry_unschedule(actor=request.user, access=access, entry=entry)  # type: ignore[arg-type]
    except ServiceError as exc:
        if exc.status in {403, 404}:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, "Scene taken off the day.")
    return redirect("shoot:schedule", access.production.pk)


@require_POST
@pages
def best_effort_create(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(
        request.user, production_id, need=Perm.SCHEDULE_EDIT, visible=Perm.READINESS_VIEW
    )
    form = forms.BestEffortForm(request.POST)
    if form.is_valid():
        try:
            services.best_effort_record(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                tried_on=form.cleaned_data["tried_on"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The best-efforts attempt is recorded (R7).")
            return redirect("shoot:schedule", access.production.pk)
    context = _schedule_context(access, effort_form=form)
    return render(request, "shoot/schedule.html", context, status=400)


@require_GET
@pages
def my_days(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(request.user, production_id)
    context = {
        "production": access.production,
        "entries": selectors.my_entries(access=access),
        "closed_sets": selectors.todays_closed_sets(access=access),
        "can_board": access.has(Perm.READINESS_VIEW),
    }
    return render(request, "shoot/my_days.html", context)


# --- one scene's day ---------------------------------------------------------------------------


def _state_context(access: Access, entry: Entry, *, fresh: bool = True) -> dict[str, Any]:
    return {
        "entry": entry,
        "state": selectors.entry_state(access=access, entry=entry, fresh=fresh),
        "can_resume": access.has(Perm.SCENE_RESUME),
        "paused_text": PAUSED,
    }


@require_GET
@pages
def entry_detail(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    performer = is_cast(access, entry)
    state = _state_context(access, entry, fresh=False)
    filmed = state["state"].filmed
    context = {
        **state,
        "production": access.production,
        "scene": entry_scene(entry),
        "call": services.call_instant(entry.day, access.production.time_zone),
        "roster": selectors.roster_list(entry=entry),
        "refused": selectors.refused_count(entry=entry) if access.has(Perm.ROSTER_EDIT) else 0,
        "is_performer": performer,
        "is_rostered": is_rostered(access, entry),
        "in_set": selectors.my_set_checkin(access=access, entry=entry),
        "can_pause": can_pause(access, entry),
        "can_roster": access.has(Perm.ROSTER_EDIT),
        "can_film": access.has(Perm.SCENE_MARK_FILMED) and entry.kind == Entry.Kind.SHOOT,
        "can_board": access.has(Perm.READINESS_VIEW),
        "debrief_form": forms.DebriefForm() if performer and filmed else None,
        "my_debrief": selectors.my_debrief(access=access, entry=entry) if performer else None,
        "debriefs": selectors.debrief_list(access=access, entry=entry)
        if access.has(Perm.CONSENT_VIEW_ALL) and filmed
        else None,
        "readiness": selectors.entry_readiness(entry) if access.has(Perm.READINESS_VIEW) else None,
        "department_brief": department_brief_kind(access, entry),
    }
    return render(request, "shoot/entry_detail.html", context)


@require_GET
@pages
def entry_state(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    """The small piece the day page polls every second."""
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    context = _state_context(access, entry, fresh=False)  # the entry was just read
    response = render(request, "shoot/partials/_state.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _back(request: HttpRequest, access: Access, entry: Entry) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        return render(request, "shoot/partials/_state.html", _state_context(access, entry))
    return redirect("shoot:entry-detail", entry.scene_id, entry.day_id)


def _act(request: HttpRequest, action: Any, success: str, **kwargs: Any) -> str | None:
    try:
        action(actor=request.user, **kwargs)
    except ServiceError as exc:
        if exc.status == 404:
            raise
        messages.error(request, exc.message)
        return exc.message
    if success:
        messages.success(request, success)
    return None


@require_POST
@pages
def pause(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    _act(request, services.scene_pause, "", access=access, entry=entry)
    return _back(request, access, entry)


@require_POST
@pages
def resume(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    _act(
        request,
        services.scene_resume,
        "Resumed.",
        access=access,
        entry=entry,
        checked_in=request.POST.get("checked_in") == "yes",
    )
    return _back(request, access, entry)


@require_POST
@pages
def performer_checkin(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    outcome = request.POST.get("outcome", "")
    done = (
        "Thank you. You re-confirmed for today."
        if outcome == PerformerCheckIn.Outcome.CONFIRMED
        else ""
    )
    error = _act(
        request, services.performer_check_in, done, access=access, entry=entry, outcome=outcome
    )
    if error is None and outcome == PerformerCheckIn.Outcome.CHANGED:
        messages.success(
            request,
            "Change what you need below. Your intimacy coordinator re-plans the scene with you.",
        )
        return redirect("consent:consent-edit", entry.scene_id, access.membership.pk)
    return redirect("shoot:entry-detail", entry.scene_id, entry.day_id)


@require_POST
@pages
def set_checkin(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_checkin(request.user, scene_id, day_id)
    try:
        services.set_check_in(
            actor=request.user,  # type: ignore[arg-type]
            access=access,
            entry=entry,
            no_recording_devices=request.POST.get("no_recording_devices") == "yes",
        )
    except ServiceError as exc:
        if exc.status == 404:
            raise
        messages.error(request, exc.message)
        if exc.status == 403:
            return redirect("shoot:my-days", access.production.pk)
    else:
        messages.success(request, "You are checked in to the closed set.")
    return redirect("shoot:entry-detail", entry.scene_id, entry.day_id)


@require_POST
@pages
def filmed(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    _act(
        request,
        services.scene_mark_filmed,
        "Marked filmed. The consent versions in force are kept with the footage.",
        access=access,
        entry=entry,
    )
    return redirect("shoot:entry-detail", entry.scene_id, entry.day_id)


@require_POST
@pages
def debrief(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    form = forms.DebriefForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how you are; the note is optional.")
    else:
        _act(
            request,
            services.debrief_answer,
            "Thank you. Only you and your intimacy coordinator see this.",
            access=access,
            entry=entry,
            feeling=form.cleaned_data["feeling"],
            note=form.cleaned_data["note"],
        )
    return redirect("shoot:entry-detail", entry.scene_id, entry.day_id)


@require_POST
@pages
def debrief_check(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    access.require(Perm.CONSENT_COORDINATE)
    member = selectors.cast_member(entry=entry, member_id=request.POST.get("member", ""))
    _act(
        request,
        services.debrief_check,
        f"Checked in with {member.user.name}.",
        access=access,
        entry=entry,
        member=member,
    )
    return redirect("shoot:entry-detail", entry.scene_id, entry.day_id)


@require_GET
@pages
def entry_sheet(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    """The printable closed-set sheet for the door: who may enter, where; nothing private."""
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    access.require(Perm.ROSTER_EDIT)
    context = {
        "production": access.production,
        "entry": entry,
        "scene": entry_scene(entry),
        "call": services.call_instant(entry.day, access.production.time_zone),
        "roster": selectors.roster_list(entry=entry),
    }
    return render(request, "shoot/entry_sheet.html", context)


@require_http_methods(["GET", "POST"])
@pages
def roster_edit(request: HttpRequest, scene_id: uuid.UUID, day_id: uuid.UUID) -> HttpResponse:
    access, entry = get_entry_for_actor(request.user, scene_id, day_id)
    access.require(Perm.ROSTER_EDIT)
    members = selectors.production_members(access=access)
    current = {str(line.member.pk): line for line in selectors.roster_list(entry=entry)}
    error = ""
    if request.method == "POST":
        rows = []
        for key in request.POST.getlist("member"):
            rows.append(
                services.RosterRow(
                    member_id=key,
                    on_set=request.POST.get(f"on_set_{key}") == "yes",
                    at_monitors=request.POST.get(f"at_monitors_{key}") == "yes",
                    stills=request.POST.get(f"stills_{key}") == "yes",
                )
            )
        try:
            services.roster_set(
                actor=request.user,  # type: ignore[arg-type]
                access=access,
                entry=entry,
                rows=rows,
            )
        except ServiceError as exc:
            if exc.status in {403, 404}:
                raise
            error = exc.message
        else:
            messages.success(request, "The closed-set roster is saved.")
            return redirect("shoot:entry-detail", entry.scene_id, entry.day_id)
    context = {
        "production": access.production,
        "entry": entry,
        "scene": entry_scene(entry),
        "members": [(m, current.get(str(m.pk))) for m in members],
        "stills_allowed": services.stills_allowed(entry),
        "error": error,
    }
    return render(request, "shoot/roster_edit.html", context, status=400 if error else 200)


# --- calendar export ---------------------------------------------------------------------------


def _calendar_page(
    request: HttpRequest, access: Access, token: str | None = None, status: int = 200
) -> HttpResponse:
    url = (
        request.build_absolute_uri(reverse("shoot:calendar-feed", args=[token])) if token else None
    )
    context = {
        "production": access.production,
        "has_link": selectors.calendar_link_exists(access=access),
        "url": url,
    }
    response = render(request, "shoot/calendar.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@pages
def calendar(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(request.user, production_id)
    return _calendar_page(request, access)


@require_POST
@pages
def calendar_create(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    """Create (or re-create) the link and show it this once: only its hash is kept."""
    access = get_production_for_actor(request.user, production_id)
    token = services.calendar_link_create(actor=request.user, access=access)  # type: ignore[arg-type]
    return _calendar_page(request, access, token)


@require_POST
@pages
def calendar_revoke(request: HttpRequest, production_id: uuid.UUID) -> HttpResponse:
    access = get_production_for_actor(request.user, production_id)
    if services.calendar_link_revoke(actor=request.user, access=access):  # type: ignore[arg-type]
        messages.success(request, "Calendar link revoked: the old address no longer works.")
    return redirect("shoot:calendar", access.production.pk)


@login_not_required
@require_GET
@pages
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public, by a private link: the holder's own scheduled scenes as an RFC 5545 calendar."""
    name, events = selectors.calendar_for_token(token)
    body = ics.calendar(name, events, stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="shoot-days.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
