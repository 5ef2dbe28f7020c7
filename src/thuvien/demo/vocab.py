"""Vocabularies of the demo catalogue: real works with their real authors, and title patterns.

Three kinds of records come out of these lists (catalog/demo.py builds the MARC):

- ``REAL_WORKS``: Vietnamese works everybody knows, each with its real author, the subject a
  library gives it and the publishers that really print it (Truyện Kiều by Nguyễn Du from Văn
  học or Giáo dục, never from a medical publisher); a famous author writes nothing else;
- ``CLASSES``: for each DDC 23 class its subject heading (as the National Library of Vietnam's
  list writes them), the publishers of that field, and title patterns whose slots are filled
  from the vocabularies in ``SLOTS`` ("Kỹ thuật trồng {crop}{where}"), so titles are plausible,
  agree with their subject, and are mostly distinct (about 150,000 different titles in 200,000
  records) while words such as "lịch sử" or "kinh tế" still find many records;
- ``TARGETS``: titles that appear once, at fixed record numbers, with the query a reader
  would type, so a relevance test on a large generated catalogue knows the right answer.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split("|") if w.strip()]


# Publishers by field: (place, publisher).
PUBLISHERS: dict[str, list[tuple[str, str]]] = {
    "lit": [("Hà Nội", "Văn học"), ("Hà Nội", "Hội Nhà văn"), ("TP. Hồ Chí Minh", "Trẻ"),
            ("Hà Nội", "Phụ nữ Việt Nam"), ("Hà Nội", "Lao động")],
    "child": [("Hà Nội", "Kim Đồng"), ("TP. Hồ Chí Minh", "Trẻ"), ("Hà Nội", "Giáo dục Việt Nam")],
    "school": [("Hà Nội", "Giáo dục Việt Nam"), ("Hà Nội", "Đại học Sư phạm"),
               ("Hà Nội", "Đại học Quốc gia Hà Nội")],
    "pol": [("Hà Nội", "Chính trị quốc gia Sự thật"), ("Hà Nội", "Lý luận chính trị")],
    "law": [("Hà Nội", "Tư pháp"), ("Hà Nội", "Chính trị quốc gia Sự thật"),
            ("Hà Nội", "Lao động")],
    "hist": [("Hà Nội", "Khoa học xã hội"), ("Hà Nội", "Chính trị quốc gia Sự thật"),
             ("Hà Nội", "Quân đội nhân dân"), ("Hà Nội", "Đại học Quốc gia Hà Nội")],
    "soc": [("Hà Nội", "Khoa học xã hội"), ("Hà Nội", "Văn hoá dân tộc"), ("Hà Nội", "Thế giới"),
            ("Hà Nội", "Hồng Đức")],
    "econ": [("Hà Nội", "Tài chính"), ("Hà Nội", "Lao động"), ("Hà Nội", "Thống kê"),
             ("TP. Hồ Chí Minh", "Kinh tế TP. Hồ Chí Minh")],
    "sci": [("Hà Nội", "Khoa học và Kỹ thuật"), ("Hà Nội", "Bách khoa Hà Nội"),
            ("Hà Nội", "Thông tin và Truyền thông")],
    "agri": [("Hà Nội", "Nông nghiệp"), ("TP. Hồ Chí Minh", "Nông nghiệp")],
    "med": [("Hà Nội", "Y học")],
    "life": [("Hà Nội", "Phụ nữ Việt Nam"), ("TP. Hồ Chí Minh", "Tổng hợp TP. Hồ Chí Minh"),
             ("Hà Nội", "Thanh niên"), ("Hà Nội", "Lao động")],
    "art": [("Hà Nội", "Âm nhạc"), ("Hà Nội", "Văn hoá dân tộc"), ("Hà Nội", "Sân khấu")],
    "rel": [("Hà Nội", "Tôn giáo"), ("Hà Nội", "Hồng Đức")],
    "sport": [("Hà Nội", "Thể dục thể thao")],
    "local": [("Hưng Yên", "Sở Văn hoá, Thể thao và Du lịch Hưng Yên"), ("Hà Nội", "Hội Nhà văn"),
              ("Hà Nội", "Văn hoá dân tộc")],
    "eng": [("London", "Penguin Books"), ("New York", "Random House"),
            ("Oxford", "Oxford University Press")],
    "eng_it": [("Sebastopol, CA", "O'Reilly Media")],
    "fre": [("Paris", "Gallimard"), ("Paris", "Le Livre de Poche")],
}

SURNAMES = _words(
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đinh|Trịnh|"
    "Lương|Mai|Cao|Tạ|Chu|Đoàn|Vương|Kiều|Lưu|Tô|Hà"
)
MIDDLE = _words(
    "Văn|Thị|Đức|Minh|Thu|Hữu|Ngọc|Thanh|Quang|Xuân|Hoàng|Kim|Thế|Bảo|Đình|Khánh|Phương|Hồng|"
    "Quốc|Anh|Gia|Công|Mạnh|Như|Trọng|Thuý"
)
GIVEN = _words(
    "An|Bình|Cường|Dũng|Giang|Hà|Hải|Hạnh|Hùng|Hương|Lan|Linh|Long|Mai|Nam|Nga|Phong|Phúc|Quân|"
    "Sơn|Tâm|Thảo|Trang|Tuấn|Việt|Yến|Ánh|Đức|Khoa|Thắng|Huệ|Lộc|Nhung|Hiếu|Hoa|Huy|Khánh|"
    "Chi|Duy|Tùng|Vinh|Hoà|Kiên|Tú|Quỳnh|Thuỷ|Trung|Thư|Ngân|Hưng"
)

# (title, author or "" for an anonymous work, second author, DDC, subject, publishers,
#  first published). The demo prints editions from the first publication (or 1960) on.
LIT_NOVEL = "Văn học Việt Nam -- Tiểu thuyết"
LIT_POETRY = "Văn học Việt Nam -- Thơ"
LIT_STORY = "Văn học Việt Nam -- Truyện ngắn"
REAL_WORKS: list[tuple[str, str, str, str, str, str, int]] = [
    ("Truyện Kiều", "Nguyễn Du", "", "895.9221", LIT_POETRY, "lit", 1820),
    ("Chinh phụ ngâm", "Đặng Trần Côn", "Đoàn Thị Điểm", "895.9221", LIT_POETRY, "lit", 1741),
    ("Cung oán ngâm khúc", "Nguyễn Gia Thiều", "", "895.9221", LIT_POETRY, "lit", 1800),
    ("Lục Vân Tiên", "Nguyễn Đình Chiểu", "", "895.9221", LIT_POETRY, "lit", 1865),
    ("Thơ Hồ Xuân Hương", "Hồ Xuân Hương", "", "895.9221", LIT_POETRY, "lit", 1820),
    ("Quốc âm thi tập", "Nguyễn Trãi", "", "895.9221", LIT_POETRY, "lit", 1480),
    ("Nhật ký trong tù", "Hồ Chí Minh", "", "895.9221", LIT_POETRY, "lit", 1960),
    ("Thơ thơ", "Xuân Diệu", "", "895.9221", LIT_POETRY, "lit", 1938),
    ("Gửi hương cho gió", "Xuân Diệu", "", "895.9221", LIT_POETRY, "lit", 1945),
    ("Lửa thiêng", "Huy Cận", "", "895.9221", LIT_POETRY, "lit", 1940),
    ("Điêu tàn", "Chế Lan Viên", "", "895.9221", LIT_POETRY, "lit", 1937),
    ("Mấy vần thơ", "Thế Lữ", "", "895.9221", LIT_POETRY, "lit", 1935),
    ("Từ ấy", "Tố Hữu", "", "895.9221", LIT_POETRY, "lit", 1946),
    ("Việt Bắc", "Tố Hữu", "", "895.9221", LIT_POETRY, "lit", 1954),
    ("Đau thương", "Hàn Mặc Tử", "", "895.9221", LIT_POETRY, "lit", 1938),
    ("Lỡ bước sang ngang", "Nguyễn Bính", "", "895.9221", LIT_POETRY, "lit", 1940),
    ("Mây đầu ô", "Quang Dũng", "", "895.9221", LIT_POETRY, "lit", 1986),
    ("Gió Lào cát trắng", "Xuân Quỳnh", "", "895.9221", LIT_POETRY, "lit", 1974),
    ("Mặt đường khát vọng", "Nguyễn Khoa Điềm", "", "895.9221", LIT_POETRY, "lit", 1974),
    ("Ánh trăng", "Nguyễn Duy", "", "895.9221", LIT_POETRY, "lit", 1984),
    ("Tắt đèn", "Ngô Tất Tố", "", "895.9223", LIT_NOVEL, "lit", 1939),
    ("Lều chõng", "Ngô Tất Tố", "", "895.9223", LIT_NOVEL, "lit", 1952),
    ("Số đỏ", "Vũ Trọng Phụng", "", "895.9223", LIT_NOVEL, "lit", 1936),
    ("Giông tố", "Vũ Trọng Phụng", "", "895.9223", LIT_NOVEL, "lit", 1936),
    ("Bỉ vỏ", "Nguyên Hồng", "", "895.9223", LIT_NOVEL, "lit", 1938),
    ("Những ngày thơ ấu", "Nguyên Hồng", "", "895.9223", LIT_NOVEL, "lit", 1940),
    ("Chí Phèo", "Nam Cao", "", "895.9223", LIT_STORY, "lit", 1941),
    ("Sống mòn", "Nam Cao", "", "895.9223", LIT_NOVEL, "lit", 1956),
    ("Bước đường cùng", "Nguyễn Công Hoan", "", "895.9223", LIT_NOVEL, "lit", 1938),
    ("Vợ nhặt", "Kim Lân", "", "895.9223", LIT_STORY, "lit", 1962),
    ("Gió lạnh đầu mùa", "Thạch Lam", "", "895.9223", LIT_STORY, "lit", 1937),
    ("Hà Nội băm sáu phố phường", "Thạch Lam", "", "895.9223", LIT_STORY, "lit", 1943),
    ("Vang bóng một thời", "Nguyễn Tuân", "", "895.9223", LIT_STORY, "lit", 1940),
    ("Đoạn tuyệt", "Nhất Linh", "", "895.9223", LIT_NOVEL, "lit", 1935),
    ("Gánh hàng hoa", "Nhất Linh", "Khái Hưng", "895.9223", LIT_NOVEL, "lit", 1934),
    ("Hồn bướm mơ tiên", "Khái Hưng", "", "895.9223", LIT_NOVEL, "lit", 1933),
    ("Tiêu sơn tráng sĩ", "Khái Hưng", "", "895.9223", LIT_NOVEL, "lit", 1937),
    ("Thương nhớ mười hai", "Vũ Bằng", "", "895.9223", LIT_STORY, "lit", 1972),
    ("Dế Mèn phiêu lưu ký", "Tô Hoài", "", "895.9223", LIT_NOVEL, "child", 1941),
    ("Vợ chồng A Phủ", "Tô Hoài", "", "895.9223", LIT_STORY, "lit", 1952),
    ("Truyện Tây Bắc", "Tô Hoài", "", "895.9223", LIT_STORY, "lit", 1953),
    ("Đất rừng phương Nam", "Đoàn Giỏi", "", "895.9223", LIT_NOVEL, "child", 1957),
    ("Quê nội", "Võ Quảng", "", "895.9223", LIT_NOVEL, "child", 1974),
    ("Tuổi thơ dữ dội", "Phùng Quán", "", "895.9223", LIT_NOVEL, "child", 1988),
    ("Hương rừng Cà Mau", "Sơn Nam", "", "895.9223", LIT_STORY, "lit", 1962),
    ("Đất nước đứng lên", "Nguyên Ngọc", "", "895.9223", LIT_NOVEL, "lit", 1955),
    ("Rừng xà nu", "Nguyễn Trung Thành", "", "895.9223", LIT_STORY, "lit", 1965),
    ("Hòn Đất", "Anh Đức", "", "895.9223", LIT_NOVEL, "lit", 1966),
    ("Người mẹ cầm súng", "Nguyễn Thi", "", "895.9223", LIT_STORY, "lit", 1965),
    ("Dấu chân người lính", "Nguyễn Minh Châu", "", "895.9223", LIT_NOVEL, "lit", 1972),
    ("Chiếc thuyền ngoài xa", "Nguyễn Minh Châu", "", "895.9223", LIT_STORY, "lit", 1983),
    ("Mùa lá rụng trong vườn", "Ma Văn Kháng", "", "895.9223", LIT_NOVEL, "lit", 1985),
    ("Thời xa vắng", "Lê Lựu", "", "895.9223", LIT_NOVEL, "lit", 1986),
    ("Tướng về hưu", "Nguyễn Huy Thiệp", "", "895.9223", LIT_STORY, "lit", 1987),
    ("Bến không chồng", "Dương Hướng", "", "895.9223", LIT_NOVEL, "lit", 1990),
    ("Nỗi buồn chiến tranh", "Bảo Ninh", "", "895.9223", LIT_NOVEL, "lit", 1990),
    ("Mảnh đất lắm người nhiều ma", "Nguyễn Khắc Trường", "", "895.9223", LIT_NOVEL, "lit",
     1990),
    ("Cánh đồng bất tận", "Nguyễn Ngọc Tư", "", "895.9223", LIT_STORY, "lit", 2005),
    ("Mắt biếc", "Nguyễn Nhật Ánh", "", "895.9223", LIT_NOVEL, "child", 1990),
    ("Cho tôi xin một vé đi tuổi thơ", "Nguyễn Nhật Ánh", "", "895.9223", LIT_NOVEL, "child",
     2008),
    ("Tôi thấy hoa vàng trên cỏ xanh", "Nguyễn Nhật Ánh", "", "895.9223", LIT_NOVEL, "child",
     2010),
    ("Nhật ký Đặng Thuỳ Trâm", "Đặng Thuỳ Trâm", "", "895.9228", "Văn học Việt Nam -- Nhật ký",
     "lit", 2005),
    ("Việt Nam sử lược", "Trần Trọng Kim", "", "959.7", "Lịch sử Việt Nam", "hist", 1920),
    ("Nho giáo", "Trần Trọng Kim", "", "181.112", "Nho giáo", "soc", 1930),
    ("Việt Nam văn hoá sử cương", "Đào Duy Anh", "", "306.09597", "Văn hoá Việt Nam", "soc",
     1938),
    ("Đất nước Việt Nam qua các đời", "Đào Duy Anh", "", "911.597", "Địa lý lịch sử", "hist",
     1964),
    ("Lịch triều hiến chương loại chí", "Phan Huy Chú", "", "959.7", "Lịch sử Việt Nam", "hist",
     1821),
    ("Phủ biên tạp lục", "Lê Quý Đôn", "", "959.7", "Lịch sử Việt Nam", "hist", 1776),
    ("Vũ trung tuỳ bút", "Phạm Đình Hổ", "", "895.9228", "Văn học trung đại", "lit", 1810),
    ("Thượng kinh ký sự", "Lê Hữu Trác", "", "895.9228", "Văn học trung đại", "lit", 1783),
    ("Truyền kỳ mạn lục", "Nguyễn Dữ", "", "895.9223", "Văn học trung đại", "lit", 1547),
    ("Hoàng Lê nhất thống chí", "Ngô gia văn phái", "", "895.9223", "Văn học trung đại", "lit",
     1804),
    ("Đại Việt sử ký toàn thư", "Ngô Sĩ Liên", "", "959.7", "Lịch sử Việt Nam", "hist", 1479),
    ("Việt Nam phong tục", "Phan Kế Bính", "", "390.09597", "Phong tục tập quán", "soc", 1915),
    ("Tục ngữ ca dao dân ca Việt Nam", "Vũ Ngọc Phan", "", "398.909597", "Văn học dân gian",
     "soc", 1956),
    ("Thi nhân Việt Nam", "Hoài Thanh", "Hoài Chân", "895.922109", "Phê bình văn học", "lit",
     1942),
    ("Việt Nam văn học sử yếu", "Dương Quảng Hàm", "", "895.92209", "Lịch sử văn học", "school",
     1943),
    ("Miếng ngon Hà Nội", "Vũ Bằng", "", "641.59597", "Nấu ăn", "life", 1960),
    ("Đường Kách mệnh", "Hồ Chí Minh", "", "335.4346", "Tư tưởng Hồ Chí Minh", "pol", 1927),
    ("Việt Nam Phật giáo sử luận", "Nguyễn Lang", "", "294.309597", "Phật giáo", "rel", 1973),
    ("Thiền uyển tập anh", "", "", "294.3927", "Phật giáo", "rel", 1337),
    ("Lĩnh Nam chích quái", "Trần Thế Pháp", "", "398.209597", "Văn học dân gian", "soc", 1492),
]

# Title patterns: their slots are filled from SLOTS below; {where} is "" or " ở <place>" etc.
PROVINCES = _words(
    "Hưng Yên|Thái Bình|Bắc Ninh|Bắc Giang|Hà Nội|Hải Phòng|Quảng Ninh|Ninh Bình|Phú Thọ|"
    "Thái Nguyên|Lạng Sơn|Cao Bằng|Tuyên Quang|Lào Cai|Điện Biên|Lai Châu|Sơn La|Thanh Hoá|"
    "Nghệ An|Hà Tĩnh|Quảng Trị|Huế|Đà Nẵng|Quảng Ngãi|Gia Lai|Đắk Lắk|Khánh Hoà|Lâm Đồng|"
    "Đồng Nai|Tây Ninh|TP. Hồ Chí Minh|Đồng Tháp|Vĩnh Long|An Giang|Cần Thơ|Cà Mau"
)
COMMUNES = _words(
    "Phố Hiến|Sơn Nam|Mỹ Hào|Tiên Lữ|Khoái Châu|Văn Giang|Kim Động|Ân Thi|Phù Cừ|Yên Mỹ|"
    "Văn Lâm|Hồng Châu|Lạc Đạo|Nghĩa Trụ|Tân Hưng|Hoàng Hoa Thám|Đông Tảo|Bình Minh|"
    "Thái Bình|Trần Hưng Đạo|Kiến Xương|Tiền Hải|Quỳnh Phụ|Vũ Thư|Đông Hưng|Hưng Hà|"
    "Thái Thụy|Nam Trung|Đông Cơ|An Bài|Kinh Bắc|Từ Sơn|Thuận Thành|Quế Võ|Gia Bình|Lương Tài|"
    "Tiên Du|Yên Phong|Đồng Kỵ|Phù Lãng|Đông Hồ|Việt Yên|Lục Ngạn|Yên Thế|Hiệp Hoà|Tân Yên|"
    "Quang Trung|Lê Lợi|Hồng Phong|Tân Tiến|Đồng Tâm|Hoà Bình|Thống Nhất|Tiến Thắng|Minh Khai|"
    "Nghĩa Dân|Toàn Thắng|Hùng An|Quảng Lãng|Minh Châu|Thụy Lôi|Phạm Ngũ Lão|Dị Sử|Bạch Sam|"
    "Xuân Trúc|Đặng Lễ|Hạ Lễ|Đình Cao|Nhật Tân|Tống Trân|Minh Tân|Đông Kết|Tân Dân|Hàm Tử|"
    "Chí Tân|Bình Kiều|Dạ Trạch|Nhuế Dương|Thuần Hưng|Ông Đình|Liên Nghĩa|Mễ Sở|Xuân Quan|"
    "Cửu Cao|Long Hưng|Phụng Công|Thắng Lợi|Phú Thịnh|Đại Hưng|Lạc Hồng|Trưng Trắc"
)
REGIONS = _words(
    "đồng bằng sông Hồng|đồng bằng sông Cửu Long|miền núi phía Bắc|Tây Nguyên|Bắc Trung Bộ|"
    "duyên hải Nam Trung Bộ|Đông Nam Bộ|vùng ven biển|vùng trung du|vùng bãi ven sông"
)
PLACES = PROVINCES + COMMUNES  # where a generated title names a place

SLOTS: dict[str, list[str]] = {
    "province": PROVINCES,
    "commune": COMMUNES,
    "place": PLACES,
    "region": REGIONS,
    "period": _words(
        "1930–2020|1945–2020|1945–2025|1954–2015|1975–2020|1986–2025|2000–2025|1930–1975|"
        "1945–1975|1975–2000|2010–2025"
    ),
    "congress": _words("I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII|XVIII|XIX|XX"),
    "era": _words(
        "thời Hùng Vương|thời Lý|thời Trần|thời Lê sơ|thời Lê trung hưng|thời Tây Sơn|"
        "thời Nguyễn|thời Pháp thuộc|thời kỳ kháng chiến chống Pháp|thời kỳ kháng chiến chống Mỹ|"
        "thời kỳ đổi mới|thế kỷ XVII – XVIII|thế kỷ XIX|thế kỷ XX"
    ),
    "hero": _words(
        "Hai Bà Trưng|Bà Triệu|Ngô Quyền|Đinh Bộ Lĩnh|Lê Hoàn|Lý Thường Kiệt|Trần Hưng Đạo|"
        "Trần Nhân Tông|Lê Lợi|Nguyễn Trãi|Lê Thánh Tông|Quang Trung|Nguyễn Huệ|Phan Bội Châu|"
        "Phan Châu Trinh|Nguyễn Thiện Thuật|Hoàng Hoa Thám|Võ Nguyên Giáp|Chu Văn An|"
        "Lê Quý Đôn|Lê Hữu Trác|Nguyễn Công Hoan|Phạm Ngũ Lão|Yết Kiêu|Dã Tượng"
    ),
    "hist_theme": _words(
        "sự nghiệp dựng nước và giữ nước|truyền thống yêu nước|công cuộc chống ngoại xâm|"
        "nền giáo dục khoa cử|quê hương và sự nghiệp|di sản văn hoá|tư tưởng quân sự|"
        "những trang sử vàng|tư liệu và nghiên cứu|cuộc đời và sự nghiệp"
    ),
    "battle": _words(
        "Bạch Đằng|Chi Lăng|Như Nguyệt|Đống Đa|Rạch Gầm – Xoài Mút|Điện Biên Phủ|Vạn Kiếp|"
        "Hàm Tử – Chương Dương|Tốt Động – Chúc Động|Đường 9 – Nam Lào|Xuân 1975|Hồ Chí Minh"
    ),
    "fic_head": _words(
        "Mùa|Bến|Dòng sông|Cánh đồng|Ngôi nhà|Con đường|Chuyến tàu|Góc phố|Ký ức|Giấc mơ|Bóng|"
        "Tiếng gọi|Những ngày|Đêm|Chiều|Mảnh đất|Người đàn bà|Cô gái|Người lính|Người thầy|"
        "Khúc hát|Mùa hoa|Ngọn đèn|Cây cầu|Bến đò|Xóm|Làng|Phố|Chuyện tình|Lời hứa|Vết thương|"
        "Hạt mưa|Cơn bão|Ánh sáng|Mặt trời|Biển|Núi|Rừng|Gió|Sương|Trăng|Nắng|Hoàng hôn|"
        "Bình minh|Tháng năm|Người mẹ|Người cha|Đứa con|Người về|Nỗi nhớ|Miền|Kẻ"
    ),
    "fic_tail": _words(
        "không tên|cuối cùng|của mẹ|xa xôi|bên sông|trong sương|mùa lũ|ngày ấy|tháng Chạp|"
        "phía trước|đã qua|màu tím|quê ngoại|trên núi|lặng lẽ|không ngủ|tháng Giêng|bên kia núi|"
        "trở về|thời con gái|của cha|cuối phố|đầu làng|dưới trăng|mùa đông|mùa hạ|ngoài đảo|"
        "biên giới|ven đê|cuối trời|trong rừng|thao thức|còn lại|đi xa|ở lại|không quên|"
        "lầm lũi|dịu dàng|hoang dại|bình yên|rực lửa|bé nhỏ|mênh mông|của những người ở lại|"
        "năm ấy|trước bão|sau chiến tranh|thời bao cấp|trên phố cũ|bên bờ sông Hồng|miền Tây|"
        "Tây Bắc|Tây Nguyên|thành phố|đầu hạ|cuối thu|ngày mai|không trở lại|của tôi|của em"
    ),
    "poem_head": _words(
        "Khúc hát|Lời ru|Gửi|Hương|Mùa|Sóng|Tiếng|Bài ca|Dấu chân|Giọt|Vầng|Thương|Nhớ"
    ),
    "poem_tail": _words(
        "quê hương|mẹ|dòng sông|biển|tuổi thơ|đồng lúa|hoa sữa|hoa gạo|hoa sen|người lính|"
        "mùa thu|Hà Nội|làng xưa|trăng|đất nước|tình yêu|bến quê|ngày mới|mưa xuân|cánh cò|"
        "con đò|phố Hiến|nhãn lồng|sông Luộc|biên cương|đêm trắng"
    ),
    "ethnic": _words(
        "Tày|Nùng|Thái|Mường|H'Mông|Dao|Ê Đê|Ba Na|Gia Rai|Khmer|Chăm|Sán Dìu|Sán Chay|Giáy|"
        "Lô Lô|Hà Nhì|Xơ Đăng|Cơ Tu|Raglai|Chơ Ro"
    ),
    "folk_thing": _words(
        "Thánh Gióng|Sơn Tinh – Thuỷ Tinh|Chử Đồng Tử|Trầu cau|Bánh chưng bánh giầy|"
        "Hồ Gươm|Mai An Tiêm|Con Rồng cháu Tiên|Tấm Cám|Thạch Sanh|Cây khế|Sọ Dừa|Cây tre trăm đốt"
    ),
    "sector": _words(
        "nông nghiệp|công nghiệp|du lịch|thương mại|dịch vụ|làng nghề|kinh tế tập thể|"
        "hợp tác xã|kinh tế trang trại|doanh nghiệp nhỏ và vừa|kinh tế số|logistics|"
        "thương mại điện tử|năng lượng tái tạo|kinh tế tư nhân|nông nghiệp công nghệ cao|"
        "kinh tế biển|công nghiệp hỗ trợ|nguồn nhân lực|khu công nghiệp|kinh tế cửa khẩu|"
        "thị trường lao động|xuất khẩu nông sản|kinh tế tuần hoàn|chuyển đổi số"
    ),
    "econ_subject": _words(
        "kinh tế vi mô|kinh tế vĩ mô|kinh tế lượng|kinh tế phát triển|kinh tế quốc tế|"
        "nguyên lý kế toán|kế toán tài chính|kế toán quản trị|tài chính doanh nghiệp|"
        "quản trị học|quản trị marketing|quản trị nhân lực|quản trị chiến lược|"
        "thị trường chứng khoán|ngân hàng thương mại|thuế|kiểm toán|thống kê kinh tế|"
        "kinh tế nông nghiệp|kinh tế đầu tư|thương mại điện tử|quản lý dự án"
    ),
    "law": _words(
        "Luật Đất đai|Luật Giao thông đường bộ|Luật Hôn nhân và gia đình|Bộ luật Dân sự|"
        "Bộ luật Hình sự|Bộ luật Lao động|Luật Doanh nghiệp|Luật Đầu tư|Luật Bảo vệ môi trường|"
        "Luật Giáo dục|Luật Khám bệnh, chữa bệnh|Luật Bảo hiểm xã hội|Luật Bảo hiểm y tế|"
        "Luật Trẻ em|Luật Thanh niên|Luật Người cao tuổi|Luật Phòng, chống ma tuý|"
        "Luật Xử lý vi phạm hành chính|Luật Nhà ở|Luật Kinh doanh bất động sản|Luật Thuế thu "
        "nhập cá nhân|Luật Cư trú|Luật Căn cước|Luật Tiếp cận thông tin|Luật An ninh mạng|"
        "Luật Phòng cháy và chữa cháy|Luật Trồng trọt|Luật Chăn nuôi|Luật Lâm nghiệp|"
        "Luật Thuỷ sản|Luật Di sản văn hoá|Luật Tín ngưỡng, tôn giáo|Luật Hoà giải ở cơ sở"
    ),
    "law_year": _words("2005|2010|2012|2013|2014|2015|2017|2018|2019|2020|2022|2023|2024|2025"),
    "law_topic": _words(
        "đất đai|hôn nhân và gia đình|thừa kế|hợp đồng dân sự|lao động|bảo hiểm xã hội|"
        "bảo hiểm y tế|giao thông|phòng chống bạo lực gia đình|quyền trẻ em|bình đẳng giới|"
        "khiếu nại, tố cáo|hộ tịch|cư trú|thuế|xây dựng nhà ở|môi trường|an toàn thực phẩm|"
        "phòng chống tham nhũng|hoà giải ở cơ sở|xử phạt vi phạm hành chính|an ninh mạng|"
        "quyền sử dụng đất|dân chủ ở cơ sở"
    ),
    "audience": _words(
        "nông dân|công nhân|thanh niên|phụ nữ|người cao tuổi|học sinh|cán bộ cơ sở|"
        "đồng bào dân tộc thiểu số|doanh nghiệp|hội viên hội nông dân|người lao động"
    ),
    "school_subject": _words(
        "Toán|Ngữ văn|Tiếng Việt|Tiếng Anh|Vật lí|Hoá học|Sinh học|Lịch sử|Địa lí|Tin học|"
        "Giáo dục công dân|Công nghệ|Khoa học tự nhiên|Lịch sử và Địa lí|Âm nhạc|Mĩ thuật|"
        "Hoạt động trải nghiệm|Giáo dục thể chất|Đạo đức|Tự nhiên và Xã hội"
    ),
    "grade": [str(n) for n in range(1, 13)],
    "book_form": _words(
        "Sách giáo viên|Sách bài tập|Vở bài tập|Bồi dưỡng học sinh giỏi|Ôn tập và kiểm tra|"
        "Bài tập nâng cao|Hướng dẫn học|Đề kiểm tra|Tài liệu dạy học|Thiết kế bài giảng"
    ),
    "skill": _words(
        "giao tiếp|tự học|làm việc nhóm|thuyết trình|quản lý thời gian|tư duy phản biện|"
        "phòng tránh xâm hại|ứng phó thiên tai|sơ cứu|bơi an toàn|sử dụng mạng xã hội|"
        "tự phục vụ|kiểm soát cảm xúc|giải quyết vấn đề|đọc sách|ghi chép"
    ),
    "level": _words("mầm non|tiểu học|trung học cơ sở|trung học phổ thông|đại học"),
    "edu_topic": _words(
        "đổi mới phương pháp dạy học|đánh giá năng lực học sinh|giáo dục STEM|"
        "giáo dục hoà nhập|chuyển đổi số trong nhà trường|xây dựng văn hoá đọc|"
        "công tác chủ nhiệm lớp|giáo dục kỹ năng sống|phát triển chương trình nhà trường|"
        "quản lý trường học|tư vấn tâm lý học đường|dạy học tích hợp|giáo dục địa phương"
    ),
    "lang_pair": _words(
        "Anh – Việt|Việt – Anh|Pháp – Việt|Việt – Pháp|Trung – Việt|Nhật – Việt|Hàn – Việt|"
        "Nga – Việt|Đức – Việt|Hán – Việt|Tày – Việt|Thái – Việt|Khmer – Việt|Ê Đê – Việt"
    ),
    "dict_kind": _words(
        "Từ điển|Từ điển học sinh|Từ điển thành ngữ|Từ điển thuật ngữ kinh tế|"
        "Từ điển thuật ngữ y học|Từ điển thuật ngữ pháp lý|Từ điển thuật ngữ tin học|"
        "Từ điển bỏ túi|Từ điển chuyên ngành nông nghiệp"
    ),
    "math_topic": _words(
        "giải tích|đại số tuyến tính|hình học giải tích|xác suất thống kê|phương trình vi phân|"
        "toán rời rạc|lý thuyết số|hình học không gian|tổ hợp|bất đẳng thức|số phức|"
        "phương trình và hệ phương trình|hàm số và đồ thị|lượng giác|dãy số và giới hạn"
    ),
    "prog_lang": _words(
        "Python|Java|C|C++|C#|JavaScript|PHP|Go|Kotlin|Swift|SQL|R|Scratch|TypeScript"
    ),
    "it_topic": _words(
        "cơ sở dữ liệu|mạng máy tính|an toàn thông tin|trí tuệ nhân tạo|học máy|"
        "phân tích dữ liệu|thiết kế web|lập trình hướng đối tượng|cấu trúc dữ liệu và giải thuật|"
        "hệ điều hành Linux|điện toán đám mây|Internet vạn vật|thương mại điện tử|"
        "đồ hoạ máy tính|công nghệ phần mềm|chuyển đổi số|xử lý ảnh|dữ liệu lớn|"
        "kỹ năng số|thư viện số"
    ),
    "office": _words(
        "Word|Excel|PowerPoint|Microsoft Office|LibreOffice|Google Workspace|Canva|Photoshop"
    ),
    "it_level": _words(
        "cơ bản|nâng cao|cho người mới bắt đầu|từ cơ bản đến nâng cao|qua ví dụ|thực hành"
    ),
    "crop": _words(
        "lúa|ngô|khoai lang|sắn|lạc|đậu tương|rau muống|cải bắp|cà chua|dưa hấu|dưa chuột|"
        "bí xanh|nhãn|vải thiều|cam|bưởi|chuối|xoài|thanh long|na|hồng xiêm|ổi|táo|mận|chè|"
        "cà phê|hồ tiêu|điều|cao su|mía|nấm rơm|nấm sò|nghệ|gừng|sen|hoa hồng|hoa cúc|"
        "hoa lan|đào cảnh|quất cảnh|dâu tây|dứa|chanh leo|bơ|sầu riêng|măng tây|tỏi|hành tím"
    ),
    "crop_verb": _words(
        "Kỹ thuật trồng|Kỹ thuật trồng và chăm sóc|Kỹ thuật thâm canh|Quy trình trồng|"
        "Hướng dẫn trồng|Kỹ thuật nhân giống|Phòng trừ sâu bệnh hại|Bón phân cho|"
        "Kỹ thuật thu hoạch và bảo quản|Trồng hữu cơ|Sơ chế và chế biến|Tưới tiết kiệm cho"
    ),
    "animal": _words(
        "lợn|lợn rừng|bò thịt|bò sữa|trâu|dê|thỏ|gà thả vườn|gà Đông Tảo|vịt|ngan|ngỗng|"
        "chim bồ câu|chim cút|ong mật|hươu|nhím|dế|giun quế|ngựa|đà điểu"
    ),
    "animal_verb": _words(
        "Kỹ thuật chăn nuôi|Kỹ thuật nuôi|Phòng và trị bệnh cho|Thức ăn cho|Chuồng trại nuôi|"
        "Nuôi an toàn sinh học|Kỹ thuật vỗ béo|Chọn giống"
    ),
    "fish": _words(
        "cá rô phi|cá trắm cỏ|cá chép|cá tra|cá basa|cá lóc|cá rô đồng|cá trê|cá chình|"
        "cá tầm|tôm sú|tôm thẻ chân trắng|tôm càng xanh|cua đồng|cua biển|ba ba|ếch|lươn|"
        "hàu|nghêu|ốc hương|cá diêu hồng|cá bống tượng"
    ),
    "fish_verb": _words(
        "Kỹ thuật nuôi|Nuôi|Phòng trị bệnh cho|Sản xuất giống|Nuôi thương phẩm|Thức ăn cho"
    ),
    "fish_where": _words(
        "trong ao|trong lồng bè|trong ruộng lúa|trong bể xi măng|ở vùng nước lợ|"
        "theo hướng VietGAP|trong bể lót bạt|kết hợp trồng lúa"
    ),
    "dish": _words(
        "món chay|món ăn gia đình|món ăn ngày Tết|món bánh dân gian|món nhậu|món canh|"
        "món kho|món xào|món gỏi|món lẩu|món ăn cho trẻ nhỏ|món ăn bài thuốc|món ăn vặt|"
        "đồ uống|món bún và phở|món ăn chay ngày rằm|món hấp|món nướng"
    ),
    "dish_count": _words("30|50|60|100|101|120|150|200|365"),
    "disease": _words(
        "tiểu đường|tăng huyết áp|tim mạch|gút|viêm gan B|xương khớp|loãng xương|"
        "sốt xuất huyết|tay chân miệng|cúm|lao|ung thư|đột quỵ|suy thận|dạ dày|hen phế quản|"
        "rối loạn mỡ máu|trầm cảm|mất ngủ|thoái hoá cột sống|bệnh răng miệng|cận thị|"
        "béo phì|suy dinh dưỡng|thiếu máu|viêm đường hô hấp"
    ),
    "health_group": _words(
        "trẻ sơ sinh|trẻ em|trẻ dưới 5 tuổi|tuổi dậy thì|phụ nữ mang thai|bà mẹ sau sinh|"
        "người cao tuổi|người lao động|học sinh|vận động viên|người bệnh tiểu đường"
    ),
    "herb": _words(
        "cây thuốc nam|bài thuốc dân gian|vị thuốc quanh nhà|cây thuốc vườn nhà|"
        "bài thuốc từ rau quả|thuốc nam chữa bệnh thường gặp|xoa bóp bấm huyệt|châm cứu"
    ),
    "festival": _words(
        "hội Gióng|hội Lim|hội chùa Hương|hội đền Hùng|hội Phủ Giày|hội đền Trần|"
        "hội đền Chử Đồng Tử|hội chùa Keo|hội làng|Tết Nguyên đán|Tết Trung thu|"
        "Tết Đoan ngọ|lễ cấp sắc|lễ hội cầu mùa|lễ hội đình làng|hội vật|hội đua thuyền|"
        "hội thả diều|lễ hội Lồng tồng|lễ hội Katê|lễ mừng cơm mới|lễ cúng bến nước"
    ),
    "custom": _words(
        "cưới hỏi|tang ma|thờ cúng tổ tiên|thờ Mẫu|thờ Thành hoàng|ăn Tết|đặt tên|"
        "làm nhà mới|mừng thọ|hương ước|ẩm thực|trang phục|nhà ở|tín ngưỡng"
    ),
    "craft": _words(
        "gốm|mây tre đan|chạm bạc|dệt vải|dệt thổ cẩm|đúc đồng|làm tương|làm hương|"
        "làm bánh|rèn|mộc|sơn mài|tranh dân gian|chiếu cói|làm nón|thêu ren|làm giấy dó|"
        "nuôi tằm dệt lụa|làm mắm|nấu rượu"
    ),
    "genre": _words(
        "quan họ|chèo|ca trù|hát xoan|hát văn|đờn ca tài tử|hát then|bài chòi|hò Huế|"
        "ví giặm|hát trống quân|hát ả đào|cải lương|tuồng|dân ca Thái|dân ca Mường|"
        "hát ru|hát đúm|hát dô|hát ghẹo"
    ),
    "music_form": _words(
        "Tuyển tập làn điệu|Nghệ thuật|Tìm hiểu|Bảo tồn và phát huy|Lời cổ|Các làn điệu|"
        "Sân khấu|Tư liệu|Những nghệ nhân"
    ),
    "pagoda": _words(
        "chùa Chuông|chùa Keo|chùa Dâu|chùa Bút Tháp|chùa Phật Tích|chùa Một Cột|chùa Trấn Quốc|"
        "chùa Thầy|chùa Tây Phương|chùa Hương|chùa Bái Đính|chùa Thiên Mụ|Yên Tử|chùa Nôm"
    ),
    "buddhist": _words(
        "Thiền tông Việt Nam|Phật giáo Trúc Lâm|kiến trúc chùa Việt|nghi lễ Phật giáo|"
        "Phật giáo và văn hoá dân tộc|giáo lý nhà Phật|các vị thiền sư|lịch sử Phật giáo"
    ),
    "sport": _words(
        "bóng đá|bóng chuyền|cầu lông|bóng bàn|cờ tướng|cờ vua|cờ vây|võ cổ truyền|vovinam|"
        "karate|taekwondo|bơi lội|điền kinh|đẩy gậy|kéo co|đá cầu|bóng rổ|quần vợt|pickleball|"
        "yoga|dưỡng sinh|thái cực quyền"
    ),
    "sport_form": _words(
        "Luật thi đấu|Kỹ thuật|Hướng dẫn tập luyện|Giáo trình|Chiến thuật|Tập luyện",
    ),
    "landmark": _words(
        "Vịnh Hạ Long|Phong Nha – Kẻ Bàng|Tràng An|Sa Pa|Mộc Châu|Đà Lạt|Hội An|Phú Quốc|"
        "Côn Đảo|Mũi Cà Mau|Hồ Ba Bể|Đồng Văn|Bản Giốc|Cù lao Chàm|Mỹ Sơn|Hoàng thành Thăng Long"
    ),
    "scope": [
        *(f" ở {p}" for p in PROVINCES),
        *(f" tỉnh {p}" for p in PROVINCES[:20]),
        *(f" vùng {r}" for r in REGIONS),
        *(f" ở xã {c}" for c in COMMUNES[:24]),
        " giai đoạn 2021–2025", " giai đoạn 2026–2030", " thời kỳ đổi mới",
        " thời kỳ công nghiệp hoá, hiện đại hoá", ": thực trạng và giải pháp",
        ": lý luận và thực tiễn", " trong bối cảnh chuyển đổi số", " trong tình hình mới",
        " trong bối cảnh hội nhập quốc tế", " sau sáp nhập tỉnh", " ở nông thôn",
        " ở miền núi", " ở đô thị", ": kinh nghiệm quốc tế", ": những vấn đề đặt ra",
    ],
    "econ_act": _words(
        "Phát triển|Nâng cao hiệu quả|Quản lý nhà nước về|Thu hút đầu tư vào|"
        "Chính sách phát triển|Giải pháp thúc đẩy|Đổi mới|Liên kết phát triển|"
        "Chuyển đổi số trong|Nâng cao năng lực cạnh tranh của|Tái cơ cấu|Huy động vốn cho"
    ),
    "decree_no": [str(n) for n in range(1, 181)],
    "decree_year": _words("2015|2016|2017|2018|2019|2020|2021|2022|2023|2024|2025"),
    "decree_kind": _words("NĐ-CP|NĐ-CP|TT-BTC|TT-BGDĐT|TT-BYT|TT-BNNPTNT|TT-BVHTTDL|QĐ-TTg"),
    "med_act": _words(
        "Phòng và chữa|Chẩn đoán và điều trị|Chăm sóc người bệnh|Phát hiện sớm|Sống khoẻ với|"
        "Dinh dưỡng trong|Hỏi đáp về|Cẩm nang phòng chống|Điều trị|Y học cổ truyền điều trị|"
        "Phục hồi chức năng sau|Tự chăm sóc khi mắc"
    ),
    "med_scope": [
        "", "", " tại cộng đồng", " tại nhà", " tại tuyến y tế cơ sở", " theo y học cổ truyền",
        *(f" ở {g}" for g in _words(
            "trẻ em|trẻ dưới 5 tuổi|phụ nữ mang thai|người cao tuổi|người lao động|học sinh"
        )),
    ],
    "field": _words(
        "quản lý thư viện|y tế|giáo dục|nông nghiệp|ngân hàng|du lịch|quản lý nhà nước|"
        "thương mại|logistics|kế toán|quản lý đất đai|xây dựng|giao thông|bảo tàng|"
        "lưu trữ|báo chí|sản xuất|bán lẻ|quản lý nhân sự|chính quyền số"
    ),
    "it_system": _words(
        "quản lý|thông tin địa lý|hỗ trợ ra quyết định|thư viện điện tử|quản lý học sinh|"
        "bán hàng trực tuyến|dịch vụ công trực tuyến|quản lý hồ sơ|cơ sở dữ liệu"
    ),
    "it_audience": _words(
        "học sinh|sinh viên|giáo viên|cán bộ xã|người cao tuổi|doanh nghiệp nhỏ|"
        "thủ thư|kế toán viên|nông dân|phụ huynh"
    ),
    "kid_char": _words(
        "Chú mèo|Chú cún|Thỏ con|Gấu con|Chú ếch|Bạn Sóc|Chú voi|Cô bé|Cậu bé|Chú gà trống|"
        "Vịt con|Chú ong|Bé Na|Bé Bi|Khỉ con|Nai con|Chú chuột|Cá vàng|Dế con|Chim sẻ"
    ),
    "kid_char2": _words(
        "mèo mướp|cún con|thỏ trắng|gấu nâu|ếch xanh|sóc nhỏ|voi con|gà con|vịt bầu|ong vàng|"
        "khỉ nâu|nai vàng|chuột nhắt|cá chép|dế mèn|chim sâu|bạn Tò Mò|ông trăng|cô gió"
    ),
    "kid_action": _words(
        "đi học|tìm mẹ|và chiếc ô|và ông trăng|lạc đường|học bơi|ăn Tết|trồng cây|đi chợ|"
        "làm bánh|và bạn mới|dũng cảm|không ngủ trưa|đánh răng|đi cắm trại|và cầu vồng|"
        "giúp bà|đến thành phố|về quê|và những vì sao|học đếm|biết nhận lỗi|đi sở thú|"
        "tìm kho báu|ở rừng xanh"
    ),
    "travel_form": _words(
        "Du lịch|Cẩm nang du lịch|Khám phá|Non nước|Đất và người|Địa danh|Danh thắng|"
        "Hành trình khám phá|Ký sự|Về thăm|Những miền quê|Sổ tay hướng dẫn viên du lịch"
    ),
    "tourism_kind": _words(
        "cộng đồng|sinh thái|tâm linh|nông nghiệp|làng nghề|biển đảo|văn hoá|ẩm thực|"
        "homestay|mạo hiểm|lịch sử|nghỉ dưỡng"
    ),
    "folk_form": _words(
        "Truyện cổ|Truyện thơ|Sử thi|Dân ca|Câu đố|Tục ngữ|Truyền thuyết|Lời ru|Thần thoại|"
        "Truyện cười|Văn học dân gian"
    ),
    "folk_topic": _words(
        "lao động sản xuất|tình yêu đôi lứa|gia đình|thời tiết|quê hương|thầy trò|"
        "đạo làm người|nghề nông|cây lúa|sông nước|mẹ|tình bạn|lịch sử dân tộc|ăn uống|"
        "con người|đất nước|phong tục"
    ),
    "hcm_topic": _words(
        "xây dựng Đảng|đại đoàn kết dân tộc|đạo đức cách mạng|giáo dục|văn hoá|kinh tế|"
        "quân sự|nhà nước pháp quyền|dân chủ|công tác cán bộ|thanh niên|phụ nữ|nông dân|"
        "dân tộc|tôn giáo|ngoại giao|thi đua ái quốc|phòng chống tham nhũng|"
        "bảo vệ môi trường|nông nghiệp|dân vận|đọc sách"
    ),
    "lang": _words("Anh|Pháp|Trung|Nhật|Hàn|Nga|Đức|Thái|Lào|Khmer"),
    "lang_form": _words(
        "Tự học|Ngữ pháp|Luyện nghe|Luyện nói|Luyện viết|Giao tiếp|3000 từ vựng|"
        "Luyện thi chứng chỉ|Đàm thoại|Phát âm"
    ),
    "lang_level": [
        "", " cơ bản", " nâng cao", " cho người mới bắt đầu", " trình độ A1", " trình độ B1",
        " trong 30 ngày", " cho học sinh", " du lịch", " thương mại",
    ],
    "cook_style": [
        "", " dễ làm", " cho gia đình", " ba miền", " ngày Tết", " đãi khách",
        " cho người bận rộn", " tốt cho sức khoẻ", " từ rau củ",
    ],
    "hist_org": _words(
        "Đảng bộ tỉnh|Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh|Hội Nông dân tỉnh|"
        "Hội Liên hiệp Phụ nữ tỉnh|Công an tỉnh|Bộ đội Biên phòng tỉnh|"
        "lực lượng vũ trang nhân dân tỉnh|ngành giáo dục tỉnh|ngành y tế tỉnh|"
        "ngành văn hoá tỉnh|Mặt trận Tổ quốc tỉnh|Liên đoàn Lao động tỉnh|"
        "ngành thư viện tỉnh|Hội Cựu chiến binh tỉnh"
    ),
    "hist_org_c": _words(
        "Đảng bộ xã|Đảng bộ phường|Đoàn Thanh niên xã|Hội Nông dân xã|Trường Tiểu học|"
        "Trường Trung học cơ sở|Trạm y tế xã|Hợp tác xã nông nghiệp|làng|Chi bộ thôn"
    ),
    "term": _words("2005–2010|2010–2015|2015–2020|2020–2025|2025–2030"),
    "party_work": _words(
        "xây dựng Đảng|kiểm tra, giám sát|dân vận|tuyên giáo|phát triển đảng viên|"
        "tổ chức cán bộ|bảo vệ chính trị nội bộ|xây dựng chi bộ vững mạnh"
    ),

}

# (DDC 23, subject heading, publisher group, subtitle group, weight, title patterns).
CLASSES: list[tuple[str, str, str, str, int, list[str]]] = [
    ("959.7", "Lịch sử Việt Nam", "hist", "ref", 10, [
        "Lịch sử Đảng bộ xã {commune} ({period})",
        "Lịch sử Đảng bộ phường {commune} ({period})",
        "Lịch sử Đảng bộ tỉnh {province} ({period})",
        "Lịch sử {hist_org} {province} ({period})",
        "Lịch sử {hist_org} {province} ({period})",
        "Lịch sử {hist_org_c} {commune} ({period})",
        "Lịch sử {province} {era}",
        "Lịch sử Việt Nam {era}",
        "{hero} với {hist_theme}",
        "{hero} – {hist_theme}",
        "Chiến thắng {battle}",
        "Chiến thắng {battle} và {hist_theme}",
        "Kháng chiến chống thực dân Pháp ở {place}",
        "Kháng chiến chống Mỹ ở {place} ({period})",
        "Danh nhân {province}",
        "Danh nhân {province} {era}",
        "Lịch sử lực lượng vũ trang nhân dân {province} ({period})",
    ]),
    ("915.97", "Địa lý Việt Nam", "soc", "ref", 4, [
        "{travel_form} {province}",
        "{travel_form} {commune}",
        "{travel_form} {landmark}",
        "Du lịch {tourism_kind} ở {province}",
        "Du lịch {tourism_kind} vùng {region}",
        "Phát triển du lịch {tourism_kind}{scope}",
    ]),
    ("895.9223", LIT_NOVEL, "lit", "novel", 6, [
        "{fic_head} {fic_tail}",
        "{fic_head} {fic_tail}",
        "{fic_head} {fic_tail} ở {commune}",
        "Người con gái {commune}",
        "Chuyện của {given}",
        "{given} và {given2}",
        "Gửi {given}",
        "{fic_head} {fic_tail} ở {commune}",
    ]),
    ("895.9223", LIT_STORY, "lit", "story", 3, [
        "{fic_head} {fic_tail}",
        "{fic_head} {fic_tail}",
        "Truyện ngắn {author}",
        "{fic_head} {fic_tail} và những truyện khác",
    ]),
    ("895.9221", LIT_POETRY, "lit", "poetry", 4, [
        "{poem_head} {poem_tail}",
        "Thơ {author}",
        "Tuyển tập thơ {province}",
        "{poem_head} {poem_tail} {fic_tail}",
        "Thơ {province} {period}",
    ]),
    ("398.209597", "Văn học dân gian", "soc", "ref", 2, [
        "{folk_form} {ethnic}",
        "{folk_form} {province}",
        "{folk_form} {commune}",
        "{folk_form} về {folk_topic}",
        "Ca dao, tục ngữ về {folk_topic}",
        "Sự tích {folk_thing}",
        "Truyền thuyết và lễ hội {place}",
    ]),
    ("808.068", "Văn học thiếu nhi", "child", "child", 4, [
        "Truyện cổ tích {folk_thing}",
        "Bé học {school_subject}",
        "{kid_char} {kid_action}",
        "{kid_char} và {kid_char2} {kid_action}",
        "{kid_char} và {kid_char2} {kid_action}",
        "Em tìm hiểu về cây {crop}",
        "Em tìm hiểu về con {animal}",
        "Em yêu {province}",
        "Kể chuyện {hero}",
        "Truyện tranh {folk_thing}",
        "Những câu chuyện về {animal}",
        "Kỹ năng {skill} cho thiếu nhi",
    ]),
    ("335.4346", "Tư tưởng Hồ Chí Minh", "pol", "ref", 2, [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về {law_topic}",
        "Tư tưởng Hồ Chí Minh về {sector}",
        "Tư tưởng Hồ Chí Minh về {edu_topic}",
        "Vận dụng tư tưởng Hồ Chí Minh về {hcm_topic}{scope}",
        "Tư tưởng Hồ Chí Minh về {hcm_topic}",
        "Chủ tịch Hồ Chí Minh với {province}",
        "Bác Hồ với {audience}",
    ]),
    ("324.2597075", "Đảng Cộng sản Việt Nam", "pol", "ref", 3, [
        "Văn kiện Đại hội đại biểu toàn quốc lần thứ {congress}",
        "Văn kiện Đại hội Đảng bộ tỉnh {province} lần thứ {congress}",
        "Công tác xây dựng Đảng ở {commune}",
        "Văn kiện Đại hội Đảng bộ xã {commune} nhiệm kỳ {term}",
        "Công tác {party_work} ở {commune}",
        "Công tác {party_work} của Đảng bộ tỉnh {province}",
        "Nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng về {sector}",
        "Đảng bộ tỉnh {province} lãnh đạo phát triển {sector}",
    ]),
    ("330.9597", "Kinh tế", "econ", "uni", 8, [
        "{econ_act} {sector}{scope}",
        "{econ_act} {sector}{scope}",
        "{econ_act} {sector}",
        "Kinh tế {province} thời kỳ đổi mới",
        "Giáo trình {econ_subject}",
        "{econ_subject}: lý thuyết và bài tập",
        "Giải pháp phát triển {sector} tỉnh {province}",
        "Quản lý nhà nước về {sector}",
        "Thu hút đầu tư vào {sector} ở {province}",
    ]),
    ("346.597", "Pháp luật", "law", "law", 8, [
        "{law} (sửa đổi, bổ sung năm {law_year})",
        "Tìm hiểu {law}",
        "Hỏi đáp {law}",
        "Hỏi đáp pháp luật về {law_topic}",
        "Pháp luật về {law_topic} cho {audience}",
        "Tìm hiểu pháp luật về {law_topic}",
        "Xử lý tình huống pháp luật về {law_topic}",
        "Văn bản hướng dẫn thi hành {law}",
        "Pháp luật về {law_topic}{scope}",
        "Nghị định số {decree_no}/{decree_year}/{decree_kind} về {law_topic}",
        "Tìm hiểu Nghị định số {decree_no}/{decree_year}/NĐ-CP",
    ]),
    ("370.9597", "Giáo dục", "school", "uni", 5, [
        "Phương pháp dạy học môn {school_subject} ở trường {level}",
        "Kỹ năng {skill} cho học sinh {level}",
        "{edu_topic} ở trường {level}",
        "{edu_topic} ở trường {level}{scope}",
        "Cẩm nang {edu_topic}",
        "Giáo dục {skill} cho trẻ {level}",
        "Một số vấn đề về {edu_topic}",
    ]),
    ("372.19", "Sách giáo khoa", "school", "", 5, [
        "{school_subject} {grade}",
        "{book_form} {school_subject} {grade}",
        "{book_form} {school_subject} {grade}. Tập 1",
        "{book_form} {school_subject} {grade}. Tập 2",
    ]),
    ("495.922", "Tiếng Việt", "school", "ref", 1, [
        "{dict_kind} {lang_pair}",
        "Từ điển tiếng Việt",
        "Ngữ pháp tiếng Việt",
        "Chính tả tiếng Việt cho học sinh {level}",
        "Tiếng Việt lớp {grade}",
        "Tự học tiếng {ethnic}",
    ]),
    ("418", "Ngoại ngữ", "school", "uni", 2, [
        "{lang_form} tiếng {lang}{lang_level}",
    ]),
    ("510", "Toán học", "school", "uni", 2, [
        "Giáo trình {math_topic}",
        "Bài tập {math_topic}",
        "Chuyên đề {math_topic} lớp {grade}",
        "{math_topic}: lý thuyết và bài tập",
        "Tuyển tập đề thi Toán vào lớp 10 tỉnh {province} năm {decree_year}",
        "Đề thi học sinh giỏi Toán lớp {grade} tỉnh {province}",
    ]),
    ("004", "Tin học", "sci", "it", 5, [
        "Lập trình {prog_lang} {it_level}",
        "Giáo trình {it_topic}",
        "{it_topic} {it_level}",
        "Tin học văn phòng: {office} {it_level}",
        "Tự học {office} {it_level}",
        "Nhập môn {it_topic}",
        "{it_topic} với {prog_lang}",
        "Ứng dụng {it_topic} trong {field}",
        "{it_topic} cho {it_audience}",
        "Tin học ứng dụng trong {field}",
        "Ứng dụng {it_topic} trong {field}{scope}",
    ]),
    ("633", "Trồng trọt", "agri", "agri", 8, [
        "{crop_verb} {crop}",
        "{crop_verb} {crop} ở {region}",
        "{crop_verb} {crop} theo hướng VietGAP",
        "{crop_verb} {crop} tại {province}",
        "Cây {crop} ở {province}",
    ]),
    ("636", "Chăn nuôi", "agri", "agri", 4, [
        "{animal_verb} {animal}",
        "{animal_verb} {animal} ở {region}",
        "{animal_verb} {animal} quy mô nông hộ",
        "{animal_verb} {animal} tại {province}",
    ]),
    ("639.3", "Nuôi trồng thuỷ sản", "agri", "agri", 3, [
        "{fish_verb} {fish}",
        "{fish_verb} {fish} {fish_where}",
        "{fish_verb} {fish} ở {region}",
    ]),
    ("641.59597", "Nấu ăn", "life", "", 2, [
        "{dish_count} {dish}",
        "Món ngon {province}",
        "Món ngon {commune}",
        "Đặc sản {commune}",
        "Ẩm thực {province}",
        "Ẩm thực người {ethnic}",
        "{dish_count} {dish}{cook_style}",
        "Đặc sản {province}",
    ]),
    ("613", "Y học", "med", "med", 5, [
        "{med_act} bệnh {disease}{med_scope}",
        "{med_act} bệnh {disease}{med_scope}",
        "Chăm sóc sức khoẻ {health_group}{scope}",
        "Chăm sóc sức khoẻ {health_group}",
        "Dinh dưỡng cho {health_group}",
        "Bệnh {disease} ở {health_group}",
        "Chế độ ăn cho người bệnh {disease}",
        "{herb} chữa bệnh {disease}",
        "Hỏi đáp về bệnh {disease}",
    ]),
    ("390.09597", "Phong tục tập quán", "soc", "ref", 4, [
        "Lễ hội truyền thống {province}",
        "Phong tục {custom} của người {ethnic}",
        "Phong tục {custom} của người Việt",
        "Văn hoá làng {commune}",
        "{festival} ở {place}",
        "Làng nghề {craft} {commune}",
        "Nghề {craft} truyền thống ở {province}",
    ]),
    ("781.62009597", "Âm nhạc dân gian", "art", "ref", 3, [
        "{music_form} {genre}",
        "{music_form} {genre} {province}",
        "Dân ca {ethnic}",
        "{genre} {province}",
    ]),
    ("294.3", "Phật giáo", "rel", "ref", 2, [
        "{buddhist}",
        "{buddhist} ở {province}",
        "Phật giáo {province}{scope}",
        "Lịch sử {pagoda}",
        "Kiến trúc {pagoda}",
        "{pagoda} và {buddhist}",
    ]),
    ("796", "Thể thao", "sport", "", 2, [
        "{sport_form} {sport}",
        "{sport_form} {sport} cho {health_group}",
        "Phong trào {sport} ở {province}",
        "{sport} {it_level}",
    ]),
]

# Subtitles (245 $b) by group: a law gets "Hỏi và đáp", a novel "Tiểu thuyết".
SUBTITLES: dict[str, list[str]] = {
    "ref": ["Sách tham khảo", "Tư liệu", "Chuyên khảo", "Kỷ yếu hội thảo khoa học"],
    "novel": ["Tiểu thuyết"],
    "story": ["Tập truyện ngắn", "Truyện ngắn chọn lọc"],
    "poetry": ["Thơ", "Tập thơ", "Thơ chọn lọc"],
    "child": ["Dành cho thiếu nhi", "Truyện tranh dành cho thiếu nhi", "Sách thiếu nhi"],
    "uni": ["Giáo trình dùng cho sinh viên", "Sách tham khảo", "Tái bản có bổ sung"],
    "law": ["Hỏi và đáp", "Văn bản hợp nhất", "Sách tham khảo"],
    "it": ["Giáo trình", "Tài liệu tự học", "Thực hành"],
    "agri": ["Sổ tay khuyến nông", "Tủ sách Nông thôn mới", "Hỏi và đáp"],
    "med": ["Sổ tay gia đình", "Hỏi và đáp", "Sách phổ biến kiến thức"],
    "": [],
}

# Targets: a title that occurs once, at a known record number of the first network, and the
# query a reader would type to find it. (title, author, DDC, subject, publisher group, query)
TARGETS: list[tuple[str, str, str, str, str, str]] = [
    ("Nghề làm tương Bần ở Mỹ Hào", "Nguyễn Thị Tuyết", "641.3", "Nấu ăn", "local",
     "tuong ban my hao"),
    ("Hát trống quân Đức Hợp", "Phạm Văn Tuyển", "781.62009597", "Âm nhạc dân gian", "art",
     "trống quân Đức Hợp"),
    ("Chè long nhãn Phố Hiến", "Lê Thị Hằng", "641.86", "Nấu ăn", "local", "che long nhan"),
    ("Văn Miếu Xích Đằng", "Trần Văn Doanh", "959.733", "Di tích lịch sử", "local",
     "van mieu xich dang"),
    ("Nuôi ong lấy mật ở bãi bồi sông Hồng", "Đỗ Văn Khải", "638.1", "Nuôi ong", "agri",
     "nuôi ong lấy mật"),
    ("Làng gốm Chu Đậu", "Bùi Minh Trí", "738.09597", "Gốm", "soc", "gom chu dau"),
    ("Múa rối nước làng Đông Các", "Hoàng Thị Nguyệt", "791.53", "Múa rối nước", "art",
     "múa rối nước"),
    ("Đầm sen Tiên Lữ", "Vũ Ngọc Thảo", "635.9", "Trồng trọt", "agri", "dam sen tien lu"),
    ("Tống Trân – Cúc Hoa", "", "895.9221", LIT_POETRY, "lit", "tống trân cúc hoa"),
    ("Khởi nghĩa Bãi Sậy (1883–1892)", "Đinh Xuân Lâm", "959.703", "Lịch sử Việt Nam", "hist",
     "khoi nghia bai say"),
    ("Hải Thượng y tông tâm lĩnh", "Lê Hữu Trác", "615.8809597", "Y học cổ truyền", "med",
     "hai thuong y tong tam linh"),
    ("Kỹ thuật ghép cải tạo vườn nhãn già", "Đào Quang Nghị", "634.6", "Trồng trọt", "agri",
     "ghép cải tạo nhãn"),
    ("Bánh cuốn Phú Thị và rươi Đông Tảo", "Lương Thị Vân", "641.59597", "Nấu ăn", "local",
     "banh cuon phu thi"),
    ("Hỏi đáp về Luật Thư viện năm 2019", "Vụ Thư viện", "027.0597", "Thư viện", "law",
     "luật thư viện"),
    ("Lê Quý Đôn toàn tập", "Lê Quý Đôn", "895.9228", "Văn học trung đại", "soc",
     "le quy don toan tap"),
    ("Sử dụng điện thoại thông minh an toàn cho học sinh", "Nguyễn Thanh Tùng", "004.167",
     "Tin học", "sci", "dien thoai thong minh an toan"),
    ("Đê điều và thuỷ lợi Hưng Yên xưa", "Chu Đức Thắng", "627.09597", "Thuỷ lợi", "local",
     "đê điều thuỷ lợi"),
    ("Tranh khắc gỗ Đông Hồ", "Nguyễn Bá Vân", "769.9597", "Tranh dân gian", "art",
     "tranh dong ho"),
    ("Hương ước làng Nhân Dục", "", "340.5597", "Hương ước", "local", "huong uoc nhan duc"),
    ("Thiên nhiên và con người Tây Nguyên qua sử thi Đăm Săn", "Y Điêng", "398.2",
     "Văn học dân gian", "soc", "sử thi Đăm Săn"),
    ("Phục dựng lễ hội đền Mẫu Phố Hiến", "Trịnh Thị Thoa", "394.26", "Phong tục tập quán",
     "local", "le hoi den mau pho hien"),
    ("Kinh nghiệm xây dựng thư viện xã đạt chuẩn", "Tạ Văn Sơn", "027.4597", "Thư viện",
     "school", "thư viện xã đạt chuẩn"),
]
TARGET_FIRST = 17  # target k is record number TARGET_FIRST + k * TARGET_STRIDE
TARGET_STRIDE = 37

ENGLISH = [  # (title, author, DDC, subject, publisher group)
    ("Great Expectations", "Dickens, Charles", "823.8", "English fiction", "eng"),
    ("Oliver Twist", "Dickens, Charles", "823.8", "English fiction", "eng"),
    ("Pride and Prejudice", "Austen, Jane", "823.7", "English fiction", "eng"),
    ("Jane Eyre", "Brontë, Charlotte", "823.8", "English fiction", "eng"),
    ("Wuthering Heights", "Brontë, Emily", "823.8", "English fiction", "eng"),
    ("A Bright Shining Lie", "Sheehan, Neil", "959.704", "Vietnam War, 1961-1975", "eng"),
    ("The Sympathizer", "Nguyen, Viet Thanh", "813.6", "Vietnam War, 1961-1975 -- Fiction",
     "eng"),
    ("Vietnam: A History", "Karnow, Stanley", "959.704", "Vietnam War, 1961-1975", "eng"),
    ("The Sorrow of War", "Bảo Ninh", "895.9223", "Vietnamese fiction", "eng"),
    ("Learning Python", "Lutz, Mark", "005.133", "Python (Computer program language)",
     "eng_it"),
    ("Fluent Python", "Ramalho, Luciano", "005.133", "Python (Computer program language)",
     "eng_it"),
]
FRENCH = [
    ("Les Misérables", "Hugo, Victor", "843.8", "Roman français", "fre"),
    ("Le Comte de Monte-Cristo", "Dumas, Alexandre", "843.7", "Roman français", "fre"),
    ("Madame Bovary", "Flaubert, Gustave", "843.8", "Roman français", "fre"),
    ("L'Étranger", "Camus, Albert", "843.914", "Roman français", "fre"),
    ("Histoire du Viêt Nam des origines à 1858", "Le Thanh Khoi", "959.7",
     "Viêt Nam -- Histoire", "fre"),
]

SERIES = {
    "law": "Tủ sách Pháp luật",
    "agri": "Tủ sách Nông thôn mới",
    "novel": "Văn học tuổi trẻ",
    "child": "Tủ sách Thiếu nhi",
    "ref": "Tủ sách Kiến thức phổ thông",
}
SERIALS = [
    "Tạp chí Văn học",
    "Tạp chí Thư viện Việt Nam",
    "Báo Hưng Yên",
    "Tạp chí Cộng sản",
    "Tạp chí Khoa học xã hội Việt Nam",
    "Tạp chí Nghiên cứu lịch sử",
    "Tạp chí Văn hoá nghệ thuật",
    "Tạp chí Giáo dục",
    "Báo Nông nghiệp Việt Nam",
    "Tạp chí Y học Việt Nam",
]
THESES = [  # (pattern, DDC, subject)
    ("Nghiên cứu phát triển {sector} ở {province}", "338.9597", "Kinh tế"),
    ("Văn hoá tín ngưỡng ở {commune}", "398.4109597", "Tín ngưỡng dân gian"),
    ("Giải pháp phát triển thư viện cơ sở tỉnh {province}", "027.0597", "Thư viện"),
    ("Kinh tế hộ nông dân ở {region}", "338.1", "Kinh tế nông nghiệp"),
    ("Bệnh {disease} ở {health_group} tại {province}", "616", "Y học"),
    ("{edu_topic} ở các trường {level} tỉnh {province}", "370.9597", "Giáo dục"),
]
MAPS = ["Bản đồ hành chính tỉnh {province}", "Bản đồ du lịch {province}",
        "Atlat địa lý Việt Nam", "Bản đồ địa hình {region}"]
HAN_NOM = [
    "Hưng Yên tỉnh chí",
    "Thần tích làng {commune}",
    "Gia phả họ {surname} ở {commune}",
    "Sắc phong đình làng {commune}",
    "Hương ước làng {commune}",
    "Văn tế làng {commune}",
]
LOCAL = [
    "Địa chí {commune}",
    "Văn bia {commune}",
    "Di tích lịch sử văn hoá {commune}",
    "Người {commune} trong kháng chiến",
    "Nhãn lồng Hưng Yên",
    "Địa chí Hưng Yên",
    "Làng nghề {craft} ở {commune}",
    "Đình làng {commune}",
]

# A generated record is not published before what its title speaks of.
FIRST_YEAR_BY_SUBJECT = {"Tin học": 1992, "Sách giáo khoa": 2002, "Ngoại ngữ": 1985}
FIRST_YEAR_BY_WORD = {
    "VietGAP": 2008, "chuyển đổi số": 2018, "Chuyển đổi số": 2018, "sáp nhập tỉnh": 2025,
    "trí tuệ nhân tạo": 2005, "học máy": 2010, "dữ liệu lớn": 2012, "Internet vạn vật": 2014,
    "điện toán đám mây": 2010, "thương mại điện tử": 2005, "pickleball": 2020, "Canva": 2015,
    "Google Workspace": 2016, "kỹ năng số": 2018, "logistics": 2005, "Python": 1995,
    "JavaScript": 1998, "Kotlin": 2016, "Swift": 2015, "Go ": 2012, "TypeScript": 2014,
    "STEM": 2015, "2026–2030": 2025,
}
