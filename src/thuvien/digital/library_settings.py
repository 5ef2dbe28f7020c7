"""Per-library settings of the digital library (library -> parent -> network -> default)."""

from __future__ import annotations

import ipaddress

from django.utils.translation import gettext_lazy as _

from thuvien.network.settings_registry import SettingInvalid, register_setting


def onsite_networks(value: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The address ranges written in the setting (comma or space separated)."""
    return [
        ipaddress.ip_network(part, strict=False)
        for part in value.replace(",", " ").split()
    ]


def _networks_valid(value: str) -> None:
    for item in value.replace(",", " ").split():
        try:
            ipaddress.ip_network(str(item), strict=False)
        except ValueError as exc:
            raise SettingInvalid(_("Dải địa chỉ IP không hợp lệ: %(v)s") % {"v": item}) from exc


register_setting(
    "digital.onsite_networks",
    type=str,
    default="",
    max_length=1000,
    label=_("Dải địa chỉ IP của thư viện (tài liệu số chỉ đọc tại chỗ)"),
    help_text=_(
        "Tài liệu số có quyền “chỉ đọc tại thư viện” mở được từ các máy có địa chỉ "
        "trong các dải này, ví dụ 203.0.113.0/24."
    ),
    validate=_networks_valid,
)
register_setting(
    "digital.ocr_review_below",
    type=int,
    default=70,
    min_value=0,
    max_value=100,
    label=_("Độ tin cậy nhận dạng chữ dưới mức này thì đánh dấu trang cần hiệu đính (%)"),
)
register_setting(
    "digital.fixity_alert_email",
    type=str,
    default="",
    label=_("Thư điện tử nhận cảnh báo khi tệp gốc bị thay đổi hoặc mất"),
)
