"""Demo data, step 10: the Hưng Yên network after absorbing Thái Bình (2025), and Bắc Ninh after
absorbing Bắc Giang, with libraries of every type, locations, hours, holidays, groups and staff
of every role. Everything is created through the services, so history and audit are real.

Idempotent: a network whose code exists is not built again, but ``ctx`` is always filled.
"""

from __future__ import annotations

import datetime as dt
import zlib
from zoneinfo import ZoneInfo

from django_scopes import scopes_disabled

from thuvien.core.demo import DemoContext
from thuvien.network.models import Library, LibraryGroup, LibraryType, Location, Network
from thuvien.network.services import (
    closed_day_add,
    featured_collection_create,
    group_create,
    group_set_libraries,
    library_create,
    location_create,
    network_create,
    network_merge,
    opening_hours_set,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FOUNDED = dt.datetime(2010, 1, 1, tzinfo=VN)
MERGED = dt.datetime(2025, 7, 1, tzinfo=VN)

P, C, S = LibraryType.PROVINCIAL, LibraryType.COMMUNE, LibraryType.SCHOOL

# (code, name, English name, type, parent code, commune, address, lat, lon)
HUNG_YEN = [
    (
        "HY-TINH",
        "Thư viện tỉnh Hưng Yên",
        "Hưng Yên Provincial Library",
        P,
        None,
        "Phố Hiến",
        "Đường Chùa Chuông, phường Phố Hiến",
        "20.654500",
        "106.054600",
    ),
    (
        "HY-PHOHIEN",
        "Thư viện phường Phố Hiến",
        "Phố Hiến Ward Library",
        C,
        "HY-TINH",
        "Phố Hiến",
        "Nhà văn hóa phường Phố Hiến",
        "20.646400",
        "106.051100",
    ),
    (
        "HY-SONNAM",
        "Thư viện phường Sơn Nam",
        "Sơn Nam Ward Library",
        C,
        "HY-TINH",
        "Sơn Nam",
        "Trung tâm văn hóa phường Sơn Nam",
        "20.668000",
        "106.061000",
    ),
    (
        "HY-MYHAO",
        "Thư viện phường Mỹ Hào",
        "Mỹ Hào Ward Library",
        C,
        "HY-TINH",
        "Mỹ Hào",
        "Trung tâm văn hóa phường Mỹ Hào",
        "20.932000",
        "106.062000",
    ),
    (
        "HY-TIENLU",
        "Thư viện xã Tiên Lữ",
        "Tiên Lữ Commune Library",
        C,
        "HY-TINH",
        "Tiên Lữ",
        "Nhà văn hóa xã Tiên Lữ",
        "20.684000",
        "106.141000",
    ),
    (
        "HY-KHOAICHAU",
        "Thư viện xã Khoái Châu",
        "Khoái Châu Commune Library",
        C,
        "HY-TINH",
        "Khoái Châu",
        "Nhà văn hóa xã Khoái Châu",
        "20.829000",
        "105.973000",
    ),
    (
        "HY-THPT-CHUYEN",
        "Thư viện trường THPT chuyên Hưng Yên",
        "Hưng Yên Gifted High School Library",
        S,
        None,
        "Phố Hiến",
        "Trường THPT chuyên Hưng Yên",
        "20.660000",
        "106.050000",
    ),
    (
        "HY-THCS-MYHAO",
        "Thư viện trường THCS Mỹ Hào",
        "Mỹ Hào Secondary School Library",
        S,
        None,
        "Mỹ Hào",
        "Trường THCS Mỹ Hào",
        "20.930000",
        "106.060000",
    ),
    (
        "HY-TH-TIENLU",
        "Thư viện trường Tiểu học Tiên Lữ",
        "Tiên Lữ Primary School Library",
        S,
        None,
        "Tiên Lữ",
        "Trường Tiểu học Tiên Lữ",
        "20.685000",
        "106.140000",
    ),
    (
        "HY-BVDK",
        "Thư viện Bệnh viện Đa khoa tỉnh Hưng Yên",
        "Hưng Yên General Hospital Library",
        LibraryType.SPECIALISED,
        None,
        "Phố Hiến",
        "Bệnh viện Đa khoa tỉnh Hưng Yên",
        "20.652000",
        "106.046000",
    ),
    (
        "HY-BCHQS",
        "Thư viện Bộ Chỉ huy Quân sự tỉnh Hưng Yên",
        "Hưng Yên Military Command Library",
        LibraryType.ARMED_FORCES,
        None,
        "Sơn Nam",
        "Bộ Chỉ huy Quân sự tỉnh",
        "20.664000",
        "106.058000",
    ),
]
THAI_BINH = [
    (
        "TB-TINH",
        "Thư viện tỉnh Thái Bình",
        "Thái Bình Provincial Library",
        P,
        None,
        "Thái Bình",
        "Phường Thái Bình",
        "20.446300",
        "106.336600",
    ),
    (
        "TB-THAIBINH",
        "Thư viện phường Thái Bình",
        "Thái Bình Ward Library",
        C,
        "TB-TINH",
        "Thái Bình",
        "Nhà văn hóa phường Thái Bình",
        "20.450000",
        "106.340000",
    ),
    (
        "TB-TRANHUNGDAO",
        "Thư viện phường Trần Hưng Đạo",
        "Trần Hưng Đạo Ward Library",
        C,
        "TB-TINH",
        "Trần Hưng Đạo",
        "Nhà văn hóa phường Trần Hưng Đạo",
        "20.440000",
        "106.330000",
    ),
    (
        "TB-KIENXUONG",
        "Thư viện xã Kiến Xương",
        "Kiến Xương Commune Library",
        C,
        "TB-TINH",
        "Kiến Xương",
        "Nhà văn hóa xã Kiến Xương",
        "20.398000",
        "106.421000",
    ),
    (
        "TB-TIENHAI",
        "Thư viện xã Tiền Hải",
        "Tiền Hải Commune Library",
        C,
        "TB-TINH",
        "Tiền Hải",
        "Nhà văn hóa xã Tiền Hải",
        "20.402000",
        "106.501000",
    ),
    (
        "TB-QUYNHPHU",
        "Thư viện xã Quỳnh Phụ",
        "Quỳnh Phụ Commune Library",
        C,
        "TB-TINH",
        "Quỳnh Phụ",
        "Nhà văn hóa xã Quỳnh Phụ",
        "20.647000",
        "106.349000",
    ),
    (
        "TB-THPT-CHUYEN",
        "Thư viện trường THPT chuyên Thái Bình",
        "Thái Bình Gifted High School Library",
        S,
        None,
        "Trần Hưng Đạo",
        "Trường THPT chuyên Thái Bình",
        "20.443000",
        "106.338000",
    ),
    (
        "TB-THCS-KIENXUONG",
        "Thư viện trường THCS Kiến Xương",
        "Kiến Xương Secondary School Library",
        S,
        None,
        "Kiến Xương",
        "Trường THCS Kiến Xương",
        "20.399000",
        "106.420000",
    ),
]
BAC_NINH = [
    (
        "BN-TINH",
        "Thư viện tỉnh Bắc Ninh",
        "Bắc Ninh Provincial Library",
        P,
        None,
        "Kinh Bắc",
        "Phường Kinh Bắc",
        "21.186000",
        "106.076000",
    ),
    (
        "BN-TUSON",
        "Thư viện phường Từ Sơn",
        "Từ Sơn Ward Library",
        C,
        "BN-TINH",
        "Từ Sơn",
        "Nhà văn hóa phường Từ Sơn",
        "21.117000",
        "105.957000",
    ),
    (
        "BN-THPT-CHUYEN",
        "Thư viện trường THPT chuyên Bắc Ninh",
        "Bắc Ninh Gifted High School Library",
        S,
        None,
        "Kinh Bắc",
        "Trường THPT chuyên Bắc Ninh",
        "21.180000",
        "106.070000",
    ),
]
BAC_GIANG = [
    (
        "BG-TINH",
        "Thư viện tỉnh Bắc Giang",
        "Bắc Giang Provincial Library",
        P,
        None,
        "Bắc Giang",
        "Phường Bắc Giang",
        "21.273000",
        "106.194000",
    ),
    (
        "BG-BACGIANG",
        "Thư viện phường Bắc Giang",
        "Bắc Giang Ward Library",
        C,
        "BG-TINH",
        "Bắc Giang",
        "Nhà văn hóa phường Bắc Giang",
        "21.270000",
        "106.190000",
    ),
]

HOLIDAYS_2027 = [
    (dt.date(2027, 1, 1), "Tết Dương lịch"),
    *[(dt.date(2027, 2, d), "Nghỉ Tết Nguyên đán Đinh Mùi") for d in range(4, 11)],
    (dt.date(2027, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (dt.date(2027, 5, 1), "Ngày Quốc tế Lao động"),
    (dt.date(2027, 9, 2), "Quốc khánh"),
    (dt.date(2027, 9, 3), "Nghỉ Quốc khánh"),
]

def _build_libraries(network: Network, rows: list[tuple]) -> list[Library]:
    made: dict[str, Library] = {}
    for code, name, name_en, kind, parent, commune, address, lat, lon in rows:
        library = library_create(
            network=network,
            code=code,
            name_vi=name,
            name_en=name_en,
            library_type=kind,
            parent=made.get(parent) if parent else None,
            province=network.province,
            commune=commune,
            address=f"{address}, tỉnh {network.province}",
            latitude=lat,
            longitude=lon,
            phone=f"0221 3{zlib.crc32(code.encode()) % 1_000_000:06d}",
            email=f"{code.lower()}@thuvien.example.vn",
            effective_at=FOUNDED,
            actor=None,
        )
        made[code] = library
        _locations(library)
        _hours(library)
    return list(made.values())


def _locations(library: Library) -> None:
    kinds = Location.Kind
    if library.library_type == LibraryType.PROVINCIAL:
        rows = [
            ("kho-mo", "Kho mở", "Open stacks", kinds.STACKS, True),
            ("phong-doc", "Phòng đọc tổng hợp", "General reading room", kinds.READING_ROOM, True),
            ("thieu-nhi", "Phòng đọc thiếu nhi", "Children's room", kinds.CHILDREN, True),
            ("dia-chi", "Phòng tài liệu địa chí", "Local history room", kinds.LOCAL_HISTORY, True),
            ("kho-luu", "Kho lưu chiểu", "Legal deposit store", kinds.STORE, False),
        ]
    else:
        rows = [
            ("kho", "Kho sách", "Book stacks", kinds.STACKS, True),
            ("phong-doc", "Phòng đọc", "Reading room", kinds.READING_ROOM, True),
        ]
    for code, name, name_en, kind, public in rows:
        location_create(
            library=library,
            code=code,
            name_vi=name,
            name_en=name_en,
            kind=kind,
            is_public=public,
            actor=None,
        )


def _hours(library: Library) -> None:
    t = dt.time
    if library.library_type == LibraryType.PROVINCIAL:
        day = [(t(7, 30), t(11, 30)), (t(13, 30), t(17, 0))]
    elif library.library_type == LibraryType.SCHOOL:
        day = [(t(7, 0), t(11, 0)), (t(13, 30), t(16, 30))]
    else:
        day = [(t(8, 0), t(11, 0)), (t(14, 0), t(17, 0))]
    opening_hours_set(library=library, week={d: day for d in range(6)}, actor=None)


def _holidays(network: Network) -> None:
    for date, reason in HOLIDAYS_2027:
        closed_day_add(network=network, date=date, reason=reason, actor=None)


def _schools_group(network: Network) -> None:
    group = group_create(
        network=network,
        code="truong-hoc",
        name_vi="Thư viện trường học",
        name_en="School libraries",
        description="Tất cả thư viện trường học trong mạng lưới.",
        actor=None,
    )
    group_set_libraries(
        group=group,
        libraries=Library.objects.filter(network=network, library_type=LibraryType.SCHOOL),
        actor=None,
    )


# Featured collections: (owner: network code or library code, Vietnamese title, English title,
# description, English description, search words, /search/ filters). Their searches find
# records of the demo catalogue (see demo/vocab.py: local-history titles, "Dành cho
# thiếu nhi", Vietnamese literature).
FEATURED = [
    (
        "HY-TINH",
        "Tài liệu địa chí Hưng Yên",
        "Hưng Yên local history",
        "Địa chí, văn bia, di tích và tư liệu về vùng đất Hưng Yên – Phố Hiến.",
        "Local records, stelae, monuments and documents on the land of Hưng Yên – Phố Hiến.",
        "Hưng Yên",
        "",
    ),
    (
        "hung-yen",
        "Sách thiếu nhi",
        "Children's books",
        "Truyện và sách tham khảo dành cho thiếu nhi ở mọi thư viện trong tỉnh.",
        "Stories and reference books for children in every library of the province.",
        "thiếu nhi",
        "",
    ),
    (
        "hung-yen",
        "Văn học Việt Nam",
        "Vietnamese literature",
        "Tiểu thuyết Việt Nam: Tắt đèn, Số đỏ, Chí Phèo, Đất rừng phương Nam, Mắt biếc…",
        "Vietnamese novels: Tắt đèn, Số đỏ, Chí Phèo, Đất rừng phương Nam, Mắt biếc…",
        "",
        "subj=Văn học Việt Nam -- Tiểu thuyết",
    ),
    (
        "hung-yen",
        "Thơ Việt Nam",
        "Vietnamese poetry",
        "Truyện Kiều, Chinh phụ ngâm, thơ Hồ Xuân Hương, Xuân Diệu và thơ của tỉnh.",
        "Truyện Kiều, Chinh phụ ngâm, poems by Hồ Xuân Hương, Xuân Diệu and the province's poets.",
        "",
        "subj=Văn học Việt Nam -- Thơ",
    ),
    (
        "bac-ninh",
        "Dân ca quan họ và nghệ thuật truyền thống",
        "Quan họ folk songs and traditional arts",
        "Quan họ Bắc Ninh, chèo, ca trù, hát xoan.",
        "Bắc Ninh's quan họ, chèo theatre, ca trù and xoan singing.",
        "",
        "subj=Âm nhạc dân gian",
    ),
]


def _featured(network: Network) -> None:
    codes = {network.code, *network.libraries.values_list("code", flat=True)}
    for owner, title, title_en, description, description_en, query, filters in FEATURED:
        if owner not in codes:
            continue
        where = (
            {"network": network}
            if owner == network.code
            else {"library": Library.objects.get(code=owner)}
        )
        featured_collection_create(
            title_vi=title,
            title_en=title_en,
            description=description,
            description_en=description_en,
            query=query,
            filters=filters,
            actor=None,
            **where,
        )


def _build_pair(target: tuple, source: tuple, ctx: DemoContext) -> None:
    (t_code, t_name, t_name_en, t_province, t_rows) = target
    (s_code, s_name, s_name_en, s_province, s_rows) = source
    net = network_create(
        code=t_code, name_vi=t_name, name_en=t_name_en, province=t_province, actor=None
    )
    _build_libraries(net, t_rows)
    old = Network.objects.filter(code=s_code).first() or network_create(
        code=s_code, name_vi=s_name, name_en=s_name_en, province=s_province, actor=None
    )
    if old.merged_into_id is None:
        _build_libraries(old, s_rows)
        network_merge(
            source=old,
            target=net,
            note="Sáp nhập tỉnh theo Nghị quyết 202/2025/QH15 của Quốc hội",
            effective_at=MERGED,
            actor=None,
        )
    _holidays(net)
    _schools_group(net)
    _featured(net)
    ctx.say(f"  network {t_code}: {net.libraries.count()} libraries (with {s_code} merged)")


def demo_network(ctx: DemoContext) -> None:
    with scopes_disabled():
        if not Network.objects.filter(code="hung-yen").exists():
            _build_pair(
                (
                    "hung-yen",
                    "Mạng lưới thư viện tỉnh Hưng Yên",
                    "Hưng Yên library network",
                    "Hưng Yên",
                    HUNG_YEN,
                ),
                (
                    "thai-binh",
                    "Mạng lưới thư viện tỉnh Thái Bình",
                    "Thái Bình library network",
                    "Thái Bình",
                    THAI_BINH,
                ),
                ctx,
            )
        if not Network.objects.filter(code="bac-ninh").exists():
            _build_pair(
                (
                    "bac-ninh",
                    "Mạng lưới thư viện tỉnh Bắc Ninh",
                    "Bắc Ninh library network",
                    "Bắc Ninh",
                    BAC_NINH,
                ),
                (
                    "bac-giang",
                    "Mạng lưới thư viện tỉnh Bắc Giang",
                    "Bắc Giang library network",
                    "Bắc Giang",
                    BAC_GIANG,
                ),
                ctx,
            )
        networks = [Network.objects.get(code="hung-yen"), Network.objects.get(code="bac-ninh")]
        ctx.networks = networks
        order = {
            code: i
            for i, code in enumerate([r[0] for r in HUNG_YEN + THAI_BINH + BAC_NINH + BAC_GIANG])
        }
        libraries = Library.objects.filter(network__in=networks, is_active=True)
        ctx.libraries = sorted(libraries, key=lambda lib: order.get(lib.code, len(order)))
        ctx.data["network"] = {
            "by_code": {lib.code: lib for lib in ctx.libraries},
            "school_group": LibraryGroup.objects.filter(
                network=networks[0], code="truong-hoc"
            ).first(),
        }
