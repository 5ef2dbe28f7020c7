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
