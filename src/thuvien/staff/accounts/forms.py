"""Forms of the staff people pages: they only parse; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thuvien.accounts.selectors import roles_assignable


class MembershipAddForm(forms.Form):
    """Give a role to an existing account (username) or to a new staff account."""

    role = forms.ModelChoiceField(
        label=_("Vai trò"), queryset=roles_assignable(network_wide=False).none()
    )
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Tài khoản đã có, hoặc tên đăng nhập của tài khoản mới."),
    )
    create = forms.BooleanField(label=_("Tạo tài khoản mới"), required=False)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255, required=False)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, roles, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles

    def clean(self):
        data = super().clean()
        if data.get("create") and not data.get("password"):
            self.add_error("password", _("Hãy đặt mật khẩu ban đầu cho tài khoản mới."))
        return data


class MembershipRoleForm(forms.Form):
    role = forms.ModelChoiceField(
        label=_("Vai trò mới"), queryset=roles_assignable(network_wide=False).none()
    )

    def __init__(self, *args, roles, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Hành động"), required=False)
    user = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from thuvien.core.audit_actions import audit_action_choices

        self.fields["action"].choices = audit_action_choices()

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class TotpResetForm(forms.Form):
    """Why a person's second factor is reset, and how the administrator checked who asked."""

    reason = forms.CharField(
        label=_("Lý do và cách đã xác minh người yêu cầu"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
