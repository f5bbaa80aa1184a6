from django.urls import path

from closedset.concerns import views

app_name = "concerns"

urlpatterns = [
    path("report/receipt/", views.receipt, name="receipt"),
    path("report/<str:token>/", views.report_create, name="report-create"),
    path("productions/<uuid:production_id>/report/", views.report_start, name="report-start"),
    path("productions/<uuid:production_id>/report-link/", views.report_link, name="report-link"),
    path("productions/<uuid:production_id>/concerns/", views.concern_list, name="concern-list"),
    path("concerns/<uuid:report_id>/", views.concern_detail, name="concern-detail"),
    path(
        "productions/<uuid:production_id>/ic-requests/",
        views.ic_request_list,
        name="ic-request-list",
    ),
    path(
        "ic-requests/<uuid:request_id>/answer/",
        views.ic_request_answer,
        name="ic-request-answer",
    ),
    path(
        "productions/<uuid:production_id>/adverse-actions/",
        views.adverse_action_list,
        name="adverse-action-list",
    ),
]
