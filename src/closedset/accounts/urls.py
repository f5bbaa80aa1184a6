from django.urls import path

from closedset.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password-change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("security/", views.security, name="security"),
    path("security/two-factor/off/", views.otp_disable, name="otp-disable"),
    path("code/", views.otp_verify, name="otp-verify"),
    path("confirm/", views.reauth, name="reauth"),
]
