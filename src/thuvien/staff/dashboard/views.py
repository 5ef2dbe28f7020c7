"""The staff dashboard and the switch between libraries a person works for."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY
from thuvien.accounts.permissions import login_required_view, view_allowed
from thuvien.accounts.services import user_set_working_library


def _require_staff(request: StaffRequest) -> None:
    if request.library is None:
        raise PermissionDenied


# The work each role comes for, in the order of a working day: (url name, title, what it is
# for). A tile is shown when its page would let the person in: ``view_allowed`` reads the
# page's own declaration, so the dashboard never keeps a second copy of who may do what.
# The pages whose work is writing (lending, registering) are offered to those who may write
# there (``DOING``): an oversight officer reads every page but lends nothing.
DOING = frozenset(
    {
        "circulation:checkout",
        "circulation:checkin",
        "circulation:renew",
        "circulation:patron-create",
        "catalog:import",
        "oversight:stocktakes",
        "oversight:library-evaluations",
        "oversight:year-figures",
        "oversight:weedings",
        "oversight:training",
        "people:list",
    }
)
TILES: tuple[tuple[str, str, str], ...] = (
    (
        "circulation:checkout",
        gettext_lazy("Cho mượn"),
        gettext_lazy("Quét thẻ bạn đọc rồi quét sách."),
    ),
    (
        "circulation:checkin",
        gettext_lazy("Nhận trả"),
        gettext_lazy("Quét sách bạn đọc trả; tài liệu đặt trước được giữ lại."),
    ),
    ("circulation:renew", gettext_lazy("Gia hạn"), gettext_lazy("Gia hạn tài liệu đang mượn.")),
    (
        "circulation:patron-list",
        gettext_lazy("Bạn đọc"),
        gettext_lazy("Tìm bạn đọc theo số thẻ, họ tên, điện thoại."),
    ),
    (
        "circulation:patron-create",
        gettext_lazy("Đăng ký bạn đọc mới"),
        gettext_lazy("Cấp thẻ, ghi nhận sự đồng ý xử lý dữ liệu."),
    ),
    (
        "circulation:deletion-requests",
        gettext_lazy("Yêu cầu xóa dữ liệu"),
        gettext_lazy("Yêu cầu của bạn đọc theo Luật Bảo vệ dữ liệu cá nhân."),
    ),
    (
        "circulation:reports",
        gettext_lazy("Báo cáo lưu thông"),
        gettext_lazy("Quá hạn, tài liệu cần lấy, luân chuyển."),
    ),
    ("catalog:search", gettext_lazy("Biên mục"), gettext_lazy("Tìm, sửa biểu ghi và bản sao.")),
    (
        "catalog:import",
        gettext_lazy("Nhập biểu ghi MARC"),
        gettext_lazy("Nhập tệp MARC21 hoặc MARCXML."),
    ),
    (
        "circulation:rules",
        gettext_lazy("Quy định mượn"),
        gettext_lazy("Số ngày mượn, số tài liệu, tiền phạt theo loại bạn đọc."),
    ),
    (
        "network:index",
        gettext_lazy("Thư viện và mạng lưới"),
        gettext_lazy("Thông tin thư viện, kho, giờ mở cửa, cài đặt."),
    ),
    ("people:list", gettext_lazy("Nhân sự và vai trò"), gettext_lazy("Ai làm việc gì ở thư viện.")),
    ("people:audit", gettext_lazy("Nhật ký thao tác"), gettext_lazy("Ai đã thay đổi gì, khi nào.")),
    (
        "security:events",
        gettext_lazy("Sự kiện an ninh"),
        gettext_lazy("Khóa tài khoản, tệp bị từ chối, sao lưu thất bại."),
    ),
    (
        "oversight:overview",
        gettext_lazy("Số liệu toàn mạng lưới"),
        gettext_lazy("Vốn tài liệu, bạn đọc, lưu thông của từng thư viện; báo cáo năm."),
    ),
    (
        "oversight:targets",
        gettext_lazy("Chỉ tiêu chuyển đổi số"),
        gettext_lazy("Tiến độ các chỉ tiêu của Quyết định 206."),
    ),
    (
        "oversight:evaluations",
        gettext_lazy("Đánh giá hoạt động thư viện"),
        gettext_lazy("Mẫu 01, lịch đánh giá, Mẫu 02 (Thông tư 05/2020)."),
    ),
    (
        "oversight:library-evaluations",
        gettext_lazy("Tự đánh giá (Mẫu 01)"),
        gettext_lazy("Đánh giá hoạt động năm của thư viện (Thông tư 05/2020)."),
    ),
    (
        "oversight:library-report",
        gettext_lazy("Báo cáo thống kê năm"),
        gettext_lazy("XLSX, PDF, CSV từ số liệu của hệ thống."),
    ),
    (
        "oversight:year-figures",
        gettext_lazy("Số liệu nhập hằng năm"),
        gettext_lazy("Diện tích, chỗ ngồi, kinh phí, nhân lực; chỉ số và điều kiện tối thiểu."),
    ),
    (
        "oversight:stocktakes",
        gettext_lazy("Kiểm kê"),
        gettext_lazy("Quét tài liệu trên giá, tìm bản thiếu, sai kho."),
    ),
    (
        "oversight:registers",
        gettext_lazy("Sổ đăng ký tài liệu"),
        gettext_lazy("Sổ đăng ký tổng quát và cá biệt."),
    ),
    (
        "oversight:training",
        gettext_lazy("Nhân lực, đào tạo"),
        gettext_lazy("Chức danh, trình độ, khóa bồi dưỡng, văn bằng của người làm thư viện."),
    ),
    (
        "oversight:training-network",
        gettext_lazy("Đào tạo toàn mạng lưới"),
        gettext_lazy("Tỷ lệ đã đào tạo, có chuyên môn theo loại thư viện và chỉ tiêu."),
    ),
    (
        "oversight:reports",
        gettext_lazy("Báo cáo định kỳ"),
        gettext_lazy("Đặt lịch, lưu và gửi thư báo cáo tháng, năm của thư viện, nhóm, tỉnh."),
    ),
    (
        "oversight:units",
        gettext_lazy("Số liệu theo đơn vị hành chính"),
        gettext_lazy("Theo xã, tỉnh cũ hoặc mới (sắp xếp 2025); tra cứu mã cũ ↔ mới."),
    ),
    (
        "oversight:weedings",
        gettext_lazy("Thanh lọc tài liệu"),
        gettext_lazy("Chọn bản sao, phê duyệt theo quyết định, ghi “đã thanh lọc”."),
    ),
)


def dashboard_tiles(request: StaffRequest) -> list[dict[str, str]]:
    tiles = []
    for name, title, text in TILES:
        url = reverse(name)
        if view_allowed(request, url, method="POST" if name in DOING else "GET"):
            tiles.append({"url": url, "title": str(title), "text": str(text), "name": name})
    return tiles


@login_required_view
def dashboard(request: StaffRequest) -> HttpResponse:
    """Where a working day starts: the work this person may do, and for the desk the day's
    figures of the active library, each linked to the list behind it."""
    _require_staff(request)
    day = None
    if Capability.CIRCULATE.value in request.capabilities:
        from thuvien.circulation.selectors import library_day

        day = library_day(library=request.library)
    return render(
        request, "staff/dashboard/home.html", {"day": day, "tiles": dashboard_tiles(request)}
    )


@login_required_view
@require_POST
def switch_library(request: StaffRequest) -> HttpResponse:
    _require_staff(request)
    try:
        wanted = int(request.POST.get("library", ""))
    except ValueError:
        wanted = None
    allowed = {lib.pk: lib for lib in request.staff_libraries}
    if wanted not in allowed:
        messages.error(request, _("Bạn không làm việc tại thư viện này."))
    else:
        request.session[ACTIVE_LIBRARY_SESSION_KEY] = wanted
        user_set_working_library(user=request.user, library=allowed[wanted])
        messages.success(
            request, _("Đang làm việc tại %(library)s.") % {"library": allowed[wanted].name}
        )
    return redirect("dashboard:home")
