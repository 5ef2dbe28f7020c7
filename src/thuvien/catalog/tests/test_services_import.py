from __future__ import annotations

import io
from pathlib import Path

import pytest

from thuvien.catalog.marc.mij import build
from thuvien.catalog.marc.writer import MarcWriter
from thuvien.catalog.models import Record, RecordIdentifier
from thuvien.catalog.services import import_preview, import_run
from thuvien.catalog.services import importing as importing_module
from thuvien.core.models import OutboxEntry
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item

from .factories import vi_marc

UVA = Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "marc" / "solrmarc-tests"


def _write(tmp_path, records, fmt="iso2709", name="in.mrc"):
    path = tmp_path / name
    with open(path, "wb") as out:
        writer = MarcWriter(out, fmt)
        for marc in records:
            writer.write(marc)
        writer.close()
    return path


def _koha(title, isbn, barcodes):
    extra = [
        ("952", " ", " ", [("a", "HY-TINH"), ("c", "kho"), ("o", "959.7 T77l"), ("p", b),
                           ("y", "BK"), ("g", "85.000đ"), ("d", "2024-03-01")])
        for b in barcodes
    ]  # fmt: skip
    return vi_marc(title=title, isbn=isbn, extra=extra)


def test_import_creates_items_and_is_idempotent(world, tmp_path):
    recs = [
        _koha("Lịch sử Việt Nam", "9786041234567", ["HY0001", "HY0002"]),
        _koha("Truyện Kiều", None, ["HY0003"]),
    ]
    path = _write(tmp_path, recs)
    report = import_run(paths=[path], network=world.hung_yen, library=world.provincial)
    assert (report.created, report.matched, report.items_created) == (2, 0, 3)
    with scopes_disabled():
        item = Item.objects.get(barcode="HY0001")
    assert item.library == world.provincial
    assert item.location.code == "kho"
    assert item.price == 85000 and str(item.acquired_on) == "2024-03-01"
    assert item.call_number == "959.7 T77l"
    assert OutboxEntry.objects.filter(topic="catalog.record").count() >= 2
    again = import_run(paths=[path], network=world.hung_yen, library=world.provincial)
    assert (again.created, again.matched, again.items_created) == (0, 2, 0)
    assert again.items_existing == 3
    assert Record.objects.count() == 2


def test_isbn10_matches_existing_isbn13(world, tmp_path):
    import_run(paths=[_write(tmp_path, [vi_marc(isbn="9780198526636")])], network=world.hung_yen)
    other = vi_marc(title="Another edition text", isbn="0-19-852663-6")
    report = import_run(
        paths=[_write(tmp_path, [other], name="b.mrc")],
        network=world.hung_yen,
        match_rules="isbn",
    )
    assert report.matched == 1 and report.matched_by == {"isbn": 1}
    # another network keeps its own catalogue
    report = import_run(paths=[_write(tmp_path, [other], name="c.mrc")], network=world.bac_ninh)
    assert report.created == 1


def test_match_by_title_author_year_key(world, tmp_path):
    import_run(paths=[_write(tmp_path, [vi_marc(isbn=None)])], network=world.hung_yen)
    variant = vi_marc(isbn=None, title="LỊCH SỬ VIỆT NAM", publisher="Trẻ")
    path = _write(tmp_path, [variant], name="k.mrc")
    without = import_preview(path=path, fmt=None, match_rules="isbn", network=world.hung_yen)
    assert without.created == 1
    preview = import_preview(path=path, fmt=None, match_rules="isbn,key", network=world.hung_yen)
    assert preview.matched_by == {"key": 1}
    assert preview.rows[0].action == "match" and preview.rows[0].record_id
    assert Record.objects.count() == 1  # a preview writes nothing


