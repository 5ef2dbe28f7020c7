from __future__ import annotations

import io
import unicodedata

import pymarc
import pytest
from django.core.management import call_command

from thuvien.catalog.services import export_run, import_run
from thuvien.holdings.services import item_create

from .conftest import MARC_DIR
from .factories import vi_marc

UTF8_FILES = [
    MARC_DIR / "traject-tests" / "test_data.utf8.mrc",
    MARC_DIR / "ruby-marc-tests" / "test__utf8_multirecord.marc",
    MARC_DIR / "pymarc-tests" / "test__utf8_with_leader_flag.dat",
    MARC_DIR / "mrrc-testbed" / "bibliographic__sample.mrc",
]


def _shape(record: pymarc.Record) -> list:
    out = []
    for f in record.fields:
        if f.is_control_field():
            out.append((f.tag, unicodedata.normalize("NFC", f.data)))
        else:
            subs = [(s.code, unicodedata.normalize("NFC", s.value)) for s in f.subfields]
            out.append((f.tag, f.indicator1, f.indicator2, subs))
    return out


def _pymarc_records(data: bytes) -> list[pymarc.Record]:
    reader = pymarc.MARCReader(io.BytesIO(data), to_unicode=True, force_utf8=True)
    return [r for r in reader if r is not None]


@pytest.mark.parametrize("path", UTF8_FILES, ids=lambda p: p.name)
def test_utf8_round_trip_keeps_fields_in_order(network, path):
    original, seen = [], set()
    for record in _pymarc_records(path.read_bytes()):  # a repeated record is stored once
        if repr(_shape(record)) not in seen:
            seen.add(repr(_shape(record)))
            original.append(record)
    assert original
    import_run(paths=[path], network=network, match_rules=[])
    out = io.BytesIO()
    count, skipped = export_run(out=out, network=network, fmt="iso2709")
    assert (count, skipped) == (len(original), [])
    exported = _pymarc_records(out.getvalue())
    assert [_shape(r) for r in exported] == [_shape(r) for r in original]
    for before, after in zip(original, exported, strict=True):
        assert str(after.leader)[5:9] == str(before.leader)[5:9]  # status, type, level, control


@pytest.mark.parametrize("fmt", ["marcxml", "json"])
def test_export_formats_read_back(network, tmp_path, fmt):
    path = UTF8_FILES[0]
    import_run(paths=[path], network=network)
    out = tmp_path / f"out.{fmt}"
    with open(out, "wb") as handle:
        count, _ = export_run(out=handle, network=network, fmt=fmt)
    from thuvien.catalog.marc.reader import read_file

    back = [item.marc for item in read_file(out)]
    assert len(back) == count == 30 and all(back)


def test_export_library_and_query(world):
    from thuvien.catalog.services import record_create

    a = record_create(network=world.hung_yen, marc=vi_marc())
    record_create(network=world.hung_yen, marc=vi_marc(title="Truyện Kiều", isbn=None))
    item_create(record=a, library=world.commune_a, barcode="TL1")
    out = io.BytesIO()
    assert export_run(out=out, network=world.hung_yen, library=world.commune_a)[0] == 1
    assert export_run(out=io.BytesIO(), network=world.hung_yen, query="truyen kieu")[0] == 1
    assert export_run(out=io.BytesIO(), network=world.hung_yen, query="978-604-123456-7")[0] == 1
    assert export_run(out=io.BytesIO(), network=world.bac_ninh)[0] == 0


def test_commands(world, tmp_path, capsys):
    src = MARC_DIR / "traject-tests" / "test_data.utf8.mrc"
    call_command("import_marc", str(src), "--library", "HY-TINH", "--dry-run")
    assert "30 mới" in capsys.readouterr().out
    report = tmp_path / "r.csv"
    call_command("import_marc", str(src), "--network", "hung-yen", "--report", str(report))
    assert report.read_text(encoding="utf-8").startswith("vi_tri")
    out = tmp_path / "o.xml"
    call_command("export_marc", "--network", "hung-yen", "--format", "marcxml", "-o", str(out))
    assert out.read_text(encoding="utf-8").count("<record>") == 30
