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

urlpatterns += [
    path(
        "scenes/<uuid:scene_id>/consent/<uuid:member_id>/doubles/",
        views.double_list,
        name="double-list",
    ),
    path("members/<uuid:member_id>/boundaries/", views.profile_edit, name="profile-edit"),
    path("members/<uuid:member_id>/rider/", views.rider_detail, name="rider-detail"),
    path("members/<uuid:member_id>/rider.pdf", views.rider_pdf_download, name="rider-pdf"),
    path("members/<uuid:member_id>/rider/prepare/", views.rider_prepare, name="rider-prepare"),
    path("riders/<uuid:rider_id>/confirm/", views.rider_confirm, name="rider-confirm"),
    path("riders/<uuid:rider_id>/sign/", views.rider_sign, name="rider-sign"),
    path("riders/<uuid:rider_id>/countersign/", views.rider_countersign, name="rider-countersign"),
    path("riders/<uuid:rider_id>/issue/", views.rider_issue, name="rider-issue"),
    path("productions/<uuid:production_id>/riders/", views.rider_list, name="rider-list"),
]
