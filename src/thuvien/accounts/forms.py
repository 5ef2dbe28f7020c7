"""Forms of the login flow. The lock-out is enforced here, around ``authenticate()``, so it holds
whatever backend accepts the credentials (username, card number ...)."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .security import (
    account_is_locked,
    login_account_for,
    login_failure_record,
    login_success_record,
)


def locked_message(user: Any) -> str:
    remaining = (user.locked_until - timezone.now()).total_seconds() if user.locked_until else 0
    minutes = max(1, math.ceil(remaining / 60))
    return gettext(
        "Tài khoản này tạm thời bị khóa vì đăng nhập sai quá nhiều lần. "
        "Hãy thử lại sau %(minutes)s phút, hoặc đặt lại mật khẩu qua thư điện tử."
    ) % {"minutes": minutes}


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
        account = login_account_for(username)
        if account is not None and account_is_locked(account):
            raise forms.ValidationError(locked_message(account), code="locked")
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            if account is not None and login_failure_record(user=account):
                raise forms.ValidationError(locked_message(account), code="locked")
            raise self.get_invalid_login_error()
        if account_is_locked(self.user_cache):
            # A backend found the account through an identifier no resolver knows.
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
