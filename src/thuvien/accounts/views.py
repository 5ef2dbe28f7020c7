"""Login (with lock-out and the TOTP step), logout, TOTP enrolment, password reset and change.

The second factor: a person with TOTP enrolled is NOT logged in after the password; the session
only remembers who is pending, and ``auth.login`` happens after a valid code, which also sets
the session flag ``totp.SESSION_VERIFIED``. ``TwoFactorMiddleware`` keeps network
administrators out of /staff/ and /admin/ until that flag is set (enrolling sets it too).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from . import totp
from .backends import is_network_admin
from .errors import AccountsError
from .forms import (
    LoginForm,
    QueuedPasswordResetForm,
    ResetSetPasswordForm,
    TotpCodeForm,
    locked_message,
)
from .permissions import login_required_view, public_view, staff_access
from .security import (
    account_is_locked,
    login_success_record,
    second_factor_failure_record,
)
from .services import (
    recovery_code_use,
    recovery_codes_generate,
    recovery_codes_left,
    totp_disable,
    totp_enable,
)


def _safe_next(request: HttpRequest, value: str | None, default: str = "") -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default or settings.LOGIN_REDIRECT_URL


def totp_required_for(user: Any) -> bool:
    return bool(getattr(settings, "THUVIEN_REQUIRE_TOTP_FOR_NETWORK_ADMINS", True)) and (
        is_network_admin(user)
    )


class ThuvienLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """Staff land on their dashboard, readers on the portal."""
        user = getattr(self.request, "user", None)
        candidate = getattr(self, "_logging_in", None) or user
        if candidate is not None and staff_access(candidate).is_staff_anywhere:
            return "/staff/"
        return super().get_default_redirect_url()

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        self._logging_in = user
        if user.has_totp:
            # Password proved; the second factor decides. Not logged in yet.
            self.request.session[totp.SESSION_PENDING_USER] = user.pk
            self.request.session[totp.SESSION_PENDING_BACKEND] = user.backend
            self.request.session[totp.SESSION_PENDING_NEXT] = self.get_success_url()
            return redirect("accounts:totp-verify")
        login(self.request, user)
        if totp_required_for(user):  # the enrolment page says why
            return HttpResponseRedirect(
                reverse("accounts:totp-enrol") + "?" + urlencode({"next": self.get_success_url()})
            )
        return HttpResponseRedirect(self.get_success_url())


login_view = public_view(ThuvienLoginView.as_view())


@public_view
def logout_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LogoutView.as_view()(request)


@public_view
@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def totp_verify_view(request: HttpRequest) -> HttpResponse:
    """The second step of the login, or re-verification of an already logged-in session."""
    user_model = get_user_model()
    pending_id = request.session.get(totp.SESSION_PENDING_USER)
    if request.user.is_authenticated:
        user, backend = request.user, None
        next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    elif pending_id:
        user = user_model.objects.filter(pk=pending_id, is_active=True).first()
        backend = request.session.get(totp.SESSION_PENDING_BACKEND)
        next_url = request.session.get(totp.SESSION_PENDING_NEXT) or settings.LOGIN_REDIRECT_URL
    else:
        user = None
    if user is None or not user.has_totp:
        return redirect("accounts:login")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if account_is_locked(user):
            form.add_error(None, locked_message(user))
        elif totp.totp_consume(user, form.cleaned_data["code"]) or recovery_code_use(
            user=user, code=form.cleaned_data["code"]
        ):
            for key in (
                totp.SESSION_PENDING_USER,
                totp.SESSION_PENDING_BACKEND,
                totp.SESSION_PENDING_NEXT,
            ):
                request.session.pop(key, None)
            if not request.user.is_authenticated:
                login(request, user, backend=backend)
            login_success_record(user=user)
            request.session[totp.SESSION_VERIFIED] = True
            return HttpResponseRedirect(next_url)
        elif second_factor_failure_record(user=user):
            form.add_error(None, locked_message(user))
        else:
            form.add_error("code", _("Mã xác thực không đúng."))
    return render(request, "accounts/totp_verify.html", {"form": form, "next": next_url})


@login_required_view
@sensitive_post_parameters("code")
@never_cache
def totp_enrol_view(request: HttpRequest) -> HttpResponse:
    """Show a new secret (text + locally drawn QR code); store it once a code proves it."""
    user = request.user
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"), "/staff/")
    form = TotpCodeForm(request.POST or None)
    if user.has_totp:
        if request.method == "POST" and form.is_valid():
            if not totp.totp_consume(user, form.cleaned_data["code"]):
                form.add_error("code", _("Mã xác thực không đúng."))
            else:
                totp_disable(user=user, actor=user)
                request.session.pop(totp.SESSION_VERIFIED, None)
                messages.success(request, _("Đã tắt xác thực hai bước."))
                return redirect("accounts:totp-enrol")
        return render(
            request,
            "accounts/totp_enrol.html",
            {
                "form": form,
                "enrolled": True,
                "required": totp_required_for(user),
                "codes_left": recovery_codes_left(user=user),
            },
        )
    secret = request.session.get(totp.SESSION_ENROL_SECRET) or totp.totp_new_secret()
    request.session[totp.SESSION_ENROL_SECRET] = secret
    if request.method == "POST" and form.is_valid():
        try:
            totp_enable(user=user, secret=secret, code=form.cleaned_data["code"])
        except AccountsError as exc:
            form.add_error("code", exc.message)
        else:
            request.session.pop(totp.SESSION_ENROL_SECRET, None)
            request.session[totp.SESSION_VERIFIED] = True
            # The recovery codes are shown once, on the next page, then forgotten.
            request.session[totp.SESSION_NEW_RECOVERY_CODES] = recovery_codes_generate(
                user=user, actor=user
            )
            messages.success(request, _("Đã bật xác thực hai bước."))
            codes_page = reverse("accounts:recovery-codes")
            return redirect(codes_page + "?" + urlencode({"next": next_url}))
    uri = totp.totp_uri(secret=secret, account=user.username)
    return render(
        request,
        "accounts/totp_enrol.html",
        {
            "form": form,
            "enrolled": False,
            "secret": secret,
            "secret_grouped": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": mark_safe(totp.totp_qr_svg(uri)),  # noqa: S308 - generated by segno
            "next": next_url,
            "required": totp_required_for(user),
        },
    )


@login_required_view
@sensitive_post_parameters("code")
@never_cache
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    """Show new recovery codes once (after enrolment), or make new ones after a current code;
    otherwise say how many are left."""
    user = request.user
    if not user.has_totp:
        return redirect("accounts:totp-enrol")
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"), "")
    codes = request.session.pop(totp.SESSION_NEW_RECOVERY_CODES, None)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp.totp_consume(user, form.cleaned_data["code"]):
            codes = recovery_codes_generate(user=user, actor=user)
        else:
            form.add_error("code", _("Mã xác thực không đúng."))
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "form": form,
            "next": next_url,
            "codes_left": recovery_codes_left(user=user),
        },
    )


password_reset_view = public_view(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        form_class=QueuedPasswordResetForm,
        success_url=reverse_lazy("accounts:password-reset-done"),
    )
)
password_reset_done_view = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm_view = public_view(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=ResetSetPasswordForm,
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete_view = public_view(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
password_change_view = login_required_view(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change_form.html",
        success_url=reverse_lazy("accounts:password-change-done"),
    )
)
password_change_done_view = login_required_view(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