def test_the_key_rule_keeps_titles_that_differ_in_tone_marks_apart(world, tmp_path):
    """The folded key finds the candidates; the marks must agree too: "Má" is not "Mà"."""
    import_run(paths=[_write(tmp_path, [vi_marc(title="Má", isbn=None)])], network=world.hung_yen)
    records = [vi_marc(title="Mà", isbn=None), vi_marc(title="Mạ", isbn=None)]
    path = _write(tmp_path, records, name="t.mrc")
    report = import_run(paths=[path], network=world.hung_yen, match_rules="key")
    assert (report.created, report.matched) == (2, 0)
    again = _write(tmp_path, [vi_marc(title="MÀ.", isbn=None)], name="again.mrc")
    report = import_run(paths=[again], network=world.hung_yen, match_rules="key")
    assert report.matched_by == {"key": 1} and Record.objects.count() == 3


def test_duplicates_inside_one_file_become_one_record(world, tmp_path):
    path = _write(tmp_path, [vi_marc(), vi_marc(title="Same ISBN")])
    report = import_run(paths=[path], network=world.hung_yen)
    assert (report.created, report.matched) == (1, 1)


def test_replace_on_match(world, tmp_path):
    import_run(paths=[_write(tmp_path, [vi_marc()])], network=world.hung_yen)
    newer = vi_marc(title="Lịch sử Việt Nam (tái bản)")
    report = import_run(
        paths=[_write(tmp_path, [newer], name="n.mrc")], network=world.hung_yen, on_match="replace"
    )
    assert report.replaced == 1
    assert Record.objects.get().title == "Lịch sử Việt Nam (tái bản)"


def _die_at_batch(monkeypatch, n: int):  # noqa: ANN001, ANN202
    """Make the write of the ``n``-th batch fail half way (after its records, before its
    items); returns the real method, to undo it."""
    real = importing_module._Importer._items
    calls = {"n": 0}

    def dying(self, pending):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == n:
            raise RuntimeError("the disk is full")
        return real(self, pending)

    monkeypatch.setattr(importing_module._Importer, "_items", dying)
    return real


def test_a_crash_half_way_leaves_whole_batches_and_rerun_completes(world, tmp_path, monkeypatch):
    recs = [vi_marc(title=f"Sách số {i}", isbn=None, control=f"HY{i:05d}") for i in range(10)]
    path = _write(tmp_path, recs)
    real = _die_at_batch(monkeypatch, 2)
    with pytest.raises(RuntimeError):
        import_run(paths=[path], network=world.hung_yen, batch_size=4, commit_records=4)
    assert Record.objects.count() == 4  # the first batch only, never half a batch
    assert RecordIdentifier.objects.filter(kind="001").count() == 4
    monkeypatch.setattr(importing_module._Importer, "_items", real)
    report = import_run(paths=[path], network=world.hung_yen, batch_size=4)
    assert (report.created, report.matched) == (6, 4)
    assert Record.objects.count() == 10


def test_batches_share_a_transaction_and_a_crash_keeps_whole_transactions(
    world, tmp_path, monkeypatch
):
    recs = [vi_marc(title=f"Sách số {i}", isbn=None, control=f"HY{i:05d}") for i in range(12)]
    path = _write(tmp_path, recs)
    _die_at_batch(monkeypatch, 3)
    seen: list[int] = []
    with pytest.raises(RuntimeError):
        import_run(paths=[path], network=world.hung_yen, batch_size=4, commit_records=8,
                   progress=seen.append)  # fmt: skip
    assert Record.objects.count() == 8  # two batches committed together, the third not at all
    assert seen == [4, 8]  # progress counts committed batches only


def test_a_later_batch_matches_a_record_written_earlier_in_the_same_transaction(world, tmp_path):
    recs = [vi_marc(title=f"Sách số {i}", isbn=None, control=f"HY{i:05d}") for i in range(5)]
    recs.append(vi_marc(title="Sách số 0", isbn=None, control="HY00000"))
    path = _write(tmp_path, recs)
    report = import_run(paths=[path], network=world.hung_yen, batch_size=4, commit_records=100)
    assert (report.created, report.matched) == (5, 1)
    assert Record.objects.count() == 5


