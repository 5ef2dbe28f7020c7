"""Forms of the staff network pages. They only parse input; rules live in the services, whose
errors (with their field) are put back on the form by ``staff.forms_flow.form_error``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuvien.network.models import (
    Library,
    LibraryType,
    LibraryVisibility,
    Location,
    Network,
    ShelfVisibility,
)
from thuvien.network.selectors import WEEKDAY_NAMES, library_choices, networks_open
from thuvien.network.settings_registry import SettingDef

REQUIRED = {"required": gettext_lazy("Trường này không được để trống.")}
CHOICE = gettext_lazy("Hãy chọn một giá trị trong danh sách.")


class LibraryForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã thư viện"),
        max_length=32,
        error_messages=REQUIRED,
        help_text=gettext_lazy("Chữ không dấu, số, dấu gạch ngang; ví dụ HY-ANTHI."),
    )
    name_vi = forms.CharField(
        label=gettext_lazy("Tên tiếng Việt"), max_length=255, error_messages=REQUIRED
    )
    name_en = forms.CharField(label=gettext_lazy("Tên tiếng Anh"), max_length=255, required=False)
    library_type = forms.ChoiceField(
        label=gettext_lazy("Loại thư viện"),
        choices=LibraryType.choices,
        error_messages={
            **REQUIRED,
            "invalid_choice": gettext_lazy("Hãy chọn một loại thư viện trong danh sách."),
        },
    )
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị cấp trên"),
        required=False,
        queryset=library_choices(),
        error_messages={
            "invalid_choice": gettext_lazy("Đơn vị cấp trên phải là thư viện của mạng lưới này.")
        },
        empty_label=gettext_lazy("(không có — cấp cao nhất)"),
    )
    province = forms.CharField(label=gettext_lazy("Tỉnh/thành phố"), max_length=100, required=False)
    commune = forms.CharField(
        label=gettext_lazy("Xã/phường/đặc khu"), max_length=100, required=False
    )
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=255, required=False)
    latitude = forms.DecimalField(
        label=gettext_lazy("Vĩ độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Kinh độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=50, required=False)
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        error_messages={"invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ.")},
    )
    website = forms.URLField(
        label=gettext_lazy("Trang web"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": gettext_lazy("Địa chỉ trang web không hợp lệ.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, network: Network, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["parent"].queryset = library_choices(network=network)
        else:
            del self.fields["code"]
            del self.fields["parent"]


class NetworkForm(forms.Form):
    name_vi = forms.CharField(
        label=gettext_lazy("Tên tiếng Việt"), max_length=255, error_messages=REQUIRED
    )
    name_en = forms.CharField(label=gettext_lazy("Tên tiếng Anh"), max_length=255, required=False)
    province = forms.CharField(label=gettext_lazy("Tỉnh/thành phố"), max_length=100, required=False)


class MoveForm(forms.Form):
    network = forms.ModelChoiceField(
        label=gettext_lazy("Mạng lưới"),
        queryset=networks_open(ids=()),
        error_messages={
            **REQUIRED,
            "invalid_choice": gettext_lazy("Hãy chọn một mạng lưới bạn quản trị."),
        },
    )
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị cấp trên mới"),
        required=False,
        queryset=library_choices(),
        error_messages={"invalid_choice": CHOICE},
        empty_label=gettext_lazy("(không có — cấp cao nhất)"),
    )
    effective_on = forms.DateField(
        label=gettext_lazy("Ngày hiệu lực"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Để trống: từ hôm nay."),
    )
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=200, required=False)

    def __init__(self, *args: Any, networks: Any, library: Library, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.fields["parent"].queryset = library_choices(networks=networks, exclude=library)
        self.fields["parent"].label_from_instance = lambda lib: f"{lib.code} — {lib.name}"


class LocationForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã vị trí"), max_length=32, error_messages=REQUIRED)
    name_vi = forms.CharField(
        label=gettext_lazy("Tên tiếng Việt"), max_length=255, error_messages=REQUIRED
    )
    name_en = forms.CharField(label=gettext_lazy("Tên tiếng Anh"), max_length=255, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"),
        choices=Location.Kind.choices,
        error_messages={
            "invalid_choice": gettext_lazy("Hãy chọn một loại vị trí trong danh sách.")
        },
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Bạn đọc tiếp cận được"), required=False, initial=True
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Hiển thị tài liệu"),
        choices=ShelfVisibility.choices,
        initial=ShelfVisibility.NORMAL,
        required=False,  # left out: the location keeps its setting (a new one: normal)
        help_text=gettext_lazy(
            "Đọc hạn chế: tài liệu ở đây chỉ đọc tại chỗ, theo yêu cầu, khi được cho phép. "
            "Không hiển thị: tài liệu ở đây không xuất hiện với bạn đọc."
        ),
    )

    def __init__(self, *args: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["code"]


class LibraryVisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=gettext_lazy("Ai được thấy vốn tài liệu của thư viện"),
        choices=LibraryVisibility.choices,
        widget=forms.RadioSelect,
    )
    share_for_copy_cataloguing = forms.BooleanField(
        label=gettext_lazy(
            "Cán bộ biên mục trong mạng lưới vẫn thấy biểu ghi để biên mục sao chép"
        ),
        required=False,
    )


class GroupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã nhóm"), max_length=32, error_messages=REQUIRED)
    name_vi = forms.CharField(
        label=gettext_lazy("Tên tiếng Việt"), max_length=255, error_messages=REQUIRED
    )
    name_en = forms.CharField(label=gettext_lazy("Tên tiếng Anh"), max_length=255, required=False)
    description = forms.CharField(
        label=gettext_lazy("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    libraries = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thư viện trong nhóm"),
        required=False,
        queryset=library_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Thư viện không thuộc mạng lưới này.")},
    )

    def __init__(self, *args: Any, network: Network, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["libraries"].queryset = library_choices(network=network)
        if not creating:
            del self.fields["code"]


class ClosedDayForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Ngày nghỉ"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={**REQUIRED, "invalid": gettext_lazy("Ngày không hợp lệ (dd/mm/yyyy).")},
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=200, required=False)


class HoursForm(forms.Form):
    """Seven days × two shifts; an empty day is a closed day."""

    SHIFTS = 2

    def __init__(self, *args: Any, week: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day in range(7):
            shifts = list(week[day].shifts) if week else []
            for n in range(self.SHIFTS):
                opens, closes = shifts[n] if n < len(shifts) else (None, None)
                invalid = {"invalid": gettext_lazy("Giờ không hợp lệ (hh:mm).")}
                self.fields[f"d{day}_open{n}"] = forms.TimeField(
                    label=_("%(day)s, ca %(n)d mở cửa") % {"day": WEEKDAY_NAMES[day], "n": n + 1},
                    required=False,
                    initial=opens,
                    error_messages=invalid,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )
                self.fields[f"d{day}_close{n}"] = forms.TimeField(
                    label=_("%(day)s, ca %(n)d đóng cửa") % {"day": WEEKDAY_NAMES[day], "n": n + 1},
                    required=False,
                    initial=closes,
                    error_messages=invalid,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for day in range(7):
            for n in range(self.SHIFTS):
                opens, closes = data.get(f"d{day}_open{n}"), data.get(f"d{day}_close{n}")
                if (
                    (opens is None) != (closes is None)
                    and not self.has_error(f"d{day}_open{n}")
                    and not self.has_error(f"d{day}_close{n}")
                ):
                    missing = f"d{day}_close{n}" if closes is None else f"d{day}_open{n}"
                    self.add_error(missing, _("Hãy nhập cả giờ mở cửa và giờ đóng cửa."))
        return data

    def week(self) -> dict[int, list[tuple[dt.time, dt.time]]]:
        out: dict[int, list[tuple[dt.time, dt.time]]] = {}
        for day in range(7):
            for n in range(self.SHIFTS):
                opens = self.cleaned_data.get(f"d{day}_open{n}")
                closes = self.cleaned_data.get(f"d{day}_close{n}")
                if opens is not None and closes is not None:
                    out.setdefault(day, []).append((opens, closes))
        return out

    def rows(self) -> list[tuple[str, list[tuple[Any, Any]]]]:
        """(day name, [(open field, close field) per shift]) for the template."""
        return [
            (
                str(WEEKDAY_NAMES[day]),
                [(self[f"d{day}_open{n}"], self[f"d{day}_close{n}"]) for n in range(self.SHIFTS)],
            )
            for day in range(7)
        ]

    @staticmethod
    def error_field(service_field: str | None) -> str | None:
        """A service error on ``day_N`` goes on that day's first field."""
        if service_field and service_field.startswith("day_"):
            return f"d{service_field[4:]}_open0"
        return None


