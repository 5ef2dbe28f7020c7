"""Independent harvesters from PyPI (Sickle, oaipmh-scythe) harvest a network completely over
HTTP, page by page: counts equal to the database, deleted records included."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled
from oaipmh_scythe import Scythe
from sickle import Sickle

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create, record_delete
from thuvien.catalog.tests.factories import vi_marc
from thuvien.holdings.models import Item


@pytest.fixture
def harvestable(transactional_db, world, settings):
    settings.OAI_PAGE_SIZE = 4  # many pages
    records = [
        record_create(
            network=world.hung_yen,
            marc=vi_marc(title=f"Địa chí Hưng Yên tập {i}", isbn=None, control=f"HY{i:04d}"),
        )
        for i in range(23)
    ]
    record_create(network=world.bac_ninh, marc=vi_marc(title="Kinh Bắc", isbn=None))
    for record in records[::7]:
        record_delete(record=record)
    with scopes_disabled():
        for i, record in enumerate(records[1:6]):
            Item.objects.create(library=world.provincial, record=record, barcode=f"HYB{i:05d}")
    return world


def test_sickle_harvests_the_network_completely(live_server, harvestable):
    network = harvestable.hung_yen
    in_db = Record.objects.filter(network=network).count()
    deleted_in_db = Record.objects.filter(network=network, is_deleted=True).count()
    assert in_db == 23 and deleted_in_db == 4
    for method in ("GET", "POST"):
        sickle = Sickle(f"{live_server.url}/oai", http_method=method, max_retries=0)
        for prefix in ("oai_dc", "marc21"):
            records = list(
                sickle.ListRecords(
                    metadataPrefix=prefix, set="network:hung-yen", ignore_deleted=False
                )
            )
            ids = [r.header.identifier for r in records]
            assert len(ids) == len(set(ids)) == in_db, (method, prefix)
            assert sum(r.header.deleted for r in records) == deleted_in_db
            live = [r for r in records if not r.header.deleted]
            if prefix == "oai_dc":
                assert all(r.metadata["title"][0].startswith("Địa chí Hưng Yên") for r in live)
    headers = list(
        Sickle(f"{live_server.url}/oai").ListIdentifiers(
            metadataPrefix="marc21_withholdings", ignore_deleted=False
        )
    )
    assert len(headers) == Record.objects.count()
    held = list(
        Sickle(f"{live_server.url}/oai").ListIdentifiers(
            metadataPrefix="oai_dc", set="library:HY-TINH"
        )
    )
    assert len(held) == 5


def test_oaipmh_scythe_harvests_the_network_completely(live_server, harvestable):
    in_db = Record.objects.filter(network=harvestable.hung_yen).count()
    with Scythe(f"{live_server.url}/oai") as scythe:
        records = list(scythe.list_records(metadata_prefix="marc21", set_="network:hung-yen"))
        headers = list(scythe.list_identifiers(metadata_prefix="oai_dc", set_="network:hung-yen"))
        sets = [s.setSpec for s in scythe.list_sets()]
        identify = scythe.identify()
    assert len(records) == len(headers) == in_db
    assert sum(h.deleted for h in headers) == 4
    assert "network:hung-yen" in sets and "library:HY-TINH" in sets
    assert identify.deletedRecord == "persistent"
