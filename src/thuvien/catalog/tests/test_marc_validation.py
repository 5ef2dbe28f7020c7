"""MARC21 rules of the cataloguing editor: each broken rule gives a Vietnamese message naming
the field and subfield; a good record, and real Library of Congress records, pass."""

from __future__ import annotations

from pathlib import Path

import pymarc
import pytest

from thuvien.catalog.marc.validation import (
    EditorField,
    EditorRecord,
    editor_from_pymarc,
    editor_to_pymarc,
    validate_pymarc,
    validate_record,
)

LEADER = "00000nam a2200000 a 4500"
F008 = "250101s2024    vm            000 0 vie d"
DATA = Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "marc"


def rec(*fields: EditorField, leader: str = LEADER) -> EditorRecord:
    return EditorRecord(leader=leader, fields=[EditorField("008", value=F008), *fields])


def title(*subs, ind1="0", ind2="0") -> EditorField:
    return EditorField("245", ind1, ind2, subfields=list(subs) or [("a", "Nhan đề")])


def messages(record: EditorRecord) -> list[str]:
    return [p.message for p in validate_record(record)]


def test_a_good_record_passes_and_round_trips():
    good = rec(
        EditorField("020", subfields=[("a", "9786042088213"), ("q", "bìa mềm")]),
        EditorField("020", subfields=[("z", "123")]),
        EditorField("041", "0", " ", subfields=[("a", "vie"), ("a", "eng")]),
        EditorField("082", "0", "4", subfields=[("a", "895.9223"), ("2", "23")]),
        EditorField("100", "1", " ", subfields=[("a", "Tô Hoài")]),
        title(("a", "Dế Mèn phiêu lưu ký /"), ("c", "Tô Hoài"), ind1="1"),
        EditorField("264", " ", "1", subfields=[("a", "Hà Nội"), ("b", "Kim Đồng"), ("c", "2024")]),
        EditorField("300", subfields=[("a", "150 tr.")]),
        EditorField("490", "0", " ", subfields=[("a", "Tủ sách vàng")]),
        EditorField("650", " ", "7", subfields=[("a", "Văn học"), ("2", "Bộ TK TVQG")]),
        EditorField("700", "1", " ", subfields=[("a", "Tạ Huy Long"), ("e", "minh hoạ")]),
        EditorField("856", "4", "0", subfields=[("u", "https://example.org")]),
        EditorField("852", " ", " ", subfields=[("a", "HY-TINH")]),
        EditorField("911", " ", " ", subfields=[("a", "local")]),
    )
    assert validate_record(good) == []
    assert validate_pymarc(editor_to_pymarc(good)) == []
    assert editor_from_pymarc(editor_to_pymarc(good)).fields[6].subfields == [
        ("a", "Dế Mèn phiêu lưu ký /"),
        ("c", "Tô Hoài"),
    ]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (rec(title(), leader="00000nam"), "Đầu biểu (leader) phải dài đúng 24 ký tự (hiện có 8)."),
        (
            rec(title(), leader="00000xam a2200000 a 4500"),
            "Đầu biểu, vị trí 05 (trạng thái biểu ghi)",
        ),
        (rec(title(), leader="00000nzm a2200000 a 4500"), "Đầu biểu, vị trí 06 (loại biểu ghi)"),
        (rec(title(), leader="00000nam a2200000 a 4501"), "Đầu biểu, vị trí 20-23 phải là '4500'."),
        (rec(), "Thiếu trường 245 (nhan đề), trường này là bắt buộc."),
        (rec(title(("b", "phụ đề"))), "Trường 245 $a: trường con bắt buộc bị thiếu."),
        (rec(title(), title()), "Trường 245 không lặp lại nhưng xuất hiện 2 lần."),
        (rec(title(ind1="3")), "Trường 245: chỉ thị 1 '3' không hợp lệ (cho phép: 0, 1)."),
        (rec(title(ind2="x")), "Trường 245: chỉ thị 2 'x' không hợp lệ"),
        (
            rec(title(("a", "A"), ("a", "B"))),
            "Trường 245 $a: trường con không lặp lại nhưng xuất hiện 2 lần.",
        ),
        (
            rec(
                EditorField("100", "1", " ", [("a", "X")]),
                EditorField("110", "2", " ", [("a", "Y")]),
                title(),
            ),
            "Chỉ được có một trường tiêu đề chính 1XX (đang có: 100, 110).",
        ),
        (
            rec(
                EditorField("100", "1", " ", [("a", "X")]),
                EditorField("100", "1", " ", [("a", "Y")]),
                title(),
            ),
            "Trường 100 không lặp lại nhưng xuất hiện 2 lần.",
        ),
        (
            rec(title(), EditorField("020", "1", " ", [("a", "1")])),
            "Trường 020: chỉ thị 1 '1' không hợp lệ (cho phép: #).",
        ),
        (
            rec(title(), EditorField("020", subfields=[("c", "50000đ")])),
            "Trường 020: cần ít nhất một trong các trường con $a, $z.",
        ),
        (
            rec(title(), EditorField("041", "2", " ", [("a", "vie")])),
            "Trường 041: chỉ thị 1 '2' không hợp lệ",
        ),
        (
            rec(title(), EditorField("082", " ", "4", [("a", "895")])),
            "Trường 082: chỉ thị 1 '#' không hợp lệ (cho phép: 0, 1, 7).",
        ),
        (
            rec(title(), EditorField("264", " ", "9", [("a", "HN")])),
            "Trường 264: chỉ thị 2 '9' không hợp lệ",
        ),
        (
            rec(title(), EditorField("650", " ", "9", [("a", "X")])),
            "Trường 650: chỉ thị 2 '9' không hợp lệ",
        ),
        (
            rec(title(), EditorField("700", "1", "1", [("a", "X")])),
            "Trường 700: chỉ thị 2 '1' không hợp lệ (cho phép: #, 2).",
        ),
        (
            rec(title(), EditorField("856", "4", "0", [("z", "ghi chú")])),
            "Trường 856: cần ít nhất một trong các trường con",
        ),
        (
            rec(title(), EditorField("500", subfields=[("a", "")])),
            "Trường 500 $a: trường con không được để trống.",
        ),
        (
            rec(title(), EditorField("500", subfields=[("A", "x")])),
            "Trường 500: mã trường con 'A' không hợp lệ",
        ),
        (
            rec(title(), EditorField("500", subfields=[])),
            "Trường 500: trường dữ liệu phải có ít nhất một trường con.",
        ),
        (
            rec(title(), EditorField("12", subfields=[("a", "x")])),
            "Dòng 3: nhãn trường '12' không hợp lệ",
        ),
        (
            rec(title(), EditorField("480", subfields=[("a", "x")])),
            "Trường 480: nhãn trường không có trong khổ mẫu MARC21",
        ),
        (
            rec(title(), EditorField("001", value="")),
            "Trường 001: trường kiểm soát không được để trống.",
        ),
        (
            EditorRecord(LEADER, [EditorField("008", value="short"), title()]),
            "Trường 008: phải dài đúng 40 ký tự",
        ),
        (
            rec(title(), EditorField("500", "ab", " ", [("a", "x")])),
            "Trường 500: chỉ thị 1 phải là đúng một ký tự.",
        ),
    ],
)
def test_each_rule_names_field_and_subfield(record, expected):
    found = messages(record)
    assert any(expected in m for m in found), found


def test_problems_carry_the_row_position():
    problems = validate_record(rec(title(("b", "x"))))
    assert [(p.tag, p.subfield, p.position) for p in problems] == [("245", "a", 2)]


def test_real_library_of_congress_records_mostly_pass():
    """The rules are MARC21's, not stricter: real LoC cataloguing passes."""
    path = DATA / "mrrc-testbed" / "bibliographic__sample.mrc"
    with path.open("rb") as fh:
        records = [r for r in pymarc.MARCReader(fh, to_unicode=True) if r is not None]
    failing = [r for r in records if validate_pymarc(r)]
    assert len(records) == 386
    assert len(failing) / len(records) < 0.1, [validate_pymarc(r)[0].message for r in failing[:5]]
