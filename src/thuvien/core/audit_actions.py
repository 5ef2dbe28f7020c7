"""Where every audit code is declared, with the words a person reads for it.

Services write dotted codes (``circulation.loan.checked_out``); the audit log shows
"Cho mượn". A test walks the source and fails on a code written but not declared here, so a
new service cannot put a bare code on the screen. The objects an entry points at get a name
too ("Lượt mượn #130 · DM0010000000582" rather than "loan 130", "Cài đặt · Phí sao chụp mỗi
trang" rather than "SettingValue object (4)").

The table lives in core (the bottom of the app order) as plain data: core imports no app;
labels that need an app's data (a setting's label) are looked up lazily by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .hooks import Hook

AUDIT_ACTIONS: dict[str, Promise] = {
    # accounts
    "accounts.user.created": _("Tạo tài khoản"),
    "accounts.user.locked": _("Khóa tài khoản do đăng nhập sai nhiều lần"),
    "accounts.user.unlocked": _("Mở khóa tài khoản"),
    "accounts.user.totp_enabled": _("Bật xác thực hai bước"),
    "accounts.user.totp_disabled": _("Tắt xác thực hai bước"),
    "accounts.user.totp_reset": _("Quản trị đặt lại xác thực hai bước"),
    "accounts.user.recovery_codes_generated": _("Tạo mã khôi phục xác thực hai bước"),
    "accounts.user.recovery_code_used": _("Đăng nhập bằng mã khôi phục"),
    "accounts.login.throttled": _("Từ chối đăng nhập do thử sai nhiều lần"),
    "accounts.user.totp_failed": _("Nhập sai mã xác thực hai bước"),
    "accounts.permission.denied_burst": _("Bị từ chối truy cập nhiều lần liên tiếp"),
    "accounts.security.alert_sent": _("Gửi thư cảnh báo an ninh"),
    "accounts.membership.added": _("Giao vai trò"),
    "accounts.membership.role_changed": _("Đổi vai trò"),
    "accounts.membership.removed": _("Bỏ vai trò"),
    # screening
    "screening.upload.refused": _("Từ chối tệp tải lên (đã cách ly)"),
    # network
    "network.network.created": _("Tạo mạng lưới"),
    "network.network.updated": _("Sửa thông tin mạng lưới"),
    "network.network.merged": _("Sáp nhập mạng lưới"),
    "network.library.created": _("Tạo thư viện"),
    "network.library.updated": _("Sửa thông tin thư viện"),
    "network.library.moved": _("Chuyển thư viện sang đơn vị quản lý khác"),
    "network.library.deactivated": _("Ngừng hoạt động thư viện"),
    "network.library.reactivated": _("Cho thư viện hoạt động lại"),
    "network.library.visibility_changed": _("Đổi phạm vi hiển thị vốn tài liệu của thư viện"),
    "network.location.created": _("Tạo kho, phòng đọc"),
    "network.location.updated": _("Sửa kho, phòng đọc"),
    "network.location.visibility_changed": _("Đổi chế độ hiển thị kho, phòng đọc"),
    "network.group.created": _("Tạo nhóm thư viện"),
    "network.group.updated": _("Sửa nhóm thư viện"),
    "network.group.libraries_set": _("Đổi thư viện trong nhóm"),
    "network.opening_hours.set": _("Đặt giờ mở cửa"),
    "network.closed_day.added": _("Thêm ngày nghỉ"),
    "network.closed_day.removed": _("Bỏ ngày nghỉ"),
    "network.setting.set": _("Đổi cài đặt"),
    "network.setting.cleared": _("Trả cài đặt về mặc định"),
    "network.featured_collection.created": _("Tạo bộ sưu tập nổi bật"),
    "network.featured_collection.updated": _("Sửa bộ sưu tập nổi bật"),
    "network.featured_collection.reordered": _("Sắp xếp lại bộ sưu tập nổi bật"),
    "network.featured_collection.deleted": _("Xóa bộ sưu tập nổi bật"),
    # catalog
    "catalog.record.created": _("Tạo biểu ghi"),
    "catalog.record.updated": _("Sửa biểu ghi"),
    "catalog.record.deleted": _("Xóa biểu ghi"),
    "catalog.import.batch": _("Nhập biểu ghi MARC"),
    "catalog.authority.created": _("Tạo biểu ghi chuẩn"),
    "catalog.authority.updated": _("Sửa biểu ghi chuẩn"),
    "catalog.authority.merged": _("Gộp biểu ghi chuẩn"),
    "catalog.authority.linked": _("Liên kết tiêu đề với biểu ghi chuẩn"),
    # holdings
    "holdings.item.created": _("Thêm bản sao"),
    "holdings.item.updated": _("Sửa bản sao"),
    "holdings.item.moved": _("Bản sao được chuyển sang thư viện khác"),
    "holdings.item.deleted": _("Xóa bản sao"),
    "holdings.item.status_changed": _("Đổi trạng thái bản sao"),
    "holdings.item.visibility_changed": _("Đổi chế độ hiển thị bản sao"),
    # patrons
    # digital
    "digital.object.created": _("Tạo tài liệu số"),
    "digital.object.ingested": _("Tiếp nhận xong tài liệu số"),
    "digital.object.discarded": _("Bỏ tài liệu số không có trang nào"),
    "digital.object.updated": _("Sửa tài liệu số"),
    "digital.object.published": _("Công bố tài liệu số"),
    "digital.object.unpublished": _("Ngừng công bố tài liệu số"),
    "digital.object.exported": _("Xuất tài liệu số thành gói BagIt"),
    "digital.file.ingested": _("Tiếp nhận tệp gốc"),
    "digital.file.fixity_failed": _("Tệp gốc bị thay đổi hoặc mất"),
    "digital.page.text_corrected": _("Hiệu đính văn bản trang"),
    # staff editing of digital objects (issue 14)
    "digital.collection.created": _("Tạo bộ sưu tập số"),
    "digital.collection.updated": _("Sửa bộ sưu tập số"),
    "digital.collection.added": _("Thêm tài liệu số vào bộ sưu tập"),
    "digital.collection.removed": _("Bỏ tài liệu số khỏi bộ sưu tập"),
    "digital.grant.added": _("Cấp quyền xem tài liệu số cho bạn đọc"),
    "digital.grant.removed": _("Thu hồi quyền xem tài liệu số của bạn đọc"),
    "digital.object.thumbnail_set": _("Đặt ảnh đại diện tài liệu số"),
    "digital.page.reordered": _("Sắp xếp lại trang tài liệu số"),
    "digital.page.replaced": _("Thay trang tài liệu số"),
    "digital.range.created": _("Thêm chương mục tài liệu số"),
    "digital.range.deleted": _("Xoá chương mục tài liệu số"),
    # paid access, remote copying, download control (issue 14)
    "digital.object.fees_set": _("Đặt phí sử dụng và giới hạn tải về tài liệu số"),
    "digital.grant.paid": _("Cấp quyền xem tài liệu số sau khi bạn đọc thanh toán"),
    "digital.grant.withdrawn": _("Thu hồi quyền xem tài liệu số do hoàn tiền"),
    "digital.copy.requested": _("Bạn đọc yêu cầu sao chụp từ xa"),
    "digital.copy.refused": _("Từ chối yêu cầu sao chụp từ xa"),
    "digital.copy.awaiting_payment": _("Duyệt yêu cầu sao chụp từ xa (chờ thanh toán)"),
    "digital.copy.ready": _("Bản sao chụp từ xa sẵn sàng tải về"),
    # online payment
    "payments.order.created": _("Bạn đọc bắt đầu thanh toán trực tuyến"),
    "payments.order.paid": _("Thanh toán trực tuyến thành công"),
    "payments.order.failed": _("Thanh toán trực tuyến không thành công"),
    "payments.order.cancelled": _("Bạn đọc hủy thanh toán trực tuyến"),
    "payments.order.refunded": _("Hoàn tiền giao dịch trực tuyến"),
    "payments.order.expired": _("Giao dịch trực tuyến hết hạn chờ thanh toán"),
    "payments.order.paid_after_expiry": _(
        "Cổng thanh toán báo thành công sau khi giao dịch đã hết hạn"
    ),
    "patrons.patron.registered": _("Cấp thẻ bạn đọc"),
    "patrons.patron.updated": _("Sửa thông tin bạn đọc"),
    "patrons.patron.card_renewed": _("Gia hạn thẻ"),
    "patrons.patron.card_replaced": _("Cấp lại thẻ"),
    "patrons.patron.blocked": _("Khóa thẻ"),
    "patrons.patron.unblocked": _("Mở khóa thẻ"),
    "patrons.patron.password_set": _("Đặt mật khẩu cổng thông tin"),
    "patrons.patron.photo_set": _("Lưu ảnh thẻ"),
    "patrons.patron.anonymised": _("Ẩn danh hóa dữ liệu bạn đọc"),
    "patrons.deletion.requested": _("Bạn đọc yêu cầu xóa dữ liệu"),
    # circulation
    "circulation.reading_permission.requested": _("Ghi yêu cầu đọc hạn chế"),
    "circulation.reading_permission.granted": _("Cho phép đọc hạn chế"),
    "circulation.reading_permission.refused": _("Từ chối đọc hạn chế"),
    "circulation.reading_permission.handed_out": _("Giao tài liệu đọc hạn chế tại phòng đọc"),
    "circulation.reading_permission.returned": _("Nhận lại tài liệu đọc hạn chế"),
    "circulation.loan.checked_out": _("Cho mượn"),
    "circulation.loan.checked_in": _("Nhận trả"),
    "circulation.loan.renewed": _("Gia hạn"),
    "circulation.loan.overridden": _("Cho mượn vượt quy định"),
    "circulation.loan.renewal_overridden": _("Gia hạn vượt quy định"),
    "circulation.loan.declared_lost": _("Báo mất tài liệu"),
    "circulation.loan.declared_damaged": _("Báo tài liệu hư hỏng"),
    "circulation.loan.lost_undone": _("Hoàn tác báo mất, hư hỏng"),
    "circulation.hold.placed": _("Đặt mượn trước"),
    "circulation.hold.cancelled": _("Hủy đặt mượn trước"),
    "circulation.hold.expired": _("Đặt mượn trước hết hạn giữ"),
    "circulation.fee.created": _("Ghi khoản phí"),
    "circulation.fee.paid": _("Thu tiền"),
    "circulation.fee.waived": _("Miễn giảm phí"),
    "circulation.fee.refunded": _("Hoàn tiền"),
    "circulation.rule.saved": _("Lưu quy định mượn"),
    "circulation.rule.deleted": _("Xóa quy định mượn"),
    "circulation.notice_template.saved": _("Lưu mẫu thông báo"),
    "circulation.notice_template.reset": _("Trả mẫu thông báo về mặc định"),
    "circulation.postal.requested": _("Yêu cầu mượn qua bưu chính"),
    "circulation.postal.packed": _("Đóng gói yêu cầu mượn qua bưu chính"),
    "circulation.postal.sent": _("Gửi tài liệu qua bưu chính"),
    "circulation.postal.returned": _("Nhận lại tài liệu mượn qua bưu chính"),
    "circulation.postal.cancelled": _("Hủy yêu cầu mượn qua bưu chính"),
    # oversight
    "harvest.partner.created": _("Thêm kho đối tác OAI-PMH"),
    "harvest.partner.updated": _("Sửa kho đối tác OAI-PMH"),
    # ai
    "ai.entity.proposed": _("Tìm tên riêng trong văn bản của biểu ghi"),
    "ai.entity.accepted": _("Nhận tên riêng làm chủ đề"),
    "ai.entity.rejected": _("Bỏ qua tên riêng được gợi ý"),
    "oversight.stocktake.started": _("Bắt đầu kiểm kê"),
    "oversight.stocktake.closed": _("Kết thúc kiểm kê"),
    "oversight.evaluation.started": _("Lập Mẫu 01 đánh giá hoạt động"),
    "oversight.evaluation.self_saved": _("Lưu nháp Mẫu 01"),
    "oversight.evaluation.self_submitted": _("Gửi Mẫu 01"),
    "oversight.evaluation.scheduled": _("Thông báo lịch đánh giá"),
    "oversight.evaluation.drafted": _("Gửi dự thảo kết quả đánh giá"),
    "oversight.evaluation.answered": _("Thư viện cho ý kiến về dự thảo"),
    "oversight.evaluation.finalised": _("Ghi kết quả đánh giá (Mẫu 02)"),
    "oversight.targets.added": _("Thêm chỉ tiêu theo Quyết định 206"),
    "oversight.target.changed": _("Sửa chỉ tiêu"),
    "oversight.year_figures.saved": _("Nhập số liệu hằng năm"),
    "oversight.weeding.created": _("Lập một danh sách thanh lọc"),
    "oversight.weeding.copy_removed": _("Bỏ một bản khỏi danh sách thanh lọc"),
    "oversight.weeding.approved": _("Phê duyệt thanh lọc theo quyết định"),
    "oversight.training.person_saved": _("Lưu hồ sơ người làm công tác thư viện"),
    "oversight.training.course_added": _("Thêm khóa đào tạo, bồi dưỡng"),
    "oversight.training.attendance_recorded": _("Ghi nhận người dự khóa đào tạo"),
    "oversight.training.credential_added": _("Lưu văn bằng, chứng chỉ của một người"),
    "oversight.admin_units.imported": _("Nhập bảng chuyển đổi đơn vị hành chính"),
    "oversight.library_unit.set": _("Gắn thư viện với xã, phường"),
    "oversight.report_schedule.created": _("Đặt lịch lập báo cáo"),
    "oversight.report_schedule.stopped": _("Dừng lịch lập báo cáo"),
    "oversight.report_schedule.changed": _("Đổi lịch lập báo cáo"),
    "oversight.report.kept": _("Lập và lưu báo cáo"),
    # backup (installation-wide: no library, no network)
    "backup.completed": _("Sao lưu xong"),
    "backup.failed": _("Sao lưu thất bại"),
    "backup.verified": _("Kiểm tra bản sao lưu: khớp"),
    "backup.verify_failed": _("Kiểm tra bản sao lưu thất bại"),
    "backup.restored": _("Phục hồi từ bản sao lưu"),
}

# The apps, for grouping codes in the audit log's filter.
AUDIT_GROUPS: dict[str, Promise] = {
    "circulation": _("Lưu thông"),
    "patrons": _("Bạn đọc"),
    "catalog": _("Biên mục"),
    "holdings": _("Bản sao"),
    "network": _("Mạng lưới và thư viện"),
    "accounts": _("Tài khoản và vai trò"),
    "oversight": _("Quản lý, giám sát"),
}


def audit_action_choices() -> list[tuple[str, Any]]:
    """Choices for a filter: each app's codes under its name, "all of them" first."""
    out: list[tuple[str, Any]] = [("", gettext("Tất cả"))]
    for prefix, group in AUDIT_GROUPS.items():
        codes = [(c, str(lbl)) for c, lbl in AUDIT_ACTIONS.items() if c.startswith(prefix + ".")]
        codes.sort(key=lambda pair: pair[1])
        all_of = gettext("Mọi thao tác: %(group)s") % {"group": group}
        out.append((str(group), [(prefix, all_of), *codes]))
    return out


