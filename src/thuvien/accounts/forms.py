"""Forms of the login flow. The lock-out is enforced here, around ``authenticate()``, so it holds
whatever backend accepts the credentials (username, card number ...)."""

from __future__ import annotations

import logging
import math
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from thuvien.core.ratelimit import client_address

from .security import (
    account_is_locked,
    login_guarded,
    login_success_record,
    password_reset_mail_allowed,
    password_reset_request_allowed,
)

log = logging.getLogger(__name__)


def locked_message(user: Any) -> str:
    remaining = (user.locked_until - timezone.now()).total_seconds() if user.locked_until else 0
    minutes = max(1, math.ceil(remaining / 60))
    return gettext(
        "Tài khoản này tạm thời bị khóa vì đăng nhập sai quá nhiều lần. "
        "Hãy thử lại sau %(minutes)s phút, hoặc đặt lại mật khẩu qua thư điện tử."
    ) % {"minutes": minutes}


def throttled_message(minutes: int) -> str:
    """The same words for a name that exists and one that does not."""
    return gettext(
        "Đã đăng nhập sai quá nhiều lần từ địa chỉ này. Hãy thử lại sau %(minutes)s phút, "
        "hoặc đặt lại mật khẩu qua thư điện tử."
    ) % {"minutes": max(1, minutes)}


class LoginForm(AuthenticationForm):
    """Username (or card number, or e-mail) and password, with the lock-out."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã ngừng hoạt động."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            raise forms.ValidationError(
                gettext("Hãy nhập tên đăng nhập và mật khẩu."), code="required"
            )
        result = login_guarded(
            identifier=username,
            password=password,
            address=client_address(self.request),
            check=lambda: authenticate(self.request, username=username, password=password),
        )
        self.user_cache = result.user
        if result.refusal is not None:
            if result.refusal.code == "locked":
                raise forms.ValidationError(
                    throttled_message(result.refusal.retry_minutes), code="locked"
                )
            raise self.get_invalid_login_error()
        if account_is_locked(self.user_cache):
            # Locked by wrong second-factor codes: only the password's holder gets here.
            raise forms.ValidationError(locked_message(self.user_cache), code="locked")
        self.confirm_login_allowed(self.user_cache)
        if not self.user_cache.has_totp:
            # With TOTP the count is cleared only once the code is right too, so logging in
            # again with the password cannot reset a run of wrong codes.
            login_success_record(user=self.user_cache)
        return self.cleaned_data


class TotpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ResetSetPasswordForm(SetPasswordForm):
    """Setting a new password through the e-mailed link also lifts a lock-out."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            login_success_record(user=user)
        return user


class QueuedPasswordResetForm(PasswordResetForm):
    """The reset mail goes out from the worker: the answer comes as fast for an address that
    has an account as for one that has none (sent in the request it was ten times slower).

    Limited without a different answer: an address asks ``THUVIEN_PASSWORD_RESET_RATE`` times
    an hour, an account receives ``THUVIEN_PASSWORD_RESET_MAILS`` mails an hour; past either,
    the page says the same and no mail goes out (logged)."""

    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        if not password_reset_request_allowed(address=client_address(request)):
            log.warning("accounts: password reset requests over the limit from one address")
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from .tasks import password_reset_mail_send

        if not password_reset_mail_allowed(user=context["user"]):
            log.warning("accounts: reset mails over the limit for user %s", context["user"].pk)
            return
        password_reset_mail_send(
            user_id=context["user"].pk,
            domain=context["domain"],
            site_name=context["site_name"],
            protocol=context["protocol"],
            language=get_language() or "vi",
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            from_email=from_email,
        )
