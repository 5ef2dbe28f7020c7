"""A harvested record that duplicates one of the network's own records (the same ISBN, or the
same title, first author and year with their tone marks) is joined to it as the partner's copy
of the same work: the union catalogue shows one record, the report counts it as merged, and
the partner's later changes and deletion never touch the local cataloguing."""

from __future__ import annotations

import pytest

from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create, record_delete, record_update
from thuvien.catalog.tests.factories import vi_marc
from thuvien.harvest.models import HarvestedRecord, HarvestRun, Partner
from thuvien.harvest.services import harvest_run, partner_create


@pytest.fixture
def partner_and_locals(transactional_db, world, settings):
    settings.HARVEST_BACKOFF_SECONDS = 0.01
    settings.OAI_PAGE_SIZE = 2
    hy = world.hung_yen  # the partner's records, served by our own /oai
    source = {
        "same_isbn": record_create(
            network=hy, marc=vi_marc(title="Lịch sử Việt Nam (bản in lại)", isbn="9786041234567")
        ),
        "same_work": record_create(
            network=hy, marc=vi_marc(title="Truyện Kiều", author="Nguyễn Du", isbn=None, year=1990)
        ),
        "other_mark": record_create(
            network=hy, marc=vi_marc(title="Truyện Kiêu", author="Nguyễn Du", isbn=None, year=1990)
        ),
        "new": record_create(
            network=hy, marc=vi_marc(title="Địa chí Hưng Yên", isbn=None, year=2001)
        ),
    }
    bn = world.bac_ninh  # the harvesting network's own cataloguing
    local = {
        "isbn": record_create(network=bn, marc=vi_marc(isbn="9786041234567")),
        "work": record_create(
            network=bn, marc=vi_marc(title="Truyện Kiều", author="Nguyễn Du", isbn=None, year=1990)
        ),
    }
    return source, local


def test_duplicates_join_the_local_record_and_the_report_counts_them(
    live_server, world, partner_and_locals
):
    source, local = partner_and_locals
    partner = partner_create(
        network=world.bac_ninh, name="Hưng Yên", base_url=f"{live_server.url}/oai",
        metadata_prefix="marc21", set_spec="network:hung-yen", target=Partner.Target.UNION,
    )  # fmt: skip
    run = harvest_run(partner=partner)
    assert run.status == HarvestRun.Status.DONE, run.error
    assert (run.came, run.created, run.merged, run.refused) == (4, 2, 2, 0)
    mine = Record.objects.filter(network=world.bac_ninh, is_deleted=False)
    assert mine.count() == 2 + 2  # the two local records and the two new works, once each
    links = HarvestedRecord.objects.filter(partner=partner, merged=True)
    assert set(links.values_list("record_id", flat=True)) == {local["isbn"].pk, local["work"].pk}
    titles = sorted(mine.values_list("title", flat=True))
    assert titles.count("Truyện Kiều") == 1 and "Truyện Kiêu" in titles  # tone marks differ

    # the partner recatalogues and then deletes its copy: the local record stays as it was
    kept = Record.objects.get(pk=local["work"].pk).marc
    record_update(
        record=source["same_work"],
        marc=vi_marc(title="Truyện Kiều", author="Nguyễn Du", isbn=None, year=1990,
                     publisher="Giáo dục"),
    )  # fmt: skip
    again = harvest_run(partner=partner)
    assert again.status == HarvestRun.Status.DONE and again.changed == 0
    assert Record.objects.get(pk=local["work"].pk).marc == kept
    record_delete(record=source["same_isbn"])
    partner.refresh_from_db()
    partner.harvested_until = ""  # harvest everything again
    partner.save(update_fields=["harvested_until"])
    third = harvest_run(partner=partner)
    assert third.status == HarvestRun.Status.DONE and third.deleted == 0
    assert not Record.objects.get(pk=local["isbn"].pk).is_deleted
    assert HarvestedRecord.objects.get(partner=partner, record=local["isbn"]).deleted
