"""Keeping each record's harvest XML (``HarvestXml``) current: the worker serialises the
records whose row is missing or older than the record, a batch at a time. A page of OAI-PMH
then copies the stored text (a stale row is never served: ``selectors_harvest.harvest_page``
compares its stamp with the record's datestamp)."""

from __future__ import annotations

from ..marcxml import fragment
from ..models import HarvestXml, Record
from ..selectors_harvest import harvest_xml_stale_ids

BATCH = 1_000


def harvest_xml_refresh(*, limit: int | None = None) -> int:
    """Serialise up to ``limit`` stale records (all of them when None); how many were written.
    A record changed while its batch is written keeps a row with the older stamp, which is
    stale and rewritten next time."""
    done, after = 0, 0
    while limit is None or done < limit:
        want = BATCH if limit is None else min(BATCH, limit - done)
        ids = harvest_xml_stale_ids(limit=want, after_id=after)
        if not ids:
            break
        after = ids[-1]
        rows = Record.objects.filter(pk__in=ids, is_deleted=False).values_list(
            "id", "updated_at", "marc"
        )
        HarvestXml.objects.bulk_create(
            [
                HarvestXml(
                    record_id=pk,
                    stamp=stamp,
                    marc21=fragment("marc21", marc),
                    oai_dc=fragment("oai_dc", marc),
                )
                for pk, stamp, marc in rows
            ],
            update_conflicts=True,
            unique_fields=["record"],
            update_fields=["stamp", "marc21", "oai_dc"],
        )
        done += len(ids)
    return done
