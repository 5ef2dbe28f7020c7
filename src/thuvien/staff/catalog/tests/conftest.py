"""Records made through the catalogue's own service, and the local Zebra server."""

from __future__ import annotations

import pymarc
import pytest

from thuvien.catalog.copycat.tests.conftest import zebra  # noqa: F401 - shared fixture


def make_marc(title: str, *, author: str = "", isbn: str = "", year: str = "2020") -> pymarc.Record:
    rec = pymarc.Record(force_utf8=True)
    rec.leader = pymarc.Leader("00000nam a2200000 a 4500")
    rec.add_field(pymarc.Field(tag="008", data=f"250101s{year}    vm            000 0 vie d"))
    if isbn:
        rec.add_field(
            pymarc.Field(
                tag="020",
                indicators=pymarc.Indicators(" ", " "),
                subfields=[pymarc.Subfield("a", isbn)],
            )
        )
    if author:
        rec.add_field(
            pymarc.Field(
                tag="100",
                indicators=pymarc.Indicators("1", " "),
                subfields=[pymarc.Subfield("a", author)],
            )
        )
    rec.add_field(
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1" if author else "0", "0"),
            subfields=[pymarc.Subfield("a", title)],
        )
    )
    rec.add_field(
        pymarc.Field(
            tag="264",
            indicators=pymarc.Indicators(" ", "1"),
            subfields=[
                pymarc.Subfield("a", "Hà Nội"),
                pymarc.Subfield("b", "Kim Đồng"),
                pymarc.Subfield("c", year),
            ],
        )
    )
    return rec


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    """Each test searches its own index (the database rolls back; an index would not)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def make_record(world):
    """A record made by the catalogue's service and fed to the index, as the worker would."""
    from thuvien.catalog.services import record_create
    from thuvien.core.outbox import outbox_drain

    def make(title: str = "Dế Mèn phiêu lưu ký", network=None, **kwargs):
        record = record_create(network=network or world.hung_yen, marc=make_marc(title, **kwargs))
        outbox_drain()
        return record

    return make


@pytest.fixture
def cataloguer(world, staff_client):
    return staff_client(world.users["tinh_cataloguer"], world.provincial)
