"""The per-library setting of open data (resolved library -> parent -> network -> default)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thuvien.network.settings_registry import register_setting

register_setting(
    "opendata.publish",
    type=bool,
    default=True,
    label=_("Đưa thư viện vào dữ liệu mở"),
    help_text=_(
        "Tắt để thư viện không có mặt trong các tệp dữ liệu mở: danh bạ thư viện, số liệu "
        "thống kê và bản sao trong mục lục liên hợp."
    ),
)