def test_bad_records_reported_with_position(world, tmp_path):
    good = _write(tmp_path, [vi_marc()]).read_bytes()
    data = good + b"00042xxxxxbroken\x1d" + good.replace(b"9786041234567", b"9786041234574")
    path = tmp_path / "mixed.mrc"
    path.write_bytes(data)
    report = import_run(paths=[path], network=world.hung_yen)
    assert [e.position for e in report.errors] == [2]
    assert report.created == 2 or report.created + report.matched == 2
    assert "vi_tri" in report.to_csv()


@pytest.mark.parametrize("fmt", ["marcxml", "json"])
def test_other_formats(world, tmp_path, fmt):
    path = _write(tmp_path, [vi_marc(), vi_marc(title="Truyện Kiều", isbn=None)], fmt=fmt)
    report = import_run(paths=[path], network=world.hung_yen, fmt=fmt)
    assert report.created == 2
    assert Record.objects.filter(title="Truyện Kiều").exists()


def test_marcxml_wrapped_in_oai_pmh_and_sru(world, tmp_path):
    from thuvien.catalog.marc.writer import to_marcxml

    rec = to_marcxml(vi_marc(), namespace=True)
    oai = (
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
        f"<record><header><identifier>oai:x:1</identifier></header><metadata>{rec}</metadata>"
        '</record><record><header status="deleted"><identifier>oai:x:2</identifier></header>'
        "</record></ListRecords></OAI-PMH>"
    )
    sru = (
        '<searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/"><records><record>'
        f"<recordData>{to_marcxml(vi_marc(title='Khác', isbn=None))}</recordData>"
        "</record></records></searchRetrieveResponse>"
    )
    (tmp_path / "oai.xml").write_text(oai, encoding="utf-8")
    (tmp_path / "sru.xml").write_text(sru, encoding="utf-8")
    report = import_run(paths=[tmp_path / "oai.xml", tmp_path / "sru.xml"], network=world.hung_yen)
    assert report.created == 2
    assert [(e.position, e.file) for e in report.errors] == [(2, "oai.xml")]  # the deleted one
    # an OAI-PMH response in Dublin Core holds no MARC: said so, not silently ignored
    dc_only = UVA.parent / "traject-tests" / "sample-oai-pmh.xml"
    report = import_run(paths=[dc_only], network=world.hung_yen)
    assert report.created == 0 and report.errors[0].position == 0


def test_marc8_is_converted_to_nfc(world):
    import unicodedata

    path = UVA.parent / "pymarc-tests" / "test__marc8.dat"
    import_run(paths=[path], network=world.hung_yen)
    for record in Record.objects.all():
        assert unicodedata.is_normalized("NFC", record.title)
        assert record.marc["leader"][9] == "a"


def test_import_job_with_report(world, tmp_path, django_capture_on_commit_callbacks):
    from thuvien.catalog.jobs import import_job_enqueue
    from thuvien.core.models import Job

    path = _write(tmp_path, [vi_marc()])
    path.write_bytes(path.read_bytes() + b"garbage that is not marc\x1d")
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_enqueue(
            path=str(path), fmt="iso2709", network=world.hung_yen, library=world.provincial,
            match_rules="isbn", user=world.users["tinh_cataloguer"],
        )  # fmt: skip
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result["created"] == 1 and job.result["errors"] == 1
    assert job.report.read().decode().count("\n") == 3  # header, the bad record, the summary


def test_raw_stream_position_counts_blank_lines(world):
    from thuvien.catalog.marc.reader import read_iso2709

    data = io.BytesIO(b"\n\n")
    assert list(read_iso2709(data)) == []
    assert build("00000nam a2200000 i 4500", [("001", "x")])["fields"] == [{"001": "x"}]