# What the entries point at: ``object_type`` (app_label.model) -> the name of that kind.
AUDIT_OBJECTS: dict[str, Promise] = {
    "accounts.user": pgettext_lazy("đối tượng nhật ký", "Tài khoản"),
    "accounts.membership": pgettext_lazy("đối tượng nhật ký", "Vai trò"),
    "network.network": pgettext_lazy("đối tượng nhật ký", "Mạng lưới"),
    "network.library": pgettext_lazy("đối tượng nhật ký", "Thư viện"),
    "network.location": pgettext_lazy("đối tượng nhật ký", "Kho, phòng đọc"),
    "network.librarygroup": pgettext_lazy("đối tượng nhật ký", "Nhóm thư viện"),
    "network.settingvalue": pgettext_lazy("đối tượng nhật ký", "Cài đặt"),
    "network.closedday": pgettext_lazy("đối tượng nhật ký", "Ngày nghỉ"),
    "network.featuredcollection": pgettext_lazy("đối tượng nhật ký", "Bộ sưu tập nổi bật"),
    "catalog.record": pgettext_lazy("đối tượng nhật ký", "Biểu ghi"),
    "catalog.authority": pgettext_lazy("đối tượng nhật ký", "Biểu ghi chuẩn"),
    "holdings.item": pgettext_lazy("đối tượng nhật ký", "Bản sao"),
    "patrons.patron": pgettext_lazy("đối tượng nhật ký", "Bạn đọc"),
    "patrons.deletionrequest": pgettext_lazy("đối tượng nhật ký", "Yêu cầu xóa dữ liệu"),
    "circulation.loan": pgettext_lazy("đối tượng nhật ký", "Lượt mượn"),
    "circulation.hold": pgettext_lazy("đối tượng nhật ký", "Đặt mượn trước"),
    "circulation.fee": pgettext_lazy("đối tượng nhật ký", "Khoản phí"),
    "circulation.payment": pgettext_lazy("đối tượng nhật ký", "Biên lai"),
    "circulation.loanrule": pgettext_lazy("đối tượng nhật ký", "Quy định mượn"),
    "circulation.postalrequest": pgettext_lazy("đối tượng nhật ký", "Yêu cầu mượn qua bưu chính"),
    "circulation.noticetemplate": pgettext_lazy("đối tượng nhật ký", "Mẫu thông báo"),
    "circulation.readingpermission": pgettext_lazy("đối tượng nhật ký", "Phép đọc hạn chế"),
}

