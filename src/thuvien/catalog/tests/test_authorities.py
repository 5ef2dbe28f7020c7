from __future__ import annotations

import pytest

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.models import RecordAuthority
from thuvien.catalog.services import (
    authority_create,
    authority_link,
    authority_merge,
    authority_update,
    record_create,
)
from thuvien.core.models import OutboxEntry

from .factories import vi_marc


def test_heading_edit_updates_linked_records(world):
    r1 = record_create(
        network=world.hung_yen, marc=vi_marc(author="Nguyễn Du", title="Truyện Kiều")
    )
    r2 = record_create(
        network=world.hung_yen,
        marc=vi_marc(author="Nguyễn Du,", title="Văn chiêu hồn", isbn=None),
    )
    person = authority_create(network=world.hung_yen, kind="personal", heading="Nguyễn Du")
    authority_link(record=r1, authority=person)
    authority_link(record=r2, authority=person)
    assert RecordAuthority.objects.filter(authority=person).count() == 2
    OutboxEntry.objects.all().delete()
    changed = authority_update(authority=person, heading="Nguyễn Du (1766-1820)")
    assert changed == 2
    r1.refresh_from_db()
    r2.refresh_from_db()
    assert r1.authors == ["Nguyễn Du (1766-1820)"]
    f100 = next(f["100"] for f in r2.marc["fields"] if "100" in f)
    assert f100["subfields"][0] == {"a": "Nguyễn Du (1766-1820),"}  # punctuation kept
    assert {"0": person.control_subfield} in f100["subfields"]
    assert set(OutboxEntry.objects.values_list("object_id", flat=True)) == {r1.pk, r2.pk}
    person.refresh_from_db()
    assert "Nguyễn Du" in person.variants


def test_subject_link_and_merge(world):
    record = record_create(network=world.hung_yen, marc=vi_marc())
    a = authority_create(network=world.hung_yen, kind="subject", heading="Lịch sử")
    b = authority_create(network=world.hung_yen, kind="subject", heading="Lịch sử dân tộc")
    authority_link(record=record, authority=a)
    assert authority_merge(source=a, target=b) == 1
    record.refresh_from_db()
    assert record.subjects == ["Lịch sử dân tộc -- Việt Nam"]
    assert RecordAuthority.objects.get(record=record).authority == b


def test_link_refuses_missing_heading_and_other_network(world):
    record = record_create(network=world.hung_yen, marc=vi_marc())
    nobody = authority_create(network=world.hung_yen, kind="personal", heading="Hồ Xuân Hương")
    with pytest.raises(CatalogError):
        authority_link(record=record, authority=nobody)
    other = authority_create(network=world.bac_ninh, kind="personal", heading="Trần Trọng Kim")
    with pytest.raises(CatalogError):
        authority_link(record=record, authority=other)


def test_the_same_heading_twice_is_refused(world):
    first = authority_create(network=world.hung_yen, kind="personal", heading="Nguyễn Du")
    for heading in ("Nguyễn Du", "nguyễn  du.", "NGUYỄN DU,"):
        with pytest.raises(CatalogError) as err:
            authority_create(network=world.hung_yen, kind="personal", heading=heading)
        assert err.value.code == "catalog.authority_duplicate"
        assert err.value.params["existing_id"] == first.pk
        assert "Nguyễn Du" in err.value.message
    # not the same heading: another kind, another network, other tone marks, other dates
    authority_create(network=world.hung_yen, kind="subject", heading="Nguyễn Du")
    authority_create(network=world.bac_ninh, kind="personal", heading="Nguyễn Du")
    authority_create(network=world.hung_yen, kind="personal", heading="Nguyên Du")
    authority_create(network=world.hung_yen, kind="personal", heading="Nguyễn Du", dates="1950-")
    # renaming onto an existing heading is refused too
    other = authority_create(network=world.hung_yen, kind="personal", heading="Tố Hữu")
    with pytest.raises(CatalogError):
        authority_update(authority=other, heading="Nguyễn Du", dates="")
    other.refresh_from_db()
    assert other.heading == "Tố Hữu"