def test_parallel_reader_gives_the_same_result(network, tmp_path):
    from .conftest import MARC_DIR

    path = tmp_path / "mixed.mrc"  # 200 real MARC-8 records with broken ones in the middle
    uva = (MARC_DIR / "solrmarc-tests" / "uva_001-200.mrc").read_bytes()
    bad = (MARC_DIR / "pymarc-tests" / "test__bad_records.mrc").read_bytes()
    path.write_bytes(uva[: len(uva) // 2].rsplit(b"\x1d", 1)[0] + b"\x1d" + bad + uva)
    inline = import_run(paths=[path], network=network, dry_run=True, parallel=False)
    forked = import_run(paths=[path], network=network, parallel=True, batch_size=50)
    assert (forked.read, forked.created + forked.matched) == (
        inline.read,
        inline.created + inline.matched,
    )
    assert Record.objects.count() == forked.created > 0
    assert [(i.position, i.reason) for i in forked.issues] == [
        (i.position, i.reason) for i in inline.issues
    ]
    assert forked.errors


def test_an_imported_record_stores_its_marc_as_text_hashed_by_its_sha(world, tmp_path):
    """The readers send the MARC text as UTF-8 bytes; it is stored as text (not a BLOB on
    SQLite: the very characters the encoder wrote) and the ``sha`` identifier hashes it."""
    import hashlib

    from django.db import connection

    from thuvien.catalog.marc.extract import extract
    from thuvien.catalog.marc.reader import read_file
    from thuvien.catalog.services.rawinsert import dumps

    marc = vi_marc(title="Nhật ký trong tù", extra=[("700", "0", " ", [("a", "Hồ Chí Minh")])])
    path = _write(tmp_path, [marc])
    import_run(paths=[path], network=world.hung_yen)
    (item,) = read_file(path)
    written = dumps(item.marc)
    record = Record.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT marc FROM catalog_record WHERE id = %s", [record.pk])
        (stored,) = cursor.fetchone()
    assert isinstance(stored, str)
    if connection.vendor == "sqlite":  # PostgreSQL keeps jsonb, which orders keys its own way
        assert stored == written
    assert record.marc == item.marc
    sha = RecordIdentifier.objects.get(record=record, kind="sha").value
    assert sha == hashlib.blake2b(written.encode(), digest_size=16).hexdigest()
    values = extract(record.marc).values
    assert [getattr(record, name) for name in values] == list(values.values())
    assert record.authors == ["Trần Trọng Kim", "Hồ Chí Minh"]


@pytest.mark.parametrize("indent", [None, 2])
def test_json_array_compact_or_pretty_keeps_every_good_record(world, tmp_path, capsys, indent):
    """A MARC-in-JSON array written on one line (``json.dumps([rec, rec])``) was read as one
    bad record; one bad record in it lost the good ones."""
    import json

    from django.core.management import call_command

    records = [vi_marc(), {"leader": "x"}, vi_marc(title="Truyện Kiều", isbn=None)]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=indent), encoding="utf-8")
    report = import_run(paths=[path], network=world.hung_yen, dry_run=True)
    assert report.read == 3
    assert [e.position for e in report.errors] == [2]
    assert report.created == 2
    call_command("import_marc", str(path), "--network", "hung-yen", "--dry-run")
    assert "2 mới" in capsys.readouterr().out
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{hỏng\n",
        encoding="utf-8",
    )
    report = import_run(paths=[lines], network=world.hung_yen, dry_run=True)
    assert [e.position for e in report.errors] == [2, 4]
    assert report.created == 2


def test_an_unknown_xml_encoding_is_a_reported_error_not_an_exception():
    """Found by the MARCXML fuzzer (tests/test_fuzzers.py)."""
    import io

    from thuvien.catalog.marc.reader import read_marcxml

    for name in (b"UTF-5", b"UTF-7"):
        head = b'<?xml version="1.0" encoding="' + name + b'"?><a>x</a>'
        items = list(read_marcxml(io.BytesIO(head)))
        assert len(items) == 1 and items[0].marc is None and items[0].error