# Words for the keys of ``changes`` that services write. A test collects every key written
# (``core/tests/test_audit_actions.py``) and fails on one missing here; keys that are fields of
# the audited model may instead be named by the field's verbose name.
AUDIT_FIELDS: dict[str, Promise] = {
    "item": _("Mã vạch"),
    "amount": _("Số tiền"),
    "patron": _("Số thẻ"),
    "kind": _("Loại"),
    "role": _("Vai trò"),
    "user": _("Người dùng"),
    "fields": _("Trường đã sửa"),
    "card_number": _("Số thẻ"),
    "expires_on": _("Hạn thẻ"),
    "note": _("Ghi chú"),
    "reason": _("Lý do"),
    "visibility": _("Phạm vi hiển thị"),
    "share_for_copy_cataloguing": _("Cho phép biên mục sao chép"),
    "locked_until": _("Khóa đến"),
    "status": _("Trạng thái"),
    "channel": _("Kênh"),
    "language": _("Ngôn ngữ"),
    # accounts
    "address": _("Địa chỉ mạng"),
    "by": _("Người thực hiện"),
    "count": _("Số lần"),
    "events": _("Số sự kiện"),
    "minutes": _("Trong số phút"),
    "path": _("Địa chỉ trang"),
    "recipients": _("Người nhận"),
    "recovery_codes": _("Số mã khôi phục"),
    "recovery_codes_left": _("Số mã khôi phục còn lại"),
    "two_factor": _("Xác thực hai bước"),
    # catalog
    "authority": _("Biểu ghi chuẩn"),
    "controls_removed": _("Ký tự điều khiển đã bỏ"),
    "created": _("Biểu ghi tạo mới"),
    "file": _("Tệp"),
    "heading": _("Tiêu đề chuẩn"),
    "merged": _("Gộp"),
    "record": _("Biểu ghi"),
    "records": _("Số biểu ghi"),
    "tags": _("Trường MARC"),
    "title": _("Nhan đề"),
    # holdings
    "barcode": _("Mã vạch"),
    # network
    "date": _("Ngày"),
    "hours": _("Giờ mở cửa"),
    "is_active": _("Đang hoạt động"),
    "libraries": _("Thư viện"),
    "libraries_moved": _("Số thư viện chuyển theo"),
    "network": _("Mạng lưới"),
    "order": _("Thứ tự"),
    "parent": _("Đơn vị quản lý"),
    "search": _("Câu tìm"),
    "source": _("Nguồn"),
    "target": _("Đích"),
    "title_vi": _("Tên (tiếng Việt)"),
    # circulation
    "due_on": _("Hạn trả"),
    "handed_out_at": _("Giao đọc lúc"),
    "override": _("Quy định được bỏ qua"),
    "payment": _("Biên lai"),
    "returned_at": _("Nhận lại lúc"),
    # digital and payments
    "code": _("Mã"),
    "collection": _("Bộ sưu tập"),
    "details": _("Chi tiết"),
    "expired_at": _("Hết hạn lúc"),
    "first_paid": _("Giao dịch đã trả trước"),
    "object": _("Tài liệu số"),
    "outcome": _("Kết quả"),
    "page": _("Trang số"),
    "paid_twice": _("Trả hai lần"),
    "pages": _("Số trang"),
    "purpose": _("Mục đích"),
    "range": _("Chương mục"),
    "reader": _("Bạn đọc"),
    "receipt": _("Biên lai"),
    "response_code": _("Mã trả lời của cổng thanh toán"),
    "sha256": _("Mã kiểm tra SHA-256"),
    "txn_ref": _("Mã giao dịch"),
    "until": _("Đến"),
    # harvest, ai
    "base_url": _("Địa chỉ kho"),
    "name": _("Tên"),
    "names": _("Số tên tìm thấy"),
    # oversight
    "completed": _("Đã hoàn thành"),
    "copies": _("Số bản"),
    "course": _("Khóa đào tạo"),
    "criteria": _("Tiêu chí"),
    "deadline": _("Thời hạn"),
    "decision": _("Số quyết định"),
    "decision_date": _("Ngày quyết định"),
    "entered_percent": _("Tỷ lệ đã nhập (%)"),
    "expected": _("Số bản cần kiểm"),
    "full_name": _("Họ và tên"),
    "lines": _("Số dòng"),
    "links": _("Số liên kết"),
    "missing": _("Số bản thiếu"),
    "new": _("Mã xã, phường (từ 01/7/2025)"),
    "old": _("Mã xã, phường (trước 01/7/2025)"),
    "percent": _("Tỷ lệ (%)"),
    "person": _("Người"),
    "scan": _("Bản quét"),
    "scope": _("Phạm vi"),
    "targets": _("Số chỉ tiêu"),
    "topic": _("Chủ đề"),
    "units": _("Số đơn vị hành chính"),
    "year": _("Năm"),
    # backup
    "error": _("Lỗi"),
    "snapshot": _("Bản sao lưu"),
}

