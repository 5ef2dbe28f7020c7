"""A real local Zebra server loaded with Library of Congress records and one Vietnamese record."""

from __future__ import annotations

from pathlib import Path

import pymarc
import pytest

from thuvien.catalog.copycat.testing import zebra_available, zebra_server

REPO_ROOT = Path(__file__).resolve().parents[5]
LOC_RECORDS = (
    REPO_ROOT / ".." / "shared" / "data" / "marc" / "mrrc-testbed" / "bibliographic__sample.mrc"
)
VI_ISBN = "9786041095113"
VI_TITLE = "Lịch sử tỉnh Hưng Yên"


def vietnamese_record() -> pymarc.Record:
    rec = pymarc.Record(force_utf8=True)
    rec.leader = pymarc.Leader("00000nam a2200000 a 4500")
    rec.add_field(pymarc.Field(tag="008", data="250101s2020    vm            000 0 vie d"))
    rec.add_field(
        pymarc.Field(
            tag="020",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[pymarc.Subfield("a", VI_ISBN)],
        )
    )
    rec.add_field(
        pymarc.Field(
            tag="100",
            indicators=pymarc.Indicators("1", " "),
            subfields=[pymarc.Subfield("a", "Nguyễn Văn Đức")],
        )
    )
    rec.add_field(
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1", "0"),
            subfields=[pymarc.Subfield("a", VI_TITLE), pymarc.Subfield("c", "Nguyễn Văn Đức")],
        )
    )
    rec.add_field(
        pymarc.Field(
            tag="264",
            indicators=pymarc.Indicators(" ", "1"),
            subfields=[
                pymarc.Subfield("a", "Hưng Yên"),
                pymarc.Subfield("b", "Nxb. Hưng Yên"),
                pymarc.Subfield("c", "2020"),
            ],
        )
    )
    return rec


@pytest.fixture(scope="session")
def zebra(tmp_path_factory):
    if not zebra_available():
        pytest.skip("Zebra/YAZ are not installed (make install-system-packages)")
    tmp = tmp_path_factory.mktemp("zebra")
    vi = tmp / "vi.mrc"
    vi.write_bytes(vietnamese_record().as_marc())
    with zebra_server([LOC_RECORDS.resolve(), vi], tmp) as server:
        yield server
