"""A deterministic corpus of real-looking Vietnamese (and some English) catalogue records.

Used by the search benchmarks when the catalogue's demo generator is not there (or too slow for
a million records). Titles are built from patterns librarians see every day ("Giáo trình kinh tế
vi mô", "Lịch sử Đảng bộ xã Tiên Lữ (1945–2020)", "Tuyển tập truyện ngắn Nguyễn Huy Thiệp"),
authors from common Vietnamese names; one record in ten is English, taken from the Library of
Congress sample in ../shared/data. ``rows(n)`` yields dicts shaped like ``Record.values()`` plus
an ``items`` list of ``(library_index, status, call_number)``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FAMILY = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Lương"
).split()
MIDDLE = "Văn Thị Đức Minh Hữu Quang Thanh Ngọc Xuân Thu Kim Bảo Gia Công Đình Như Mạnh".split()
GIVEN = (
    "An Anh Bình Chi Cường Dũng Duy Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Huy Khoa Khánh Lan "
    "Linh Long Mai Minh Nam Nga Ngọc Nhung Phong Phúc Phương Quân Quang Sơn Tâm Thảo Thắng "
    "Thủy Trang Trung Tuấn Tùng Việt Yến Vinh Hòa Lộc Lực Thiệp Khải Diệu Kiên Tú"
).split()
TOPICS = [
    "lịch sử",
    "văn học",
    "kinh tế",
    "giáo dục",
    "địa lý",
    "y học",
    "nông nghiệp",
    "công nghệ thông tin",
    "pháp luật",
    "triết học",
    "tâm lý học",
    "xã hội học",
    "văn hóa",
    "du lịch",
    "môi trường",
    "toán học",
    "vật lý",
    "hóa học",
    "sinh học",
    "âm nhạc",
    "mỹ thuật",
    "kiến trúc",
    "quản trị kinh doanh",
    "tài chính ngân hàng",
    "kế toán",
    "marketing",
    "ngôn ngữ học",
    "tiếng Anh",
    "tin học văn phòng",
    "chăn nuôi",
    "thủy sản",
    "lâm nghiệp",
    "dân tộc học",
    "khảo cổ học",
    "tôn giáo",
    "phong tục tập quán",
    "ẩm thực",
    "thể dục thể thao",
    "y học cổ truyền",
    "dinh dưỡng",
    "chăm sóc trẻ em",
    "kỹ năng sống",
    "quốc phòng an ninh",
    "chính trị",
    "tư tưởng Hồ Chí Minh",
    "điện tử",
    "cơ khí",
    "xây dựng",
    "giao thông vận tải",
]
PLACES = [
    "Việt Nam",
    "Hưng Yên",
    "Hà Nội",
    "Bắc Ninh",
    "Thái Bình",
    "Hải Dương",
    "Nam Định",
    "Phố Hiến",
    "Tiên Lữ",
    "Kim Động",
    "Văn Giang",
    "Khoái Châu",
    "Ân Thi",
    "Phù Cừ",
    "Mỹ Hào",
    "đồng bằng sông Hồng",
    "Tây Nguyên",
    "Nam Bộ",
    "miền Trung",
    "Huế",
    "Sài Gòn",
    "Đà Nẵng",
]
THINGS = [
    "ca dao",
    "tục ngữ",
    "truyện cổ tích",
    "lễ hội",
    "làng nghề",
    "đình làng",
    "chùa",
    "nhãn lồng",
    "chèo",
    "hát trống quân",
    "món ăn",
    "di tích",
    "danh nhân",
    "địa chí",
    "gia phả",
    "văn bia",
    "nghề dệt",
    "nghề gốm",
    "cây lúa",
    "sông Hồng",
    "đê điều",
    "chợ quê",
    "trò chơi dân gian",
]
AUDIENCE = [
    "học sinh",
    "sinh viên",
    "giáo viên",
    "nông dân",
    "thiếu nhi",
    "cán bộ cơ sở",
    "phụ nữ",
    "người cao tuổi",
]
GENRES = ["truyện ngắn", "thơ", "tiểu thuyết", "bút ký", "tạp văn", "hồi ký", "kịch"]
WORDS = (
    "mùa thu lá vàng quê hương dòng sông ánh trăng con đường tuổi thơ bình minh hoàng hôn mẹ cha "
    "người lính biển đảo ngọn núi cánh đồng tiếng hát giấc mơ mái nhà ký ức bông sen hoa đào "
    "mưa phùn nắng hạ gió mùa bến đò khói bếp tình yêu thời gian hạnh phúc bài học ngày mai "
    "mà má mả mã mạ ma"
).split()
PATTERNS = [
    "Giáo trình {topic}",
    "{Topic} {place}",
    "Lịch sử {place} thời kỳ {y1}–{y2}",
    "Lịch sử Đảng bộ xã {place} ({y1}–{y2})",
    "Tuyển tập {genre} {author}",
    "Hỏi đáp về {topic}",
    "Sổ tay {topic} dành cho {aud}",
    "{Thing} {place}",
    "Tìm hiểu {thing} {place}",
    "Cơ sở {topic}",
    "{Topic} đại cương",
    "{W1} {w2} {w3}",
    "{W1} {w2}: {genre}",
    "Những {w1} {w2} của {author}",
    "{Topic} với {aud}",
    "Bài tập {topic} lớp {grade}",
    "Địa chí {place}",
    "{Genre} chọn lọc",
]
MATERIAL = (
    ["book"] * 80
    + ["serial"] * 5
    + ["thesis"] * 4
    + ["local_history"] * 6
    + ["map", "audio", "video", "manuscript", "electronic"]
)
PUBLISHERS = [
    "Nxb. Giáo dục Việt Nam",
    "Nxb. Chính trị quốc gia Sự thật",
    "Nxb. Văn học",
    "Nxb. Trẻ",
    "Nxb. Kim Đồng",
    "Nxb. Khoa học xã hội",
    "Nxb. Hội Nhà văn",
    "Nxb. Lao động",
    "Nxb. Nông nghiệp",
    "Nxb. Đại học Quốc gia Hà Nội",
    "Nxb. Thông tin và Truyền thông",
]
SUBJECTS = [t.capitalize() for t in TOPICS] + [
    f"{t.capitalize()} -- {p}" for t in TOPICS[:12] for p in PLACES[:8]
]
STATUSES = ["available"] * 7 + ["on_loan"] * 2 + ["in_processing"]
DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "json"
    / "loc-books-json-10k"
    / "books.json"
)


def _english() -> list[dict[str, Any]]:
    try:
        return json.loads(DATA.read_text())
    except (OSError, ValueError):
        return []


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def vietnamese_title(rng: random.Random) -> str:
    y1 = rng.randint(1900, 2000)
    w = rng.sample(WORDS, 3)
    topic, thing, genre = rng.choice(TOPICS), rng.choice(THINGS), rng.choice(GENRES)
    text = rng.choice(PATTERNS).format(
        topic=topic,
        Topic=topic.capitalize(),
        place=rng.choice(PLACES),
        y1=y1,
        y2=y1 + rng.randint(5, 40),
        genre=genre,
        Genre=genre.capitalize(),
        author=person(rng),
        aud=rng.choice(AUDIENCE),
        thing=thing,
        Thing=thing.capitalize(),
        w1=w[0],
        W1=w[0].capitalize(),
        w2=w[1],
        w3=w[2],
        grade=rng.randint(1, 12),
    )
    if rng.random() < 0.3:
        text += f". Tập {rng.randint(1, 5)}"
    return text


def rows(n: int, *, libraries: int = 30, seed: int = 2026) -> Iterator[dict[str, Any]]:
    """``n`` records; items spread over ``libraries`` (index 0 the provincial library)."""
    rng = random.Random(seed)
    english = _english()
    for i in range(1, n + 1):
        if english and rng.random() < 0.1:
            src = rng.choice(english)
            title = (src.get("title") or "Untitled").rstrip(" /.:;")
            authors = [src["author"].rstrip(",. ")] if src.get("author") else []
            subjects = list(src.get("subjects") or [])[:3]
            lang, publisher = "eng", (src.get("publisher") or "").rstrip(",: ")
        else:
            title = vietnamese_title(rng)
            authors = [person(rng) for _ in range(rng.choice((0, 1, 1, 1, 2)))]
            subjects = rng.sample(SUBJECTS, rng.choice((1, 1, 2, 3)))
            lang, publisher = "vie", rng.choice(PUBLISHERS)
        year = rng.randint(1950, 2026) if rng.random() < 0.97 else None
        work = f"bench:{i // 3}" if rng.random() < 0.15 else ""
        copies = rng.choice((1, 1, 1, 2, 2, 3))
        libs = {0} if rng.random() < 0.5 else set()
        while len(libs) < copies:
            libs.add(rng.randrange(libraries))
        ddc = f"{rng.randint(0, 999):03d}.{rng.randint(0, 99)}"
        items = [
            (lib, rng.choice(STATUSES), f"{ddc} {title[:1].upper()}{rng.randint(100, 999)}")
            for lib in libs
        ]
        yield {
            "id": i,
            "title": title,
            "responsibility": "; ".join(authors),
            "authors": authors,
            "publisher": publisher,
            "place": "Hà Nội",
            "year": year,
            "isbns": [f"978604{i:07d}"] if rng.random() < 0.6 else [],
            "issns": [],
            "language": lang,
            "material_type": rng.choice(MATERIAL),
            "ddc": ddc,
            "subjects": subjects,
            "series": [],
            "notes": [],
            "work_key": work,
            "items": items,
        }


def queries(seed: int = 7) -> list[str]:
    """Reader queries: short and broad, with and without marks, fields and phrases."""
    from thuvien.core.text import fold

    rng = random.Random(seed)
    base = [
        "lịch sử",
        "lich su",
        "việt nam",
        "viet nam",
        "hưng yên",
        "giáo trình",
        "giao trinh",
        "văn học",
        "van hoc",
        "kinh tế",
        "truyện ngắn",
        "tuyen tap tho",
        "ca dao tục ngữ",
        "lễ hội hưng yên",
        "le hoi",
        "địa chí",
        "dia chi hung yen",
        "má",
        "ma",
        "mùa thu",
        "công nghệ thông tin",
        "cong nghe",
        "tin học văn phòng",
        "nguyễn văn",
        "tác giả",
        "history",
        "medicine",
        "lich*",
        "giao*",
        '"lịch sử đảng bộ"',
        "author:nguyễn",
        "subject:(kinh tế)",
        "kinh tế OR tài chính",
        "văn học NOT thơ",
        "sổ tay",
    ]
    out = list(base)
    for _ in range(165):
        words = vietnamese_title(rng).split()
        k = rng.choice((1, 2, 2, 3, 3, 4))
        start = rng.randrange(max(1, len(words) - k + 1))
        q = " ".join(words[start : start + k]).strip(".:,()")
        out.append(fold(q) if rng.random() < 0.5 else q)
    return out