# Keys whose value is an amount of money (shown "20.000 đ").
AUDIT_MONEY_FIELDS = frozenset({"amount"})

# Coded values services write under a key, in words.
AUDIT_VALUES: dict[tuple[str, str], Promise] = {
    ("by", "operator"): _("người vận hành hệ thống"),
    ("by", "administrator"): _("quản trị viên"),
}

# "SettingValue object (4)", "loan 130", "hold 5": a repr that names nothing but the row.
_GENERIC_REPR = re.compile(r"^(?:\w+ object \((?P<a>\d+)\)|[a-z_]+ (?P<b>\d+))$")


def audit_action_label(code: str) -> str:
    """The words for an audit code; an undeclared code is described by its object's kind."""
    label = AUDIT_ACTIONS.get(code)
    if label is not None:
        return str(label)
    kind = AUDIT_OBJECTS.get(code.rsplit(".", 1)[0])
    if kind is not None:
        return gettext("Thay đổi: %(kind)s") % {"kind": kind}
    return gettext("Thao tác khác")


def audit_field_label(key: str) -> str:
    label = AUDIT_FIELDS.get(key)
    if label is not None:
        return str(label)
    setting = _setting_label(key)
    return setting or key.replace("_", " ")


# Apps above core name the fields they own (network: a setting's label, by its dotted key);
# ``labeller(key)`` answers "" for a key that is not theirs.
audit_field_labellers: Hook[Callable[[str], str]] = Hook("core.audit_field_label")
# ... and the coded values they write (circulation: the refusals an override passed over);
# ``labeller(key, value)`` answers "" for a value that is not theirs.
audit_value_labellers: Hook[Callable[[str, Any], str]] = Hook("core.audit_value_label")


