from django.urls import path

from closedset.productions import views

app_name = "productions"

urlpatterns = [
    path("productions/new/", views.production_create, name="production-create"),
    path("productions/<uuid:production_id>/", views.production_detail, name="production-detail"),
    path(
        "productions/<uuid:production_id>/invitations/",
        views.invitation_create,
        name="invitation-create",
    ),
    path(
        "invitations/<uuid:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invite/<str:secret>/", views.invitation_accept, name="invitation-accept"),
    path("members/<uuid:member_id>/manage/", views.member_manage, name="member-manage"),
]