class SettingsForm(forms.Form):
    """One text or choice field per registered setting; empty means "inherit"."""

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definitions: dict[str, SettingDef] = {}
        for row in rows:
            d = row.definition
            self.definitions[d.key] = d
            # Values are shown in the syntax the field asks for (d.format: a list as "3, 7",
            # JSON as JSON), so that saving the page unchanged stores the same values.
            effective = _display(row.effective) if d.type is bool else d.format(row.effective)
            if d.is_json:
                help_text = _("Để trống thì áp dụng danh sách của cấp trên hoặc mặc định.")
            else:
                help_text = _("Đang áp dụng: %(value)s") % {"value": effective}
            if d.help_text:
                help_text = f"{d.help_text} {help_text}"
            initial = d.format(row.stored) if row.has_stored else ""
            if d.type is bool or d.choices is not None:
                options = (
                    [("true", _("Có")), ("false", _("Không"))]
                    if d.type is bool
                    else [(str(v), str(label)) for v, label in d.choices or ()]
                )
                field: forms.Field = forms.ChoiceField(
                    choices=[("", _("(kế thừa)")), *options],
                    required=False,
                    error_messages={"invalid_choice": CHOICE},
                )
            elif d.is_json:
                field = forms.CharField(
                    required=False,
                    max_length=20000,
                    strip=False,
                    widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
                )
                if not row.has_stored:
                    # The page shows the list in force, to copy and change.
                    field.widget.attrs["placeholder"] = effective
            else:
                attrs = {"inputmode": "numeric"} if d.type is int else {}
                field = forms.CharField(
                    required=False, max_length=max(d.max_length, 500), widget=forms.TextInput(attrs)
                )
            field.label = d.label
            field.help_text = help_text
            field.initial = initial
            self.fields[d.key] = field


