"""Circulation's per-library settings (resolved library -> parent -> network -> default)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thuvien.network.settings_registry import register_setting

register_setting(
    "circulation.borrow_anywhere",
    type=bool,
    default=True,
    label=_("Bạn đọc của thư viện khác trong mạng lưới được mượn tại đây"),
)
register_setting(
    "circulation.lend_restricted_reading",
    type=bool,
    default=False,
    label=_("Cho mượn về nhà tài liệu đọc hạn chế (mặc định: chỉ đọc tại phòng đọc khi được phép)"),
)
register_setting(
    "circulation.fines_block_limit",
    type=int,
    default=50000,
    label=_("Mức nợ phí (đồng) từ đó bạn đọc không được mượn thêm"),
    min_value=0,
    max_value=100_000_000,
)
register_setting(
    "circulation.history_retention_days",
    type=int,
    default=30,
    label=_("Số ngày giữ thông tin người mượn sau khi trả (khi bạn đọc không chọn lưu lịch sử)"),
    min_value=0,
    max_value=3650,
)
register_setting(
    "circulation.due_soon_days",
    type=int,
    default=2,
    label=_("Nhắc trả trước hạn bao nhiêu ngày"),
    min_value=0,
    max_value=30,
)
register_setting(
    "circulation.overdue_notice_days",
    type=list,
    item_type=int,
    default=[1, 7, 21],
    label=_("Các mức thư báo quá hạn (số ngày quá hạn, cách nhau bởi dấu phẩy)"),
    min_value=1,
    max_value=365,
    max_items=3,
)
register_setting(
    "circulation.postal_fee",
    type=int,
    default=25000,
    label=_("Phí mượn qua bưu chính (đồng)"),
    min_value=0,
    max_value=10_000_000,
)
register_setting(
    "circulation.fines_skip_closed_days",
    type=bool,
    default=True,
    label=_("Không tính tiền phạt quá hạn cho những ngày thư viện đóng cửa"),
)
register_setting(
    "circulation.copy_fee_per_page",
    type=int,
    default=500,
    label=_("Phí sao chụp từ xa mỗi trang (đồng)"),
    min_value=0,
    max_value=1_000_000,
)
register_setting(
    "circulation.card_replacement_fee",
    type=int,
    default=20000,
    label=_("Phí cấp lại thẻ (đồng)"),
    min_value=0,
    max_value=10_000_000,
)
register_setting(
    "circulation.lost_item_default_fee",
    type=int,
    default=100000,
    label=_("Bồi thường tài liệu mất khi bản sao không có giá (đồng)"),
    min_value=0,
    max_value=100_000_000,
)
register_setting(
    "patrons.card_prefix",
    type=str,
    default="",
    label=_("Tiền tố số thẻ bạn đọc (để trống: mã thư viện)"),
    max_length=20,
)
