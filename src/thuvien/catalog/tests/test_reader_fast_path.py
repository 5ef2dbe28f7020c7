"""The UTF-8 fast path of the ISO 2709 reader stores exactly what the careful path stores.

``parse_iso2709`` decodes a well-formed UTF-8 record in one go (``_fast_fields``) and falls
back to the per-field path for anything else. These tests read every ISO 2709 record of
../shared/data/marc both ways and demand the same MARC-in-JSON text, the same extracted columns
and identifiers, and for broken records the same reason; generated demo records must also equal
what pymarc reads from the same bytes.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pymarc
import pytest

from thuvien.catalog.marc import reader
from thuvien.catalog.marc.extract import extract
from thuvien.catalog.marc.mij import from_pymarc
from thuvien.catalog.services.rawinsert import dumps
from thuvien.demo.catalog import write_demo_iso2709

from .conftest import MARC_DIR

ISO_FILES = sorted(
    p for p in MARC_DIR.rglob("*") if p.is_file() and reader.detect_format(p) == "iso2709"
)


def _outcome(chunk: bytes) -> tuple[Any, ...]:
    try:
        marc = reader.parse_iso2709(chunk)
    except reader.RecordError as exc:
        return ("error", str(exc))
    try:
        extracted = extract(marc)
    except Exception as exc:  # noqa: BLE001 - compared, not hidden: both paths must agree
        return ("ok", dumps(marc), "extract failed", type(exc).__name__)
    return ("ok", dumps(marc), extracted.values, extracted.identifiers)


def _both_ways(chunks: list[bytes], monkeypatch: pytest.MonkeyPatch) -> tuple[list, list, int]:
    real = reader._fast_fields
    taken = 0

    def counting(*args: Any) -> Any:
        nonlocal taken
        fields = real(*args)
        taken += fields is not None
        return fields

    monkeypatch.setattr(reader, "_fast_fields", counting)
    fast = [_outcome(c) for c in chunks]
    monkeypatch.setattr(reader, "_fast_fields", lambda *args: None)  # careful path only
    careful = [_outcome(c) for c in chunks]
    monkeypatch.setattr(reader, "_fast_fields", real)
    return fast, careful, taken


def test_shared_iso2709_files_are_there():
    assert len(ISO_FILES) > 50


def test_fast_path_equals_careful_path_on_every_shared_record(monkeypatch):
    total_fast = total = 0
    for path in ISO_FILES:
        with open(path, "rb") as handle:
            chunks = list(reader.iter_iso2709_chunks(handle))
        fast, careful, taken = _both_ways(chunks, monkeypatch)
        for position, (one, other) in enumerate(zip(fast, careful, strict=True), start=1):
            assert one == other, f"{path.name} record {position}"
        total_fast += taken
        total += len(chunks)
    assert total > 2000 and total_fast > 100  # the fast path really ran on the real files


def test_broken_records_keep_position_and_reason(monkeypatch):
    path = MARC_DIR / "pymarc-tests" / "test__bad_records.mrc"
    items = [(i.position, i.marc is None, i.error) for i in reader.read_file(path)]
    monkeypatch.setattr(reader, "_fast_fields", lambda *args: None)
    assert [(i.position, i.marc is None, i.error) for i in reader.read_file(path)] == items
    assert any(broken and reason for _, broken, reason in items)


def test_fast_path_on_demo_records_equals_pymarc(tmp_path, monkeypatch):
    path = tmp_path / "demo.mrc"
    write_demo_iso2709(path, 400)
    data = path.read_bytes()
    chunks = list(reader.iter_iso2709_chunks(io.BytesIO(data)))
    fast, careful, taken = _both_ways(chunks, monkeypatch)
    assert fast == careful and taken == len(chunks) == 400
    records = pymarc.MARCReader(io.BytesIO(data), to_unicode=True, force_utf8=True)
    for chunk, record in zip(chunks, records, strict=True):
        expected = from_pymarc(record)
        for field in expected["fields"]:
            for value in field.values():
                for sub in value["subfields"] if isinstance(value, dict) else ():
                    for code, text in sub.items():
                        sub[code] = unicodedata.normalize("NFC", text)
        assert reader.parse_iso2709(chunk) == expected
