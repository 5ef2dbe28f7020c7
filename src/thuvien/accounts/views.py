"""Login and logout. (Lock-out, TOTP and password reset are built on these.)"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from .permissions import public_view


@public_view
def login_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LoginView.as_view(
        template_name="accounts/login.html", redirect_authenticated_user=True
    )(request)


@public_view
def logout_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LogoutView.as_view()(request)
