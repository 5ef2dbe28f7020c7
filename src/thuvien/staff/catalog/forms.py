"""Forms of the cataloguing pages. They check the shape of input only; rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thuvien.catalog.services import MATCH_RULE_LABELS
from thuvien.holdings.models import ItemType
from thuvien.holdings.services import MANUAL_STATUSES
from thuvien.network.models import ShelfVisibility

from .material import TEMPLATE_CHOICES, form_specs


def record_form_class(material_type: str) -> type[forms.Form]:
    """The simple form of one material type (its fields come from ``material.form_specs``)."""
    attrs: dict[str, forms.Field] = {}
    for spec in form_specs(material_type):
        if spec.multi:
            attrs[spec.name] = forms.CharField(
                label=spec.label, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        else:
            attrs[spec.name] = forms.CharField(
                label=spec.label, required=spec.name == "title", max_length=2000
            )
    attrs["material_type"] = forms.ChoiceField(
        label=_("Loại tài liệu"), choices=TEMPLATE_CHOICES, widget=forms.HiddenInput
    )
    attrs["confirm_warnings"] = forms.BooleanField(
        label=_("Vẫn lưu: tôi đã đối chiếu với cuốn sách (ISBN sai chữ số kiểm tra được ghi vào "
                "020 $z)"),
        required=False,
    )  # fmt: skip
    return type("RecordSimpleForm", (forms.Form,), attrs)


class TemplateChoiceForm(forms.Form):
    material_type = forms.ChoiceField(label=_("Loại tài liệu"), choices=TEMPLATE_CHOICES)


class ItemBatchForm(forms.Form):
    """Add one or many copies with consecutive barcodes (``first_barcode`` then +1 each)."""

    first_barcode = forms.CharField(label=_("Mã vạch bản đầu tiên"), max_length=50)
    count = forms.IntegerField(label=_("Số bản"), min_value=1, max_value=500, initial=1)
    call_number = forms.CharField(label=_("Ký hiệu xếp giá"), max_length=100, required=False)
    location = forms.ModelChoiceField(label=_("Vị trí"), queryset=None, required=False)
    item_type = forms.ChoiceField(label=_("Loại bản sao"), choices=ItemType.choices)
    price = forms.DecimalField(label=_("Giá"), max_digits=12, decimal_places=0, required=False)
    acquired_on = forms.DateField(
        label=_("Ngày bổ sung"),
        required=False,
        help_text=_("Để trống: hôm nay."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    acquisition_source = forms.CharField(label=_("Nguồn bổ sung"), max_length=255, required=False)

    def __init__(self, *args, library=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from thuvien.network.selectors import location_list

        self.fields["location"].queryset = location_list(library=library)


class ItemEditForm(forms.Form):
    barcode = forms.CharField(label=_("Mã vạch"), max_length=50)
    call_number = forms.CharField(label=_("Ký hiệu xếp giá"), max_length=100, required=False)
    location = forms.ModelChoiceField(label=_("Vị trí"), queryset=None, required=False)
    item_type = forms.ChoiceField(label=_("Loại bản sao"), choices=ItemType.choices)
    price = forms.DecimalField(label=_("Giá"), max_digits=12, decimal_places=0, required=False)
    acquired_on = forms.DateField(
        label=_("Ngày bổ sung"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    acquisition_source = forms.CharField(label=_("Nguồn bổ sung"), max_length=255, required=False)
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    visibility = forms.ChoiceField(
        label=_("Hiển thị với bạn đọc"),
        choices=ShelfVisibility.choices,
        initial=ShelfVisibility.NORMAL,
        required=False,  # left out (an older form, a script): the copy keeps its setting
        help_text=_(
            "Đọc hạn chế: bạn đọc thấy bản sao nhưng chỉ đọc tại chỗ khi được cho phép. "
            "Không hiển thị: chỉ cán bộ thư viện thấy."
        ),
    )

    def __init__(self, *args, library=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from thuvien.network.selectors import location_list

        self.fields["location"].queryset = location_list(library=library)


class ItemStatusForm(forms.Form):
    """Only the statuses a cataloguer may set: those circulation owns (on loan, on the hold
    shelf, in transit) are not offered (``holdings.services.MANUAL_STATUSES``)."""

    status = forms.ChoiceField(
        label=_("Trạng thái mới"),
        choices=[(s.value, s.label) for s in MANUAL_STATUSES],
    )
    note = forms.CharField(label=_("Lý do"), max_length=255, required=False)


class ItemMoveForm(forms.Form):
    """The library a copy moves to: only those the person may move it to are offered (the
    view passes them), so another id is an invalid choice, never a move. Named as the library
    switcher names them, without codes."""

    library = forms.TypedChoiceField(label=_("Chuyển đến thư viện"), coerce=int, choices=())

    def __init__(self, *args, libraries=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["library"].choices = [("", "—")] + [(lib.pk, lib.name) for lib in libraries]


class LabelForm(forms.Form):
    LAYOUTS = [
        ("3x8", _("3 cột x 8 hàng (24 nhãn/trang A4)")),
        ("4x10", _("4 cột x 10 hàng (40 nhãn/trang A4)")),
    ]
    KINDS = [("spine", _("Nhãn gáy (ký hiệu xếp giá)")), ("barcode", _("Nhãn mã vạch"))]
    kind = forms.ChoiceField(label=_("Loại nhãn"), choices=KINDS)
    layout = forms.ChoiceField(label=_("Bố cục trang"), choices=LAYOUTS)
    selection = forms.ChoiceField(
        label=_("In cho"),
        choices=[
            ("today", _("Các bản sao bổ sung hôm nay")),
            ("barcodes", _("Các mã vạch liệt kê dưới đây")),
        ],
    )
    barcodes = forms.CharField(
        label=_("Mã vạch (mỗi dòng một mã)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    skip = forms.IntegerField(
        label=_("Bỏ qua số nhãn đầu trang (tờ nhãn đã dùng dở)"),
        min_value=0,
        max_value=39,
        initial=0,
    )


FORMAT_CHOICES = [
    ("iso2709", _("ISO 2709 (.mrc)")),
    ("marcxml", _("MARCXML (.xml)")),
    ("json", _("MARC-in-JSON (.json)")),
]
MATCH_CHOICES = list(MATCH_RULE_LABELS.items())


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp MARC"))
    fmt = forms.ChoiceField(
        label=_("Định dạng"), choices=[("", _("Tự nhận dạng")), *FORMAT_CHOICES], required=False
    )
    match_rules = forms.MultipleChoiceField(
        label=_("Đối chiếu với biểu ghi đã có theo"),
        choices=MATCH_CHOICES,
        initial=["isbn", "035", "001"],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    on_match = forms.ChoiceField(
        label=_("Khi trùng biểu ghi đã có"),
        choices=[
            ("keep", _("Giữ biểu ghi đã có, chỉ thêm bản sao")),
            ("replace", _("Thay bằng biểu ghi trong tệp")),
        ],
        initial="keep",
    )
    library = forms.TypedChoiceField(
        label=_("Bản sao (trường 852/952) thuộc thư viện"),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, libraries=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["library"].choices = [("", _("Không tạo bản sao"))] + [
            (lib.pk, lib.name) for lib in libraries
        ]


class ExportForm(forms.Form):
    fmt = forms.ChoiceField(label=_("Định dạng"), choices=FORMAT_CHOICES)
    scope = forms.ChoiceField(
        label=_("Xuất"),
        choices=[
            ("holdings", _("Biểu ghi có bản sao tại thư viện đang làm việc")),
            ("query", _("Các biểu ghi tìm theo từ khoá")),
        ],
        initial="holdings",
    )
    query = forms.CharField(label=_("Từ khoá (nhan đề hoặc ISBN)"), required=False, max_length=200)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class AuthorityForm(forms.Form):
    """A controlled heading: its kind (fixed once created), heading, dates and variants."""

    kind = forms.ChoiceField(label=_("Loại"), choices=())
    heading = forms.CharField(label=_("Tiêu đề chuẩn"), max_length=255)
    dates = forms.CharField(label=_("Năm sinh - năm mất"), max_length=50, required=False)
    variants = forms.CharField(
        label=_("Tiêu đề không chuẩn (mỗi dòng một tiêu đề)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from thuvien.catalog.models import AuthorityKind

        self.fields["kind"].choices = AuthorityKind.choices
        if editing:  # the kind decides which MARC fields link: it does not change afterwards
            del self.fields["kind"]
            del self.fields["note"]

    def clean_variants(self) -> list[str]:
        return _lines(self.cleaned_data.get("variants", ""))


class AuthorityMergeForm(forms.Form):
    target = forms.IntegerField(label=_("Gộp vào biểu ghi chuẩn số"), min_value=1)
