"""Log in (with the TOTP step), log out, second factor, password reset and change."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("two-factor/", views.totp_verify_view, name="totp-verify"),
    path("two-factor/setup/", views.totp_enrol_view, name="totp-enrol"),
    path("two-factor/recovery-codes/", views.recovery_codes_view, name="recovery-codes"),
    path("password/reset/", views.password_reset_view, name="password-reset"),
    path("password/reset/sent/", views.password_reset_done_view, name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm_view,
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        views.password_reset_complete_view,
        name="password-reset-complete",
    ),
    path("password/change/", views.password_change_view, name="password-change"),
    path("password/change/done/", views.password_change_done_view, name="password-change-done"),
]
