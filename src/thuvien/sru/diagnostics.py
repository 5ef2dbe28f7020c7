"""SRU diagnostics (``info:srw/diagnostic/1/N``): the one way the SRU interface says no.

Every refusal raises ``SruDiagnostic`` with the number of the SRU diagnostics list, the
``details`` the list asks for (the index, the relation, the parameter ...) and a message for a
person. The view writes it into the response, so a bad request is an answer, never a 500.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PREFIX = "info:srw/diagnostic/1/"

# number -> the list's own message, in Vietnamese (English in the .po)
MESSAGES = {
    1: _("Lỗi chung của hệ thống"),
    2: _("Hệ thống tạm thời không phục vụ được"),
    4: _("Thao tác không được hỗ trợ"),
    5: _("Phiên bản không được hỗ trợ"),
    6: _("Giá trị tham số không được hỗ trợ"),
    7: _("Thiếu tham số bắt buộc"),
    8: _("Tham số không được hỗ trợ"),
    10: _("Câu truy vấn sai cú pháp"),
    15: _("Bộ ngữ cảnh (context set) không được hỗ trợ"),
    16: _("Chỉ mục không được hỗ trợ"),
    19: _("Quan hệ không được hỗ trợ"),
    20: _("Bổ ngữ của quan hệ không được hỗ trợ"),
    23: _("Từ tìm kiếm quá dài"),
    27: _("Không hỗ trợ từ tìm kiếm rỗng"),
    28: _("Ký tự đại diện không được hỗ trợ"),
    29: _("Từ có ký tự đại diện quá ngắn"),
    37: _("Toán tử logic không được hỗ trợ"),
    38: _("Câu truy vấn có quá nhiều toán tử logic"),
    36: _("Từ tìm kiếm không đúng khuôn dạng của chỉ mục"),
    39: _("Không hỗ trợ phép tìm theo khoảng cách (PROX) này"),
    40: _("Quan hệ khoảng cách (PROX) không được hỗ trợ"),
    41: _("Khoảng cách (PROX) không được hỗ trợ"),
    42: _("Đơn vị khoảng cách (PROX) không được hỗ trợ; chỉ dùng unit=word"),
    46: _("Bổ ngữ của toán tử logic không được hỗ trợ"),
    61: _("Vị trí biểu ghi đầu tiên nằm ngoài phạm vi kết quả"),
    66: _("Lược đồ biểu ghi (record schema) không được hỗ trợ"),
    71: _("Cách đóng gói biểu ghi (record packing) không được hỗ trợ"),
    80: _("Không hỗ trợ sắp xếp theo khoá này"),
    82: _("Chiều sắp xếp không được hỗ trợ"),
    86: _("Lược đồ dùng để sắp xếp không được hỗ trợ"),
    110: _("Không hỗ trợ stylesheet"),
    120: _("Vị trí trả lời nằm ngoài phạm vi"),
    121: _("Yêu cầu quá nhiều mục"),
}


class SruDiagnostic(Exception):
    """A fatal SRU diagnostic: the response carries it instead of records."""

    def __init__(self, number: int, details: str = "", message: str = "") -> None:
        self.number = number
        self.details = details
        self.message = message or str(MESSAGES.get(number, MESSAGES[1]))
        super().__init__(f"{PREFIX}{number} {self.details}")

    @property
    def uri(self) -> str:
        return f"{PREFIX}{self.number}"
