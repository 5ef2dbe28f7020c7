"""The stored MARC-in-JSON text never changes with the encoder: the ``sha`` identifier hashes it."""

from __future__ import annotations

import json

from thuvien.catalog.marc.reader import read_file
from thuvien.catalog.services.rawinsert import dumps

from .conftest import MARC_DIR


def _standard(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_every_shared_record_encodes_as_the_standard_encoder_does():
    count = 0
    for path in sorted(p for p in MARC_DIR.rglob("*") if p.is_file()):
        for item in read_file(path):
            if getattr(item, "marc", None) is not None:
                assert dumps(item.marc) == _standard(item.marc), path
                count += 1
    assert count > 1000


def test_odd_values_fall_back_to_the_standard_encoder():
    odd = {"a": "lone \udcff surrogate", "n": 1 << 70, "t": 'tab\tquote"back\\slash\x1f\u2028'}
    assert dumps(odd) == _standard(odd)
    assert dumps([]) == "[]"
    assert dumps(["Hà Nội"]) == '["Hà Nội"]'


def test_the_utf8_form_is_the_same_text_encoded():
    from thuvien.catalog.services.rawinsert import dumps_utf8

    for value in ({"n": 1 << 70, "t": 'tab\tquote"\u2028'}, ["Hà Nội"], [], {"a": [1, "ể"]}):
        assert dumps_utf8(value) == dumps(value).encode()


def test_extracted_values_cross_to_the_writer_as_a_row_and_back():
    from thuvien.catalog.marc.extract import extract
    from thuvien.catalog.services.rawinsert import (
        EXTRACTED_COLUMNS,
        extracted_row,
        extracted_values,
    )

    from .factories import vi_marc

    link = ("856", "4", "0", [("u", "http://x.vn"), ("y", "Bản số")])
    values = extract(vi_marc(extra=[link])).values
    assert tuple(values) == EXTRACTED_COLUMNS  # extract's order is the insert's order
    row = extracted_row(values)
    assert row[EXTRACTED_COLUMNS.index("links")] == dumps(values["links"])
    assert extracted_values(row) == values
