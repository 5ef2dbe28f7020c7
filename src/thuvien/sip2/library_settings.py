"""Per-library settings of the SIP2 server (resolved library -> parent -> network -> default)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thuvien.network.settings_registry import register_setting

ENCODINGS = (
    ("utf-8", "UTF-8"),
    ("cp1258", "Windows-1258 (Vietnamese)"),
    ("cp850", "CP850 (3M)"),
    ("latin-1", "ISO-8859-1"),
    ("ascii", "ASCII"),
)

register_setting(
    "sip2.encoding",
    type=str,
    default="utf-8",
    label=_("Bảng mã của máy tự phục vụ (SIP2)"),
    help_text=_(
        "Bảng mã ký tự mà máy mượn trả tự động của thư viện sử dụng. Máy không hiển thị được "
        "tiếng Việt có dấu sẽ nhận chữ không dấu."
    ),
    choices=ENCODINGS,
)
register_setting(
    "sip2.patron_password_required",
    type=bool,
    default=False,
    label=_("Máy tự phục vụ yêu cầu mật khẩu bạn đọc"),
    help_text=_("Nếu bật, bạn đọc phải nhập mật khẩu tại máy tự phục vụ để mượn và gia hạn."),
)
