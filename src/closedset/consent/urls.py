from django.urls import path

from closedset.consent import views

app_name = "consent"

urlpatterns = [
    path("productions/<uuid:production_id>/my-scenes/", views.my_scenes, name="my-scenes"),
    path(
        "scenes/<uuid:scene_id>/consent/<uuid:member_id>/",
        views.consent_edit,
        name="consent-edit",
    ),
    path(
        "scenes/<uuid:scene_id>/consent/<uuid:member_id>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("scenes/<uuid:scene_id>/consents/", views.scene_consents, name="scene-consents"),
]
