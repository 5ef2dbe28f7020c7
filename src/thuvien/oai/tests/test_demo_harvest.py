"""Done means (issue 15): Sickle harvests the demo network over OAI-PMH in both formats with
counts equal to the database, deleted records present."""

from __future__ import annotations

from django.core.management import call_command
from django_scopes import scopes_disabled
from sickle import Sickle

from thuvien.catalog.models import Record, RecordTombstone
from thuvien.catalog.services import record_delete
from thuvien.holdings.models import Item
from thuvien.holdings.services import item_delete, item_withdraw
from thuvien.holdings.visibility import ANONYMOUS, record_visibility_q
from thuvien.network.models import Network


def test_sickle_harvests_the_demo_network_in_both_formats(transactional_db, live_server, settings):
    settings.OAI_PAGE_SIZE = 25  # several pages
    call_command("demo_data", records=60, only=["network", "catalog"], verbosity=0)
    for record in Record.objects.filter(is_deleted=False).order_by("id")[:3]:
        with scopes_disabled():  # their copies are withdrawn first, as a library does
            for item in Item.objects.filter(record=record):
                item_withdraw(item=item)
                item_delete(item=item)
        record_delete(record=Record.objects.get(pk=record.pk))
    sickle = Sickle(f"{live_server.url}/oai", max_retries=0)
    checked = 0
    for network in Network.objects.all():
        live = (
            Record.objects.filter(network=network, is_deleted=False)
            .filter(record_visibility_q(ANONYMOUS))
            .count()
        )
        deleted = RecordTombstone.objects.filter(network=network).count()
        if not live and not deleted:
            continue
        for prefix in ("oai_dc", "marc21"):
            records = list(
                sickle.ListRecords(
                    metadataPrefix=prefix, set=f"network:{network.code}", ignore_deleted=False
                )
            )
            ids = {r.header.identifier for r in records}
            assert len(ids) == len(records) == live + deleted, (network.code, prefix)
            assert sum(r.header.deleted for r in records) == deleted
        checked += 1
    assert checked and RecordTombstone.objects.count() == 3
