"""A reader who sorts the results by "Nhan đề (A–Z)" finds the records that came in without a
title ("[Không nhan đề]") after the titled ones, not before them; the API's ``sort=title``
answers alike. The order key is the index document's (``search.documents``), so every backend
gets it; an index written before keeps the old key until the upgrade's migration has queued
the untitled records (or ``thuvien reindex`` has run)."""

from __future__ import annotations

import importlib

import pymarc
import pytest
from django.apps import apps
from django.test import Client

from thuvien.catalog.models import Record
from thuvien.catalog.services import import_run
from thuvien.core.outbox import outbox_drain
from thuvien.holdings.services import item_create
from thuvien.search.documents import documents_for
from thuvien.search.engine import engine
from thuvien.search.indexing import reindex_all

AUTHOR = "Trần Văn Khuyết"
TITLES = ["Bến quê", "Ánh trăng", "Đò dọc"]  # in Vietnamese order: Ánh, Bến, Đò
UNTITLED = "[Không nhan đề]"


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


def _marc_file(path, titles: list[str | None]):
    """One MARC file as a library exports it; ``None``: a record without 245."""
    out = b""
    for n, title in enumerate(titles):
        record = pymarc.Record(force_utf8=True, leader="00000nam a2200000 a 4500")
        record.add_field(
            pymarc.Field(tag="100", indicators=["1", " "],
                         subfields=[pymarc.Subfield("a", AUTHOR)]),
            pymarc.Field(tag="260", indicators=[" ", " "],
                         subfields=[pymarc.Subfield("a", "Hưng Yên"),
                                    pymarc.Subfield("c", str(1990 + n))]),
        )  # fmt: skip
        if title is not None:
            record.add_field(pymarc.Field(tag="245", indicators=["1", "0"],
                                          subfields=[pymarc.Subfield("a", title)]))  # fmt: skip
        out += record.as_marc()
    path.write_bytes(out)
    return path


def _catalogue(world, tmp_path) -> list[Record]:
    # the untitled ones first in the file: their ids are the lowest, as an old import's are
    path = _marc_file(tmp_path / "khuyet.mrc", [None, TITLES[0], None, TITLES[1], TITLES[2]])
    import_run(paths=[path], network=world.hung_yen, match_rules="")
    records = list(Record.objects.filter(network=world.hung_yen, year__range=(1990, 1994))
                   .order_by("pk"))  # fmt: skip
    assert len(records) == 5 and sum(1 for r in records if not r.title) == 2
    for n, record in enumerate(records):
        item_create(record=record, library=world.provincial, barcode=f"HYKHUYET{n}")
    outbox_drain()
    return records


EXPECTED = ["Ánh trăng", "Bến quê", "Đò dọc", UNTITLED, UNTITLED]


def _api_titles(client: Client) -> list[str]:
    answer = client.get("/api/v1/search/", {"q": "Khuyết", "sort": "title"}).json()
    assert answer["sort"] == "title"
    return [r["title"] or UNTITLED for r in answer["results"]]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_untitled_records_come_last_in_title_order(world, page, tmp_path):
    _catalogue(world, tmp_path)
    page.goto(page.base_url + "/search/?q=")
    page.locator("select#sort").select_option(label="Nhan đề (A–Z)")
    page.fill("input[name=q]", "Khuyết")
    page.locator("form[role=search] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("select#sort option:checked").inner_text() == "Nhan đề (A–Z)"
    assert page.locator("ol.rlist h3.rtitle").all_inner_texts() == EXPECTED
    assert _api_titles(Client()) == EXPECTED


@pytest.mark.django_db
def test_an_index_written_before_is_put_right_by_the_upgrade_and_by_reindex(world, tmp_path):
    records = _catalogue(world, tmp_path)
    client = Client()
    assert _api_titles(client) == EXPECTED
    # the index as the code before wrote it: an untitled record's key sorted before "A"
    docs, _ = documents_for([r.pk for r in records])
    for doc in docs:
        if not doc["title"]:
            doc["title_sort"] = "\x01"
    engine().write(upserts=docs)
    assert _api_titles(client)[:2] == [UNTITLED, UNTITLED]
    # the upgrade's migration queues the untitled records; the worker rewrites them
    migration = importlib.import_module("thuvien.search.migrations.0001_untitled_sort_last")
    migration.queue_untitled(apps, None)
    outbox_drain()
    assert _api_titles(client) == EXPECTED
    # and a full rebuild keeps the order
    engine().write(upserts=docs)
    reindex_all()
    assert _api_titles(client) == EXPECTED
