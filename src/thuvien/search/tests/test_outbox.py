"""The index stays consistent with the database through the outbox, even across a crash."""

from __future__ import annotations

import pytest

from thuvien.core.models import OutboxEntry
from thuvien.core.outbox import outbox_drain
from thuvien.search import engine as engine_module
from thuvien.search.backends.tantivy import Engine
from thuvien.search.engine import SearchRequest
from thuvien.search.indexing import reindex_all
from thuvien.search.query import parse_query

from .factories import make_record

pytestmark = pytest.mark.django_db


def found(title_query: str) -> list[int]:
    eng = engine_module.engine()
    return [h.record_id for h in eng.search(SearchRequest(query=parse_query(title_query))).hits]


def test_record_saved_then_worker_killed_reaches_index_on_restart(world, monkeypatch, settings):
    record = make_record(world.hung_yen, "Địa chí Hưng Yên")  # committed with its outbox row
    assert OutboxEntry.objects.filter(topic="catalog.record", object_id=record.pk).exists()

    def killed(*args, **kwargs):  # the worker dies in the middle of the handler
        raise KeyboardInterrupt

    monkeypatch.setattr(Engine, "write", killed)
    with pytest.raises(KeyboardInterrupt):
        outbox_drain()
    monkeypatch.undo()
    assert OutboxEntry.objects.filter(object_id=record.pk).exists()  # the row survived

    # A fresh consumer: a new engine object on the same directory, as a restarted worker has.
    engine_module._ENGINES.clear()
    assert found("dia chi hung yen") == []
    assert outbox_drain() >= 1
    assert not OutboxEntry.objects.exists()
    engine_module._ENGINES.clear()  # and a fresh reader (a web process) sees it
    assert found("dia chi hung yen") == [record.pk]


def test_failed_handler_keeps_rows_and_counts_attempts(world, monkeypatch):
    record = make_record(world.hung_yen, "Ca dao Hưng Yên")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Engine, "write", broken)
    outbox_drain()
    entry = OutboxEntry.objects.get(object_id=record.pk)
    assert entry.attempts == 1 and "disk full" in entry.last_error
    monkeypatch.undo()
    outbox_drain()
    assert found("ca dao") == [record.pk]


def test_deleted_record_leaves_the_index(world):
    from django.db import transaction

    from thuvien.core.outbox import outbox_add

    record = make_record(world.hung_yen, "Tục ngữ Hưng Yên", index=True)
    assert found("tuc ngu") == [record.pk]
    record.is_deleted = True
    record.save(update_fields=["is_deleted"])
    with transaction.atomic():
        outbox_add("catalog.record", record.pk)
    outbox_drain()
    assert found("tuc ngu") == []


def test_reindex_rebuilds_from_the_database(world):
    a = make_record(world.hung_yen, "Văn học dân gian")
    b = make_record(world.hung_yen, "Văn hóa dân gian")
    OutboxEntry.objects.all().delete()  # as if the outbox had been lost
    assert found("dan gian") == []
    stats = reindex_all()
    assert stats["documents"] == 2
    assert set(found("dan gian")) == {a.pk, b.pk}


def test_updating_a_record_replaces_its_document(world):
    from django.db import transaction

    from thuvien.core.outbox import outbox_add

    record = make_record(world.hung_yen, "Chèo Hưng Yên", index=True)
    for title in ("Chèo cổ Hưng Yên", "Hát chèo Hưng Yên"):
        record.title = title
        record.save(update_fields=["title"])
        with transaction.atomic():
            outbox_add("catalog.record", [record.pk, record.pk])
        outbox_drain()
    assert found("cheo hung yen") == [record.pk]
    assert found("hat") == [record.pk] and found("co") == []
    assert engine_module.engine().count() == 1


def test_demo_step_builds_the_index(world):
    from thuvien.core.demo import DemoContext, demo_steps
    from thuvien.demo.search import demo_search

    assert ("search", 25) in {(name, order) for order, name, _fn in demo_steps()}
    record = make_record(world.hung_yen, "Hò khoan Lệ Thủy")
    demo_search(DemoContext(verbosity=0))
    assert found("ho khoan") == [record.pk]
    assert not OutboxEntry.objects.exists()
    demo_search(DemoContext(verbosity=0))  # idempotent
    assert found("ho khoan") == [record.pk]


@pytest.mark.django_db(transaction=True)
def test_drain_in_a_fresh_process_after_the_worker_was_down(world, monkeypatch, settings):
    """The record is committed while no worker runs; a new process drains and indexes it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3") and (
        db["NAME"] == ":memory:" or "mode=memory" in str(db["NAME"])
    ):
        pytest.skip("an in-memory SQLite test database is invisible to another process")
    from thuvien.core import outbox

    monkeypatch.setattr(outbox, "_kick_worker", lambda: None)  # the worker is down
    record = make_record(world.hung_yen, "Văn tế nghĩa sĩ")
    assert OutboxEntry.objects.filter(object_id=record.pk).exists()
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "THUVIEN_DATABASE_URL": url,
        "THUVIEN_SEARCH_INDEX_DIR": str(settings.SEARCH_INDEX_DIR),
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
    }
    thuvien = Path(sys.executable).with_name("thuvien")
    code = "from thuvien.core.outbox import outbox_drain; print(outbox_drain())"
    out = subprocess.run(
        [str(thuvien), "shell", "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert int(out.stdout.strip().splitlines()[-1]) >= 1
    engine_module._ENGINES.clear()
    assert found("van te nghia si") == [record.pk]
    assert not OutboxEntry.objects.exists()


def test_a_record_that_cannot_be_indexed_does_not_keep_the_others_out(world, monkeypatch):
    from thuvien.search import documents

    records = [make_record(world.hung_yen, f"Địa chí làng {n}") for n in range(6)]
    broken = records[3].pk
    build = documents.build_document

    def choke(row, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if row["id"] == broken:
            raise ValueError("odd MARC")
        return build(row, *args, **kwargs)

    monkeypatch.setattr(documents, "build_document", choke)
    outbox_drain()
    assert sorted(found("dia chi lang")) == sorted(r.pk for r in records if r.pk != broken)
    entry = OutboxEntry.objects.get()
    assert (entry.object_id, entry.attempts) == (broken, 1) and "odd MARC" in entry.last_error
    monkeypatch.undo()  # the record is mended: the next drain takes it
    outbox_drain()
    assert sorted(found("dia chi lang")) == sorted(r.pk for r in records)
    assert not OutboxEntry.objects.exists()