def _display(value: Any) -> str:
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    return str(value)


class FeaturedForm(forms.Form):
    """A featured collection: names, a short description and the search that defines it."""

    title_vi = forms.CharField(
        label=gettext_lazy("Tên bộ sưu tập (tiếng Việt)"), max_length=200, error_messages=REQUIRED
    )
    title_en = forms.CharField(
        label=gettext_lazy("Tên tiếng Anh"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Để trống thì trang tiếng Anh dùng tên tiếng Việt."),
    )
    description = forms.CharField(
        label=gettext_lazy("Mô tả ngắn"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description_en = forms.CharField(
        label=gettext_lazy("Mô tả ngắn tiếng Anh"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Để trống thì trang tiếng Anh dùng mô tả tiếng Việt."),
    )
    query = forms.CharField(
        label=gettext_lazy("Từ khóa tìm kiếm"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Như gõ vào ô tìm kiếm của cổng tra cứu, ví dụ: địa chí Hưng Yên."),
    )
    filters = forms.CharField(
        label=gettext_lazy("Bộ lọc"),
        max_length=1000,
        required=False,
        help_text=gettext_lazy(
            "Không bắt buộc. Các tham số của trang tìm kiếm, ví dụ mtype=local_history hoặc "
            "subj=Văn học Việt Nam -- Thơ; có thể dán cả địa chỉ một trang kết quả tìm kiếm. "
            "Phạm vi thư viện hay mạng lưới do bộ sưu tập tự thêm."
        ),
    )
    is_active = forms.BooleanField(
        label=gettext_lazy("Hiển thị trên cổng tra cứu"), required=False, initial=True
    )
