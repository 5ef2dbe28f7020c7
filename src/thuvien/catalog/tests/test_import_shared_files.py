"""Every file under ../shared/data/marc goes through the importer: clean records are imported,
broken ones are reported with their position, and no file stops the run."""

from __future__ import annotations

import pytest

from thuvien.catalog.marc.reader import read_file
from thuvien.catalog.models import Record
from thuvien.catalog.services import import_run

from .conftest import MARC_DIR

FILES = sorted(p for p in MARC_DIR.rglob("*") if p.is_file())


def test_the_shared_data_is_there():
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shared_file_imports_or_reports(network, path):
    readable = sum(1 for item in read_file(path) if item.marc is not None)
    report = import_run(paths=[path], network=network, match_rules="isbn,035,001")
    errors = [e for e in report.errors if e.position > 0]  # position 0: the file as a whole
    assert report.created + report.matched + len(errors) == report.read
    assert all(e.reason for e in report.errors)
    stored = Record.objects.filter(network=network).count()
    assert stored == report.created
    # every readable bibliographic record was stored or matched one stored from the same file
    assert report.created + report.matched <= readable
    if path.name == "uva_001_2000.mrc":  # 2,000 real records in MARC-8
        assert report.read == 2000 and not errors
        assert report.created + report.matched == 2000
    if path.name == "authority__sample.mrc":
        assert report.created == 0 and len(errors) == report.read
    if path.name == "test__bad_records.mrc":
        assert errors and report.created >= 1  # the good ones around the bad ones got in
