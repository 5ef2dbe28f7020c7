from __future__ import annotations

import time

import pytest

from thuvien.catalog.crosswalk import dc_to_xml, marc_to_dc
from thuvien.catalog.display import display_lines, isbd_text
from thuvien.catalog.errors import RecordNotFound
from thuvien.catalog.marc.extract import extract
from thuvien.catalog.marc.isbn import isbn13_to_10, normalize_isbn, normalize_issn
from thuvien.catalog.marc.mij import build, from_pymarc, to_pymarc
from thuvien.catalog.selectors import record_get, record_open
from thuvien.catalog.services import record_create
from thuvien.holdings.services import item_create

from .factories import vi_marc


def test_isbn_forms():
    assert normalize_isbn("978-604-123456-7 (bìa mềm)") == "9786041234567"
    assert normalize_isbn("0-19-852663-6") == "9780198526636"
    assert normalize_isbn("019852663x") is None  # wrong check digit
    assert normalize_isbn("080442957X") == "9780804429573"
    assert isbn13_to_10("9780198526636") == "0198526636"
    assert normalize_issn("0317-8471") == "0317-8471"
    assert normalize_issn("0317-8472") is None


def test_material_types_and_keys():
    thesis = vi_marc(extra=[("502", " ", " ", [("a", "Luận án Tiến sĩ -- Đại học Quốc gia")])])
    assert extract(thesis).values["material_type"] == "thesis"
    local = vi_marc(extra=[("940", " ", " ", [("a", "Địa chí")])])
    assert extract(local).values["material_type"] == "local_history"
    han_nom = vi_marc(extra=[("940", " ", " ", [("a", "Hán Nôm")])])
    assert extract(han_nom).values["material_type"] == "manuscript"
    serial = build("00000cas a2200000 i 4500", [("245", "0", "0", [("a", "Tạp chí Văn học")])])
    assert extract(serial).values["material_type"] == "serial"
    a_map = build("00000cem a2200000 i 4500", [("245", "0", "0", [("a", "Bản đồ Hưng Yên")])])
    assert extract(a_map).values["material_type"] == "map"
    values = extract(vi_marc(isbn=None)).values
    assert values["match_key"] == "lich su viet nam|tran trong kim|2020"
    assert values["work_key"] == "lichj sưr viêtj nam|trânf trongj kim|2020"


def test_work_keys_keep_the_marks_that_tell_words_apart():
    """Records differing only in tone marks or đ are different works; the old and new tone
    placements ("hoà"/"hòa") are one spelling."""

    def key(title: str, author: str = "Nguyễn Văn A") -> str:
        marc = build("00000nam a2200000 i 4500", [
            ("100", "1", " ", [("a", author)]),
            ("245", "1", "0", [("a", title)]),
            ("264", " ", "1", [("c", "2020")]),
        ])  # fmt: skip
        return extract(marc).values["work_key"]

    spellings = ["Ma", "Mà", "Má", "Mả", "Mã", "Mạ"]
    assert len({key(f"{word} sortkw") for word in spellings}) == 6
    assert key("Dương sortkw") != key("Đường sortkw")
    assert key("Hoà bình") == key("Hòa Bình.") == key("HÒA BÌNH")
    assert key("Thuỷ lợi", "Lê Thuỳ") == key("Thủy lợi", "Lê Thùy")


def test_pymarc_conversion_round_trip():
    marc = vi_marc()
    assert from_pymarc(to_pymarc(marc)) == marc


def test_display_in_both_languages():
    vi = {line.key: line for line in display_lines(vi_marc(), language="vi")}
    en = {line.key: line for line in display_lines(vi_marc(), language="en")}
    assert vi["title"].values == ["Lịch sử Việt Nam"]
    assert vi["publication"].values == ["Hà Nội : Văn học, 2020"]
    assert vi["title"].label == "Nhan đề"
    assert en["language"].values in (["Vietnamese"], ["Tiếng Việt"])  # English once .mo is built
    text = isbd_text(vi_marc())
    assert text.startswith("Lịch sử Việt Nam / Trần Trọng Kim. - Hà Nội : Văn học, 2020")


def test_dublin_core_crosswalk():
    marc = vi_marc(extra=[("856", "4", "0", [("u", "https://thuvien.example/1")])])
    dc = marc_to_dc(marc)
    assert dc["title"] == ["Lịch sử Việt Nam"]
    assert dc["creator"] == ["Trần Trọng Kim"]
    assert dc["publisher"] == ["Hà Nội : Văn học"]  # 264 _1 read like 260
    assert dc["date"] == ["2020"]
    assert "Lịch sử -- Việt Nam" in dc["subject"] and "959.7" in dc["subject"]
    assert dc["type"][0] == "Text"
    assert dc["language"] == ["vie"]
    assert "https://thuvien.example/1" in dc["identifier"]
    assert "<dc:title>Lịch sử Việt Nam</dc:title>" in dc_to_xml(dc)


def test_record_open_scoped(world, django_assert_max_num_queries):
    record = record_create(network=world.hung_yen, marc=vi_marc())
    item_create(record=record, library=world.provincial, barcode="HY1")
    item_create(record=record, library=world.commune_a, barcode="TL1")
    with django_assert_max_num_queries(4):
        view = record_open(network=world.hung_yen, pk=record.pk, library=world.provincial)
    assert [i.barcode for i in view.items] == ["HY1"]  # the other library's copy is not listed
    assert {h["code"] for h in view.holdings} == {"HY-TINH", "HY-TIENLU"}
    assert view.marc["245"]["a"] == "Lịch sử Việt Nam /"
    with pytest.raises(RecordNotFound):
        record_get(network=world.bac_ninh, pk=record.pk)  # another network: 404


def test_call_number_proposal():
    from thuvien.holdings.callnumber import propose_call_number

    assert propose_call_number(ddc="895.9223", authors=["Nguyễn Nhật Ánh"], title="Mắt biếc") == (
        "895.9223 A54m"
    )
    assert propose_call_number(ddc="823", authors=["Dickens, Charles"], title="Oliver Twist") == (
        "823 D53o"
    )
    assert time.monotonic()  # keep the import used
