"""Barcodes keep to a safe character set (issue 12: `<script>x</script>` was stored)."""

from __future__ import annotations

import pytest

from thuvien.holdings.errors import HoldingsError
from thuvien.holdings.services import barcode_sequence


@pytest.mark.parametrize(
    "bad", ["<script>x</script>", 'A"B', "HY'01", "Mã01", "HY\x1b01", "HY 01", "-HY01", "A" * 51]
)
def test_unsafe_barcodes_are_refused_with_a_message(bad):
    with pytest.raises(HoldingsError) as exc:
        barcode_sequence(bad, 1)
    assert exc.value.field == "barcode"
    assert exc.value.code in ("holdings.barcode_pattern", "holdings.barcode_empty")


@pytest.mark.parametrize("good", ["HYT0042", "dm0010000000582", "TV-2024/001", "A.1_2"])
def test_usual_barcodes_pass(good):
    assert barcode_sequence(good, 1) == [good.upper()]
