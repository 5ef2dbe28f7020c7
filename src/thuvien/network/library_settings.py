"""Settings the network app itself declares (read by the public portal)."""

from django.utils.translation import gettext_lazy as _

from .settings_registry import register_setting

register_setting(
    "portal.show_map_link",
    type=bool,
    default=True,
    label=_("Hiện liên kết bản đồ trên trang thư viện"),
    help_text=_("Liên kết tới OpenStreetMap theo tọa độ của thư viện."),
)
register_setting(
    "portal.home_library_count",
    type=int,
    default=8,
    label=_("Số thư viện hiện trên trang chủ"),
    min_value=0,
    max_value=100,
)
register_setting(
    "portal.closed_days_shown",
    type=int,
    default=5,
    label=_("Số ngày nghỉ sắp tới hiện trên trang thư viện"),
    min_value=0,
    max_value=60,
)