def _setting_label(key: str) -> str:
    if "." not in key:
        return ""
    for labeller in audit_field_labellers:
        label = labeller(key)
        if label:
            return label
    return ""


def audit_object_text(entry: Any) -> str:
    """A person's description of what ``entry`` changed."""
    kind = AUDIT_OBJECTS.get(entry.object_type)
    text = entry.object_repr or ""
    generic = _GENERIC_REPR.match(text)
    if generic is not None:
        text = "#" + (generic.group("a") or generic.group("b") or entry.object_id)
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    details = []
    if entry.object_type == "network.settingvalue":
        details = [_setting_label(k) or k for k in changes]
    elif isinstance(changes.get("item"), str):
        details = [changes["item"]]
    elif isinstance(changes.get("patron"), str) and entry.object_type != "patrons.patron":
        details = [changes["patron"]]
    parts = [str(kind) if kind is not None else "", text, *details]
    return " · ".join(p for p in parts if p) or "—"


def audit_change_rows(entry: Any) -> list[tuple[str, str]]:
    """``changes`` as (label, "old → new" or value) rows, in the page's language: a field is
    named as the audited model names it and a coded value (a copy's status "on_loan") by its
    choice's label, a role by its name, a date as 22/12/2026, an amount as 20.000 đ, so no
    internal code, ISO date or "None" reaches the page."""
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    rows = []
    for key, value in changes.items():
        field = _model_field(entry.object_type, key)
        label = _field_label(key, field)
        if isinstance(value, list) and len(value) == 2 and key != "fields":
            old, new = (_value_text(v, field, key) for v in value)
            rows.append((label, f"{old} → {new}"))
        elif key == "fields" and isinstance(value, list):
            rows.append((label, ", ".join(_patron_field(v) for v in value) or "—"))
        else:
            rows.append((label, _value_text(value, field, key)))
    return rows


