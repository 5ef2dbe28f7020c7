"""Forms of the circulation staff pages: they parse and check shapes; services check rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thuvien.circulation.models import FeeKind, LoanRule, Payment
from thuvien.holdings.models import ItemType
from thuvien.patrons.models import CategoryCode, Language, Patron


class PatronForm(forms.ModelForm):
    class Meta:
        model = Patron
        fields = [
            "full_name", "category", "birth_date", "gender", "id_number", "email", "phone",
            "address", "guardian_name", "guardian_phone", "language", "keep_history",
            "notify_email", "notify_sms",
        ]  # fmt: skip
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, network: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from thuvien.patrons.selectors import categories_for

        self.fields["category"].queryset = categories_for(network=network)
        self.fields["language"].choices = Language.choices


class PatronRegisterForm(PatronForm):
    consent = forms.BooleanField(
        label=_("Bạn đọc đồng ý cho thư viện xử lý dữ liệu cá nhân để cấp thẻ và mượn tài liệu"),
        required=False,
    )
    guardian_consent = forms.BooleanField(
        label=_("Cha mẹ hoặc người giám hộ đồng ý (bắt buộc với trẻ em dưới 16 tuổi)"),
        required=False,
    )
    password = forms.CharField(
        label=_("Mật khẩu cổng thông tin (tùy chọn)"),
        required=False,
        min_length=8,
        widget=forms.PasswordInput,
    )


class BlockForm(forms.Form):
    reason = forms.CharField(label=_("Lý do khóa thẻ"), max_length=255)


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("Mật khẩu mới"), min_length=8, widget=forms.PasswordInput)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Số tiền (đồng)"), min_value=1, max_digits=12, decimal_places=0
    )
    method = forms.ChoiceField(label=_("Hình thức"), choices=Payment.Method.choices)


class WaiverForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Số tiền (đồng)"), min_value=1, max_digits=12, decimal_places=0
    )
    reason = forms.CharField(label=_("Lý do miễn giảm"), max_length=255)


class FeeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại phí"), choices=FeeKind.choices)
    amount = forms.DecimalField(
        label=_("Số tiền (đồng)"), min_value=1, max_digits=12, decimal_places=0
    )
    description = forms.CharField(label=_("Nội dung"), max_length=255, required=False)


class LoanRuleForm(forms.ModelForm):
    patron_category = forms.ChoiceField(
        label=_("Loại bạn đọc"),
        choices=[("", _("Mọi loại"))] + list(CategoryCode.choices),
        required=False,
    )
    item_type = forms.ChoiceField(
        label=_("Loại bản sao"),
        choices=[("", _("Mọi loại"))] + list(ItemType.choices),
        required=False,
    )
    network_wide = forms.BooleanField(label=_("Áp dụng cho toàn mạng lưới"), required=False)

    class Meta:
        model = LoanRule
        fields = [
            "patron_category", "item_type", "loan_days", "max_loans", "renewals_allowed",
            "renewal_days", "fine_per_day", "fine_cap", "holds_allowed", "max_holds",
            "hold_shelf_days",
        ]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("fine_per_day", "fine_cap"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Không được là số âm."))
        return data


class PostalSendForm(forms.Form):
    barcodes = forms.CharField(
        label=_("Mã vạch các tài liệu gửi (mỗi dòng một mã)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    parcel_number = forms.CharField(label=_("Số bưu gửi"), max_length=50)


class PostalReturnForm(forms.Form):
    return_parcel_number = forms.CharField(label=_("Số bưu gửi trả"), max_length=50, required=False)


class HoldForm(forms.Form):
    barcode = forms.CharField(
        label=_("Mã vạch bản sao (đặt một bản)"), max_length=50, required=False
    )
    record = forms.IntegerField(
        label=_("Số biểu ghi (đặt theo nhan đề)"), required=False, min_value=1
    )
    pickup_library = forms.ModelChoiceField(label=_("Nhận tại"), queryset=None)

    def __init__(self, *args: Any, network: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from thuvien.network.selectors import library_choices

        self.fields["pickup_library"].queryset = library_choices(network=network)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("barcode") and not data.get("record"):
            raise forms.ValidationError(_("Cần nhập mã vạch hoặc số biểu ghi."))
        return data


class NoticeTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200, required=False)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))

    def clean_body(self) -> str:
        from django.template import Template, TemplateSyntaxError

        body = self.cleaned_data["body"]
        try:
            Template(body)
        except TemplateSyntaxError:
            raise forms.ValidationError(
                _("Mẫu có lỗi cú pháp (kiểm tra các cặp {{ }} và {% %}).")
            ) from None
        return body


class ReadingRequestForm(forms.Form):
    """A reader asks to read a restricted copy (đọc hạn chế) in the reading room."""

    barcode = forms.CharField(label=_("Mã vạch bản sao"), max_length=50)
    card_number = forms.CharField(label=_("Số thẻ bạn đọc"), max_length=32)
    purpose = forms.CharField(
        label=_("Mục đích đọc"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
