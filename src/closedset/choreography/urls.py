from django.urls import path

from closedset.choreography import views

app_name = "choreography"

urlpatterns = [
    path(
        "scenes/<uuid:scene_id>/choreography/",
        views.choreography_edit,
        name="choreography-edit",
    ),
    path("scenes/<uuid:scene_id>/choreography/beats/", views.beat_change, name="beat-change"),
    path("scenes/<uuid:scene_id>/choreography/check/", views.beat_check, name="beat-check"),
    path(
        "scenes/<uuid:scene_id>/choreography/approve/",
        views.choreography_approve,
        name="choreography-approve",
    ),
    path("scenes/<uuid:scene_id>/container/", views.container_page, name="container"),
    path("scenes/<uuid:scene_id>/brief/", views.brief_page, name="brief"),
    path("scenes/<uuid:scene_id>/brief.pdf", views.brief_pdf_download, name="brief-pdf"),
    path("scenes/<uuid:scene_id>/reconfirm/", views.reconfirm, name="reconfirm"),
]
urlpatterns += [
    path(
        "scenes/<uuid:scene_id>/days/<uuid:day_id>/department-brief/",
        views.department_brief_page,
        name="department-brief",
    ),
    path(
        "scenes/<uuid:scene_id>/days/<uuid:day_id>/department-brief.pdf",
        views.department_brief_pdf,
        name="department-brief-pdf",
    ),
]
urlpatterns += [
    path("scenes/<uuid:scene_id>/intent/", views.intent_edit, name="intent-edit"),
]
