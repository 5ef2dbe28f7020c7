"""The progress bar of ``thuvien import-marc`` knows how many records a file holds before it
reads them: counted from the bytes of the real files, in every format."""

from __future__ import annotations

from pathlib import Path

import pymarc
import pytest

from thuvien.catalog.management.commands.import_marc import estimate_records

DATA = Path(__file__).resolve().parents[5] / "shared" / "data" / "marc"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("mrrc-testbed/bibliographic__sample.mrc", None),
        ("pymarc-tests/test__batch.xml", None),
        ("pymarc-tests/test__batch.xml", "marcxml"),
        ("pymarc-tests/test__batch.json", None),
        ("pymarc-tests/test__utf8.xml", None),
    ],
)
def test_import_marc_counts_the_records_of_a_file_before_reading_them(name, fmt):
    path = DATA / name
    if path.suffix == ".xml":
        expected = len(pymarc.parse_xml_to_array(str(path)))
    elif path.suffix == ".json":
        with open(path, encoding="utf-8") as fh:
            expected = len(list(pymarc.JSONReader(fh.read())))
    else:
        with open(path, "rb") as fh:
            expected = sum(1 for _ in pymarc.MARCReader(fh, to_unicode=True, force_utf8=True))
    assert estimate_records(str(path), fmt) == expected


def test_a_missing_file_is_counted_as_nothing(tmp_path):
    assert estimate_records(str(tmp_path / "none.mrc"), None) == 0
