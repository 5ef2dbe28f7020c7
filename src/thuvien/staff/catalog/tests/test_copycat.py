"""Copy cataloguing pages against the local Zebra server (Z39.50 and SRU)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from thuvien.catalog.copycat.targets import SETTING_KEY
from thuvien.catalog.copycat.testing import free_port
from thuvien.catalog.copycat.tests.conftest import VI_ISBN, VI_TITLE
from thuvien.catalog.models import Record
from thuvien.network.models import SettingValue


@pytest.fixture
def targets(world, zebra):
    value = [
        zebra.target_dict("z3950", code="zebra-z"),
        zebra.target_dict("sru", code="zebra-sru", version="2.0"),
        {**zebra.target_dict("sru", code="dead"), "port": free_port(), "name": "Máy chủ tắt"},
    ]
    SettingValue.objects.create(network=world.hung_yen, key=SETTING_KEY, value=value)
    return value


@pytest.mark.parametrize("code", ["zebra-z", "zebra-sru"])
def test_search_and_import_with_one_click(world, cataloguer, targets, code):
    url = reverse("catalog:copycat")
    response = cataloguer.get(url, {"target": code, "index": "isbn", "q": VI_ISBN})
    assert response.status_code == 200
    page = response.content.decode()
    assert VI_TITLE in page and "Nhập" in page
    marc = response.context["records"][0]["marc"]
    imported = cataloguer.post(
        reverse("catalog:copycat-import"), {"marc": marc, "action": "import"}
    )
    record = Record.objects.get()
    assert imported.status_code == 302
    assert imported["Location"] == reverse("catalog:record-detail", args=[record.pk])
    assert record.title.startswith(VI_TITLE) and record.network == world.hung_yen
    # The same record again opens the one already there.
    again = cataloguer.post(reverse("catalog:copycat-import"), {"marc": marc, "action": "import"})
    assert again["Location"] == imported["Location"]
    assert Record.objects.count() == 1


@pytest.mark.parametrize("code", ["zebra-z", "zebra-sru"])
def test_result_pages(world, cataloguer, targets, code):
    url = reverse("catalog:copycat")
    ask = {"target": code, "index": "any", "q": "united states"}
    first = cataloguer.get(url, ask)
    result = first.context["result"]
    assert result.total > 10 and len(result.records) == 10
    assert "start=11" in first.content.decode()
    second = cataloguer.get(url, {**ask, "start": 11})
    assert second.status_code == 200 and 'start="11"' in second.content.decode()
    shown = {r["marc"] for r in first.context["records"]}
    assert not shown & {r["marc"] for r in second.context["records"]}
    junk = cataloguer.get(url, {**ask, "start": "x"})
    assert junk.status_code == 200 and junk.context["result"].start == 1


def test_edit_before_import_opens_the_editor_unsaved(world, cataloguer, targets):
    response = cataloguer.get(
        reverse("catalog:copycat"), {"target": "zebra-z", "index": "title", "q": "atlas"}
    )
    marc = response.context["records"][0]["marc"]
    page = cataloguer.post(reverse("catalog:copycat-import"), {"marc": marc, "action": "edit"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'action="/staff/catalog/records/new/marc/"' in html and "Mario Vélez" in html
    assert Record.objects.count() == 0


def test_real_loc_records_import_or_explain(world, cataloguer, targets):
    """Every LoC record found for "history" either imports or opens the editor with reasons."""
    response = cataloguer.get(
        reverse("catalog:copycat"), {"target": "zebra-sru", "index": "title", "q": "history"}
    )
    assert response.context["result"].total >= 5
    for summary in response.context["records"]:
        result = cataloguer.post(reverse("catalog:copycat-import"), {"marc": summary["marc"]})
        assert result.status_code in (200, 302)
        if result.status_code == 200:
            assert "Biểu ghi chưa được lưu" in result.content.decode()


def test_unreachable_target_and_bad_input_give_messages_not_500(world, cataloguer, targets):
    dead = cataloguer.get(reverse("catalog:copycat"), {"target": "dead", "q": "history"})
    assert dead.status_code == 502
    assert "Không kết nối được tới máy chủ Máy chủ tắt" in dead.content.decode()
    unknown = cataloguer.get(reverse("catalog:copycat"), {"target": "nope", "q": "history"})
    assert "Không có máy chủ biên mục sao chép" in unknown.content.decode()
    garbage = cataloguer.post(reverse("catalog:copycat-import"), {"marc": "{not json"})
    assert garbage.status_code == 302
    assert Record.objects.count() == 0


def test_oversight_searches_but_cannot_import(world, staff_client, targets):
    oversight = staff_client(world.users["hy_oversight"], world.provincial)
    page = oversight.get(
        reverse("catalog:copycat"), {"target": "zebra-z", "index": "isbn", "q": VI_ISBN}
    )
    assert page.status_code == 200 and 'value="import"' not in page.content.decode()
    post = oversight.post(
        reverse("catalog:copycat-import"), {"marc": page.context["records"][0]["marc"]}
    )
    assert post.status_code == 403


def test_tampered_marc_with_a_bad_leader_opens_the_editor_with_the_problem(world, cataloguer):
    field = {"245": {"ind1": "0", "ind2": "0", "subfields": [{"a": "X"}]}}
    marc = json.dumps({"leader": "short", "fields": [field]})
    page = cataloguer.post(reverse("catalog:copycat-import"), {"marc": marc, "action": "import"})
    assert page.status_code == 200
    assert "Đầu biểu (leader) phải dài đúng 24 ký tự" in page.content.decode()
    assert Record.objects.count() == 0
