"""The simple form and the full MARC editor: save through the catalogue's services, or show
every problem and save nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from thuvien.catalog.marc.mij import to_pymarc
from thuvien.catalog.models import MaterialType, Record
from thuvien.core.models import AuditEntry


def editor_post(leader: str, fields: list[tuple], action: str = "save") -> dict[str, str]:
    """POST data of the MARC editor from (tag, value) and (tag, ind1, ind2, [(code, value)])."""
    data = {"leader": leader, "action": action}
    for i, spec in enumerate(fields):
        data[f"f-{i}-tag"] = spec[0]
        if len(spec) == 2:
            data[f"f-{i}-value"] = spec[1]
        else:
            data[f"f-{i}-ind1"], data[f"f-{i}-ind2"] = spec[1], spec[2]
            for j, (code, value) in enumerate(spec[3]):
                data[f"f-{i}-s-{j}-code"] = code
                data[f"f-{i}-s-{j}-value"] = value
    return data


LEADER = "00000nam#a2200000#a#4500"
F008 = "250101s2024    vm            000 0 vie d"


def test_marc_editor_creates_a_record(world, cataloguer):
    data = editor_post(
        LEADER,
        [
            ("008", F008),
            ("020", "#", "#", [("a", "9786042088213")]),
            ("100", "1", "#", [("a", "Tô Hoài")]),
            ("245", "1", "0", [("a", "Dế Mèn phiêu lưu ký /"), ("c", "Tô Hoài")]),
            ("650", "#", "4", [("a", "Văn học thiếu nhi"), ("z", "Việt Nam")]),
        ],
    )
    response = cataloguer.post(reverse("catalog:marc-editor-new"), data)
    assert response.status_code == 302
    record = Record.objects.get()
    assert record.title.startswith("Dế Mèn phiêu lưu ký")
    assert response["Location"] == reverse("catalog:record-detail", args=[record.pk])
    marc = to_pymarc(record.marc)
    assert marc["650"].get_subfields("a", "z") == ["Văn học thiếu nhi", "Việt Nam"]
    assert marc["100"].indicator1 == "1" and marc["650"].indicator1 == " "
    assert AuditEntry.objects.filter(action="catalog.record.created").count() == 1


def test_marc_editor_shows_every_problem_and_saves_nothing(world, cataloguer, make_record):
    record = make_record("Tên cũ")
    before = record.marc
    data = editor_post(
        "00000nam#a22",  # too short
        [
            ("008", F008),
            ("100", "1", "#", [("a", "Tô Hoài")]),
            ("110", "2", "#", [("a", "Hội Nhà văn")]),
            ("245", "5", "0", [("b", "phụ đề")]),
            ("245", "1", "0", [("a", "Hai nhan đề")]),
            ("650", "#", "4", [("a", "A"), ("a", "B")]),
            ("9A9", "#", "#", [("a", "x")]),
            ("254", "#", "#", [("a", "x")]),
        ],
    )
    response = cataloguer.post(reverse("catalog:marc-editor", args=[record.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    for expected in (
        "Biểu ghi chưa được lưu",
        "Đầu biểu (leader) phải dài đúng 24 ký tự",
        "Trường 245: chỉ thị 1 &#x27;5&#x27; không hợp lệ (cho phép: 0, 1).",
        "Trường 245 $a: trường con bắt buộc bị thiếu.",
        "Trường 245 không lặp lại nhưng xuất hiện 2 lần.",
        "Chỉ được có một trường tiêu đề chính 1XX",
        "Trường 650 $a: trường con không lặp lại nhưng xuất hiện 2 lần.",
        "nhãn trường &#x27;9A9&#x27; không hợp lệ",
    ):
        assert expected in page, expected
    record.refresh_from_db()
    assert record.marc == before and record.title == "Tên cũ"
    # The typed values come back so nothing is lost.
    assert "Hội Nhà văn" in page and "phụ đề" in page


def test_row_actions_work_without_javascript(world, cataloguer, make_record):
    record = make_record("Sách")
    url = reverse("catalog:marc-editor", args=[record.pk])
    fields = [
        ("008", F008),
        ("245", "0", "0", [("a", "Sách")]),
        ("500", "#", "#", [("a", "Ghi chú")]),
    ]
    page = cataloguer.post(url, editor_post(LEADER, fields, "up:2")).content.decode()
    assert page.index('value="500"') < page.index('value="245"')
    page = cataloguer.post(url, editor_post(LEADER, fields, "delete_field:2")).content.decode()
    assert 'value="500"' not in page
    page = cataloguer.post(url, editor_post(LEADER, fields, "add_sub:1")).content.decode()
    assert 'name="f-1-s-1-code"' in page
    page = cataloguer.post(url, editor_post(LEADER, fields, "add_field:1")).content.decode()
    assert 'name="f-3-tag" value="500"' in page and 'name="f-2-tag" value=""' in page
    record.refresh_from_db()
    assert to_pymarc(record.marc).get("500") is None  # nothing was saved by the actions


def test_marc_editor_updates_and_keeps_spaces_of_008(world, cataloguer, make_record):
    record = make_record("Sách cũ")
    data = editor_post(LEADER, [("008", F008), ("245", "0", "0", [("a", "Sách mới")])])
    assert (
        cataloguer.post(reverse("catalog:marc-editor", args=[record.pk]), data).status_code == 302
    )
    record.refresh_from_db()
    marc = to_pymarc(record.marc)
    assert record.title.startswith("Sách mới")
    assert marc["008"].data == F008
    assert Record.objects.count() == 1


def test_simple_form_keeps_what_it_does_not_show(world, cataloguer, make_record):
    record = make_record("Dế Mèn", author="Tô Hoài", isbn="9786042088213")
    form_url = reverse("catalog:record-form", args=[record.pk])
    page = cataloguer.get(form_url).content.decode()
    assert 'value="Dế Mèn"' in page and "9786042088213" in page
    response = cataloguer.post(
        form_url,
        {
            "material_type": "book",
            "title": "Dế Mèn phiêu lưu ký",
            "author": "Tô Hoài",
            "year": "2021",
            "publisher": "Kim Đồng",
            "place": "Hà Nội",
            "isbn": "9786042088213",
            "subjects": "Văn học thiếu nhi\nTruyện",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    marc = to_pymarc(record.marc)
    # leader/18 "a": the record carries ISBD punctuation, written by the form
    assert marc["245"]["a"] == "Dế Mèn phiêu lưu ký."
    assert (marc["264"]["a"], marc["264"]["b"], marc["264"]["c"]) == (
        "Hà Nội :",
        "Kim Đồng,",
        "2021.",
    )
    assert [f["a"] for f in marc.get_fields("650")] == ["Văn học thiếu nhi", "Truyện"]
    assert marc["008"] is not None  # not on the form, kept


@pytest.mark.parametrize(
    ("material", "extra", "tag", "leader67"),
    [
        (
            MaterialType.THESIS,
            {"dissertation": "Luận án tiến sĩ -- ĐHQG Hà Nội, 2020"},
            "502",
            "am",
        ),
        (MaterialType.MAP, {"scale": "Tỷ lệ 1:50.000"}, "255", "em"),
        (MaterialType.SERIAL, {"issn": "0866-7152", "frequency": "Hằng tháng"}, "310", "as"),
        (MaterialType.MANUSCRIPT, {"script": "Chữ Hán Nôm"}, "546", "tm"),
        (MaterialType.LOCAL_HISTORY, {"places": "Hưng Yên (Việt Nam)"}, "651", "am"),
        (MaterialType.ELECTRONIC, {"urls": "https://example.org/sach.pdf"}, "856", "mm"),
        (MaterialType.VIDEO, {"system": "DVD, 90 phút"}, "538", "gm"),
    ],
)
def test_new_record_from_each_template(world, cataloguer, material, extra, tag, leader67):
    url = reverse("catalog:record-form-new") + f"?type={material}"
    assert cataloguer.get(url).status_code == 200
    response = cataloguer.post(url, {"material_type": material, "title": "Tài liệu mẫu", **extra})
    assert response.status_code == 302, response.content.decode()[:3000]
    marc = to_pymarc(Record.objects.get().marc)
    assert marc.get(tag) is not None
    assert str(marc.leader)[6:8] == leader67


def test_simple_form_requires_a_title(world, cataloguer):
    response = cataloguer.post(reverse("catalog:record-form-new"), {"material_type": "book"})
    assert response.status_code == 400
    assert Record.objects.count() == 0


def test_editor_pages_render(world, cataloguer, make_record):
    record = make_record()
    for url in (
        reverse("catalog:record-new"),
        reverse("catalog:marc-editor-new") + "?type=score",
        reverse("catalog:marc-editor", args=[record.pk]),
    ):
        response = cataloguer.get(url)
        assert response.status_code == 200, url
    assert (
        "catalog-editor.js"
        in cataloguer.get(reverse("catalog:marc-editor", args=[record.pk])).content.decode()
    )


def test_editor_query_count_is_pinned(
    world, cataloguer, make_record, django_assert_max_num_queries
):
    record = make_record()
    cataloguer.get(reverse("catalog:marc-editor", args=[record.pk]))  # session, caches
    with django_assert_max_num_queries(8):
        assert cataloguer.get(reverse("catalog:marc-editor", args=[record.pk])).status_code == 200


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
def test_editor_speaks_english_when_asked(world, cataloguer, make_record):
    from django.utils import translation
    from django.utils.translation import trans_real

    package = Path(__file__).resolve().parents[3]
    for po in ("staff/catalog", "catalog/copycat"):
        po_file = package / po / "locale" / "en" / "LC_MESSAGES" / "django.po"
        subprocess.run(["msgfmt", "-o", str(po_file.with_suffix(".mo")), str(po_file)], check=True)
    trans_real._translations = {}  # noqa: SLF001 - pick up the fresh catalogues
    translation.deactivate()
    record = make_record()
    cataloguer.cookies["thuvien_language"] = "en"
    page = cataloguer.get(reverse("catalog:marc-editor", args=[record.pk])).content.decode()
    assert "MARC editor" in page and "Leader (LDR, 24 characters)" in page
    bad = cataloguer.post(reverse("catalog:marc-editor", args=[record.pk]), {"leader": "x"})
    assert "The leader must be exactly 24 characters long (it has 1)." in bad.content.decode()


def test_editor_escapes_what_was_typed(world, cataloguer):
    data = editor_post(LEADER, [("008", F008), ("245", "0", "0", [("a", '"><script>x</script>')])])
    data["action"] = "add_sub:1"
    page = cataloguer.post(reverse("catalog:marc-editor-new"), data).content.decode()
    assert "<script>x</script>" not in page
    assert "&quot;&gt;&lt;script&gt;x&lt;/script&gt;" in page


def test_simple_form_year_goes_into_008_on_create_and_edit(world, cataloguer):
    url = reverse("catalog:record-form-new") + "?type=book"
    response = cataloguer.post(
        url, {"material_type": "book", "title": "Sách năm 2024", "year": "2024"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Record.objects.get()
    marc = to_pymarc(record.marc)
    assert marc["264"]["c"] == "2024."  # leader/18 "a": ISBD punctuation
    assert marc["008"].data[6:11] == "s2024"
    assert len(marc["008"].data) == 40
    assert record.year == 2024

    form_url = reverse("catalog:record-form", args=[record.pk])
    assert 'value="2024"' in cataloguer.get(form_url).content.decode()
    response = cataloguer.post(
        form_url, {"material_type": "book", "title": "Sách năm 2024", "year": "[2019]"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    marc = to_pymarc(record.marc)
    assert marc["008"].data[6:15] == "s2019    "
    assert marc["008"].data[:6] != "      "  # date entered kept
    assert record.year == 2019


def test_local_history_template_keeps_its_type(world, cataloguer):
    url = reverse("catalog:record-form-new") + f"?type={MaterialType.LOCAL_HISTORY}"
    response = cataloguer.post(
        url,
        {
            "material_type": MaterialType.LOCAL_HISTORY,
            "title": "Địa chí Hưng Yên",
            "places": "Hưng Yên (Việt Nam)",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Record.objects.get()
    assert record.material_type == MaterialType.LOCAL_HISTORY
    assert to_pymarc(record.marc)["940"]["a"] == "Địa chí"
    # editing opens the local-history form (with its places) and keeps the type, one 940
    form_url = reverse("catalog:record-form", args=[record.pk])
    page = cataloguer.get(form_url).content.decode()
    assert "Hưng Yên (Việt Nam)" in page
    response = cataloguer.post(
        form_url,
        {
            "material_type": MaterialType.LOCAL_HISTORY,
            "title": "Địa chí tỉnh Hưng Yên",
            "places": "Hưng Yên (Việt Nam)",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.material_type == MaterialType.LOCAL_HISTORY
    assert len(to_pymarc(record.marc).get_fields("940")) == 1


def test_marc_editor_names_the_subfield_code_typed(world, cataloguer, make_record):
    record = make_record("Tên cũ")
    data = editor_post(
        LEADER,
        [
            ("008", F008),
            ("245", "0", "0", [("a", "Nhan đề"), ("$", "giá trị đô la"), ("$b", "phụ đề")]),
            ("500", "#", "#", [("", "phụ chú không mã")]),
        ],
    )
    response = cataloguer.post(reverse("catalog:marc-editor", args=[record.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Trường 245: mã trường con &#x27;$&#x27; không hợp lệ" in page
    assert "mã trường con &#x27;&#x27;" not in page
    assert "Trường 500: thiếu mã trường con (a-z hoặc 0-9) trước giá trị" in page
    assert "Trường 245: mã trường con &#x27;b&#x27;" not in page  # "$b" is b


def test_a_save_audits_the_marc_tags_it_changed(world, cataloguer, make_record):
    record = make_record("Dế Mèn", author="Tô Hoài", year="2020")
    response = cataloguer.post(
        reverse("catalog:record-form", args=[record.pk]),
        {"material_type": "book", "title": "Dế Mèn", "author": "Tô Hoài", "year": "2020",
         "publisher": "Kim Đồng", "place": "Hà Nội", "notes": "Sách được giải thưởng"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="catalog.record.updated")
    assert entry.changes["MARC 500"] == [None, "  $aSách được giải thưởng"]
    # the record's leader/18 "a" says it carries ISBD punctuation: the form wrote it in 245
    # and 264, which the test record lacked; nothing else changed
    assert set(entry.changes) == {"MARC 500", "MARC 245", "MARC 264"}
    assert entry.changes["MARC 264"][1] == " 1$aHà Nội :$bKim Đồng,$c2020."