def _model_field(object_type: Any, key: str) -> Any:
    """The audited model's field named ``key`` (None for a key that is no field of it)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        app_label, model_name = str(object_type).split(".", 1)
        return apps.get_model(app_label, model_name)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def _field_label(key: str, field: Any) -> str:
    if key in AUDIT_FIELDS or "." in key or field is None:
        return audit_field_label(key)
    return capfirst(str(getattr(field, "verbose_name", "") or key.replace("_", " ")))


def _value_text(value: Any, field: Any, key: str = "") -> str:
    """One value as people read it: "—" for none, a choice's label, "#id" for a related row,
    a role's name, a date as dd/mm/yyyy, money as money."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    for labeller in audit_value_labellers:
        text = labeller(key, value)
        if text:
            return text
    if isinstance(value, str) and (key, value) in AUDIT_VALUES:
        return str(AUDIT_VALUES[(key, value)])
    if key == "role" and isinstance(value, str):
        return _role_name(value)
    if key in AUDIT_MONEY_FIELDS and not isinstance(value, bool):
        from .numbers import money_text

        return money_text(value)
    choices = getattr(field, "flatchoices", None) if field is not None else None
    if choices and isinstance(value, str | int):
        for code, label in choices:
            if code == value:
                return str(label)
    if field is not None and field.is_relation and isinstance(value, int):
        return f"#{value}"
    return _plain(value)


def _role_name(code: str) -> str:
    """A role by its name in the page's language ("circulation" -> "Cán bộ lưu thông")."""
    from django.apps import apps

    role = apps.get_model("accounts", "Role").objects.filter(code=code).first()
    return str(role) if role is not None else code


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _date_text(text: str) -> str:
    """An ISO date or moment as the site writes them (22/12/2026, 22/12/2026 14:05 local)."""
    import datetime as dt

    from django.utils import timezone

    try:
        if _ISO_DATE.match(text):
            return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("có") if value else gettext("không")
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{audit_field_label(str(k))}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, str) and (_ISO_DATE.match(value) or _ISO_MOMENT.match(value)):
        return _date_text(value)
    return str(value)


def _patron_field(name: Any) -> str:
    """A reader's field name as the reader form labels it."""
    try:
        from django.apps import apps

        model = apps.get_model("patrons", "Patron")
        return str(model._meta.get_field(str(name)).verbose_name)
    except (LookupError, Exception):  # noqa: BLE001 - an old entry may name a removed field
        return str(name)
