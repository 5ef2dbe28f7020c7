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
register_setting(
    "digital.paid_access_days",
    type=int,
    default=30,
    min_value=1,
    max_value=3650,
    label=_("Số ngày bạn đọc được xem tài liệu số có thu phí sau khi thanh toán"),
)
register_setting(
    "digital.download_limit_per_day",
    type=int,
    default=0,
    min_value=0,
    max_value=10000,
    label=_("Số lần một bạn đọc được tải về một tài liệu số mỗi ngày (0: không giới hạn)"),
)
register_setting(
    "digital.copy_requests_per_day",
    type=int,
    default=5,
    min_value=1,
    max_value=1000,
    label=_("Số yêu cầu sao chụp từ xa một bạn đọc được gửi trong 24 giờ"),
)
register_setting(
    "digital.copy_available_days",
    type=int,
    default=14,
    min_value=1,
    max_value=365,
    label=_("Số ngày bản sao chụp từ xa được tải về"),
)
register_setting(
    "digital.copy_max_pages",
    type=int,
    default=50,
    min_value=1,
    max_value=2000,
    label=_("Số trang tối đa của một yêu cầu sao chụp từ xa"),
)
