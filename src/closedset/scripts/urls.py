from django.urls import path

from closedset.scripts import views

app_name = "scripts"

urlpatterns = [
    path("productions/<uuid:production_id>/scripts/", views.script_list, name="script-list"),
    path("scripts/<uuid:script_id>/", views.script_detail, name="script-detail"),
    path("scripts/<uuid:script_id>/revisions/", views.revision_upload, name="revision-upload"),
    path("scripts/<uuid:script_id>/cast/", views.script_cast, name="script-cast"),
    path("scenes/<uuid:scene_id>/", views.scene_detail, name="scene-detail"),
    path("scenes/<uuid:scene_id>/flags/", views.scene_flags, name="scene-flags"),
]
