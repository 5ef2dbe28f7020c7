"""The record form refuses or warns about what a cataloguer may type (issue 12): a year in words,
a malformed ISBN, an ISBN with a wrong check digit (kept in 020 $z once confirmed), a language
code not on the MARC list, a DDC number that is not one; and it writes ISBD punctuation only
when leader/18 says the record has it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thuvien.catalog.errors import RecordInvalid
from thuvien.catalog.marc.mij import to_pymarc
from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create, record_update

NEW = reverse("catalog:record-form-new") + "?type=book"
GOOD_ISBN = "978-604-2-08821-3"
BAD_CHECK = "978-604-2-08821-4"  # the same number with a wrong check digit


def post(client, url=NEW, **fields):
    return client.post(url, {"material_type": "book", "title": "Sách thử", **fields})


_INDICATORS = {"082": ("0", "4"), "041": ("0", " ")}  # as MARC21 allows (marc.validation)


def _marc(**subfields):
    fields = [{"245": {"ind1": "0", "ind2": "0", "subfields": [{"a": "Sách thử"}]}}]
    for tag, (code, value) in subfields.items():
        ind1, ind2 = _INDICATORS.get(tag[1:], (" ", " "))
        fields.append({tag[1:]: {"ind1": ind1, "ind2": ind2, "subfields": [{code: value}]}})
    return {"leader": "00000nam a2200000 a 4500", "fields": fields}


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("year", "năm hai nghìn", "Năm xuất bản"),
        ("isbn", "12345", "không đúng dạng"),
        ("isbn", "ISBN-ABC-DEF", "không đúng dạng"),
        ("language", "xxxxx", "danh mục mã ngôn ngữ MARC"),
        ("language", "vn", "danh mục mã ngôn ngữ MARC"),
        ("ddc", "abc", "Chỉ số DDC"),
    ],
)
def test_bad_values_are_refused_on_their_field(world, cataloguer, field, value, says):
    response = post(cataloguer, **{field: value})
    assert response.status_code == 400
    assert Record.objects.count() == 0
    errors = response.context["form"].errors
    assert field in errors and says in errors[field][0], errors
    page = response.content.decode()
    assert 'id="row-' + field + '"' in page and "errorlist" in page


def test_a_wrong_check_digit_warns_then_goes_to_020z_on_confirmation(world, cataloguer):
    response = post(cataloguer, isbn=f"{GOOD_ISBN}\n{BAD_CHECK}")
    assert response.status_code == 400
    assert Record.objects.count() == 0  # nothing silently dropped or stored
    page = response.content.decode()
    assert "sai chữ số kiểm tra" in page and 'name="confirm_warnings"' in page
    response = post(cataloguer, isbn=f"{GOOD_ISBN}\n{BAD_CHECK}", confirm_warnings="on")
    assert response.status_code == 302
    marc = to_pymarc(Record.objects.get().marc)
    assert [f.get_subfields("a", "z") for f in marc.get_fields("020")] == [
        [GOOD_ISBN], [BAD_CHECK]
    ]  # fmt: skip
    assert marc["020"]["a"] == GOOD_ISBN
    # editing the record again keeps the invalid ISBN in $z
    record = Record.objects.get()
    url = reverse("catalog:record-form", args=[record.pk])
    assert post(cataloguer, url, isbn=GOOD_ISBN, year="2020").status_code == 302
    marc = to_pymarc(Record.objects.get().marc)
    assert [f.get_subfields("a", "z") for f in marc.get_fields("020")] == [[GOOD_ISBN], [BAD_CHECK]]


def test_good_values_are_stored_and_the_language_is_the_one_shown(world, cataloguer):
    response = post(cataloguer, year="c2020", isbn=GOOD_ISBN, language="eng", ddc="895.92234")
    assert response.status_code == 302
    record = Record.objects.get()
    assert record.year == 2020 and record.language == "eng" and record.ddc.startswith("895.92")
    page = cataloguer.get(reverse("catalog:record-detail", args=[record.pk])).content.decode()
    assert "Tiếng Anh" in page or "English" in page
    assert "Tiếng Việt" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_new_record_without_a_year_is_not_given_this_year(world, cataloguer):
    assert post(cataloguer).status_code == 302
    record = Record.objects.get()
    assert record.year is None


def test_the_service_refuses_and_warns_without_the_form(world):
    with pytest.raises(RecordInvalid) as exc:
        record_create(network=world.hung_yen, marc=_marc(a082=("a", "abc")))
    assert exc.value.code == "catalog.field_invalid"
    assert exc.value.problems[0].tag == "082"
    with pytest.raises(RecordInvalid) as exc:
        record_create(network=world.hung_yen, marc=_marc(a020=("a", BAD_CHECK)))
    assert exc.value.code == "catalog.needs_confirmation"
    record = record_create(
        network=world.hung_yen, marc=_marc(a020=("a", BAD_CHECK)), confirm_warnings=True
    )
    assert record.marc["fields"][1]["020"]["subfields"] == [{"z": BAD_CHECK}]
    # The MARC21 rules the editors show are the service's own: a form or API that forgets
    # them still cannot store a broken record.
    broken = _marc()
    broken["fields"].append({"245": {"ind1": "0", "ind2": "0", "subfields": [{"a": "Hai"}]}})
    with pytest.raises(RecordInvalid) as exc:
        record_create(network=world.hung_yen, marc=broken)
    assert exc.value.code == "catalog.marc_rules"
    assert exc.value.problems[0].tag == "245" and exc.value.problems[0].position == 2


def test_an_old_value_nobody_touched_does_not_block_an_edit(world):
    from thuvien.catalog.services.rawinsert import dumps_utf8  # noqa: F401 - import path check

    record = record_create(network=world.hung_yen, marc=_marc(a041=("a", "vie")))
    legacy = _marc(a041=("a", "xxx"))  # as an old import might have stored it
    Record.objects.filter(pk=record.pk).update(marc=legacy)
    record.refresh_from_db()
    changed = _marc(a041=("a", "xxx"), a500=("a", "Ghi chú mới"))
    record_update(record=record, marc=changed)  # no error: 041 was already so
    with pytest.raises(RecordInvalid):
        record_update(record=record, marc=_marc(a041=("a", "yyy")))


def _subs(marc, tag):
    return [(s.code, s.value) for s in marc[tag].subfields]


def test_isbd_punctuation_follows_leader_18(world, cataloguer):
    full = {"title": "Dế Mèn phiêu lưu ký", "subtitle": "truyện dài", "responsibility": "Tô Hoài",
            "place": "Hà Nội", "publisher": "Kim Đồng", "year": "2020", "extent": "150 tr.",
            "dimensions": "21 cm"}  # fmt: skip
    assert post(cataloguer, **full).status_code == 302
    record = Record.objects.get()
    marc = to_pymarc(record.marc)
    assert str(marc.leader)[18] == "a"
    assert _subs(marc, "245") == [("a", "Dế Mèn phiêu lưu ký :"), ("b", "truyện dài /"),
                                  ("c", "Tô Hoài.")]  # fmt: skip
    assert _subs(marc, "264") == [("a", "Hà Nội :"), ("b", "Kim Đồng,"), ("c", "2020.")]
    assert _subs(marc, "300") == [("a", "150 tr. ;"), ("c", "21 cm")]
    # the form shows the words without the punctuation
    form = cataloguer.get(reverse("catalog:record-form", args=[record.pk])).content.decode()
    assert 'value="Dế Mèn phiêu lưu ký"' in form and 'value="Kim Đồng"' in form

    # leader/18 "c" (ISBD punctuation omitted): the same save writes none
    data = dict(record.marc)
    data["leader"] = data["leader"][:18] + "c" + data["leader"][19:]
    Record.objects.filter(pk=record.pk).update(marc=data)
    url = reverse("catalog:record-form", args=[record.pk])
    assert post(cataloguer, url, **full).status_code == 302
    marc = to_pymarc(Record.objects.get().marc)
    assert _subs(marc, "245") == [("a", "Dế Mèn phiêu lưu ký"), ("b", "truyện dài"),
                                  ("c", "Tô Hoài")]  # fmt: skip
    assert _subs(marc, "264") == [("a", "Hà Nội"), ("b", "Kim Đồng"), ("c", "2020")]


def test_the_messages_are_in_english_too(world, cataloguer):
    cataloguer.cookies["thuvien_language"] = "en"
    response = post(cataloguer, ddc="abc", isbn="12345", year="năm hai nghìn")
    assert response.status_code == 400
    page = response.content.decode()
    assert "DDC number “abc” is malformed" in page
    assert "ISBN “12345” is malformed" in page
    assert "has no year in digits" in page
    assert "Correct the marked fields below" in page


def test_the_marc_editor_refuses_and_confirms_the_same_way(world, cataloguer):
    from .test_editor import F008, LEADER, editor_post

    url = reverse("catalog:marc-editor-new")
    fields = [
        ("008", F008),
        ("020", "#", "#", [("a", BAD_CHECK)]),
        ("082", "0", "4", [("a", "abc")]),
        ("245", "0", "0", [("a", "Sách thử")]),
    ]
    response = cataloguer.post(url, editor_post(LEADER, fields))
    assert response.status_code == 400 and "Chỉ số DDC “abc”" in response.content.decode()
    fields[2] = ("082", "0", "4", [("a", "895.9223")])
    response = cataloguer.post(url, editor_post(LEADER, fields))
    page = response.content.decode()
    assert response.status_code == 400 and 'name="confirm_warnings"' in page
    assert Record.objects.count() == 0
    response = cataloguer.post(url, {**editor_post(LEADER, fields), "confirm_warnings": "on"})
    assert response.status_code == 302
    assert to_pymarc(Record.objects.get().marc)["020"].get_subfields("z") == [BAD_CHECK]


def test_a_pasted_bidi_mark_between_two_words_becomes_a_space(world, cataloguer):
    """A right-to-left mark pasted between two words ("thử\u200fnghiệm") showed them apart
    but was stored; the stored title has a space there, and a mark beside a space, a soft
    hyphen or an isolate inside a word leave nothing behind."""
    response = post(cataloguer, title="thử\u200fnghiệm", author="Nguyễn \u200eDu\u00ad",
                    publisher="Nhà xuất bản\u2067 Trẻ\u2069")  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Record.objects.get()
    assert record.title == "thử nghiệm"
    assert record.authors == ["Nguyễn Du"]
    stored = str(record.marc)
    for mark in "\u200e\u200f\u061c\u00ad\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert mark not in stored
