from django.urls import path

from closedset.shoot import views

app_name = "shoot"

DAY = "scenes/<uuid:scene_id>/days/<uuid:day_id>/"

urlpatterns = [
    path("productions/<uuid:production_id>/readiness/", views.readiness, name="readiness"),
    path("productions/<uuid:production_id>/schedule/", views.schedule, name="schedule"),
    path("productions/<uuid:production_id>/schedule/days/", views.day_create, name="day-create"),
    path(
        "productions/<uuid:production_id>/best-efforts/",
        views.best_effort_create,
        name="best-effort-create",
    ),
    path("shoot-days/<uuid:day_id>/scenes/", views.entry_create, name="entry-create"),
    path("shoot-entries/<uuid:entry_id>/delete/", views.entry_delete, name="entry-delete"),
    path("productions/<uuid:production_id>/shoot-days/", views.my_days, name="my-days"),
    path(DAY, views.entry_detail, name="entry-detail"),
    path(DAY + "state/", views.entry_state, name="entry-state"),
    path(DAY + "sheet/", views.entry_sheet, name="entry-sheet"),
    path(DAY + "roster/", views.roster_edit, name="roster-edit"),
    path(DAY + "checkin/", views.performer_checkin, name="entry-checkin"),
    path(DAY + "closed-set/", views.set_checkin, name="entry-set-checkin"),
    path(DAY + "pause/", views.pause, name="entry-pause"),
    path(DAY + "resume/", views.resume, name="entry-resume"),
    path(DAY + "filmed/", views.filmed, name="entry-filmed"),
    path(DAY + "debrief/", views.debrief, name="entry-debrief"),
    path(DAY + "debrief/check/", views.debrief_check, name="entry-debrief-check"),
    path("productions/<uuid:production_id>/calendar/", views.calendar, name="calendar"),
    path(
        "productions/<uuid:production_id>/calendar/new/",
        views.calendar_create,
        name="calendar-create",
    ),
    path(
        "productions/<uuid:production_id>/calendar/revoke/",
        views.calendar_revoke,
        name="calendar-revoke",
    ),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
