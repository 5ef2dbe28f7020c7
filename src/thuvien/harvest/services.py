"""Harvesting partner repositories over OAI-PMH: configuring partners, running a harvest.

A run asks ``ListRecords`` with ``from`` the responseDate of the last complete run (the
partner's own clock, so records changed while we harvested come again next time), follows the
resumption tokens, and applies each record in its own transaction together with its link row:
a record is created, updated, deleted or refused whole, never half-written. After each page the
token of the next page is saved on the partner, so a run the partner breaks off (after the
client's retries with backoff) is resumed from that page by the next run; a token the partner
no longer knows starts that harvest again from its ``from`` date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.marc.extract import extract
from thuvien.catalog.models import Record, RecordIdentifier
from thuvien.catalog.services import record_create, record_delete, record_update
from thuvien.catalog.services.match_key import key_candidates, key_lookup
from thuvien.core.audit import audit_record

from .client import OaiProtocolError, PartnerClient, PartnerUnreachable
from .errors import HarvestError, HarvestErrorCode
from .mapping import MappingError, add_provenance, dc_to_marc, dc_values, marcxml_to_marc
from .models import HarvestedRecord, HarvestRun, Partner

if TYPE_CHECKING:
    # an OAI record as Sickle reads it (Sickle has no type information)
    from sickle.models import Record as Item

    from thuvien.accounts.models import User
    from thuvien.core.models import Job
    from thuvien.network.models import Network

log = logging.getLogger(__name__)
REFUSALS_KEPT = 200
OAI_NS = "http://www.openarchives.org/OAI/2.0/"


def _clean(*, name: str, base_url: str, metadata_prefix: str) -> None:
    if not name.strip():
        raise HarvestError(
            HarvestErrorCode.NAME_REQUIRED, gettext("Hãy nhập tên đối tác."), field="name"
        )
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HarvestError(
            HarvestErrorCode.URL_INVALID,
            gettext("Địa chỉ OAI-PMH phải bắt đầu bằng http:// hoặc https://."),
            field="base_url",
        )
    if metadata_prefix not in Partner.Prefix.values:
        raise HarvestError(
            HarvestErrorCode.PREFIX_UNSUPPORTED,
            gettext("Chỉ thu thập được oai_dc hoặc marc21."),
            field="metadata_prefix",
        )


_FIELDS = ("name", "base_url", "metadata_prefix", "set_spec", "target", "interval_hours",
           "is_active")  # fmt: skip


def partner_create(
    *,
    network: Network,
    name: str,
    base_url: str,
    metadata_prefix: str,
    set_spec: str = "",
    target: str = Partner.Target.PARTNER,
    interval_hours: int = 24,
    is_active: bool = True,
    actor: User | None = None,
) -> Partner:
    _clean(name=name, base_url=base_url, metadata_prefix=metadata_prefix)
    with transaction.atomic():
        partner = Partner.objects.create(
            network=network,
            name=name.strip(),
            base_url=base_url.strip(),
            metadata_prefix=metadata_prefix,
            set_spec=set_spec.strip(),
            target=target,
            interval_hours=interval_hours,
            is_active=is_active,
            next_run_at=timezone.now() if is_active and interval_hours else None,
        )
        audit_record(
            actor=actor,
            action="harvest.partner.created",
            obj=partner,
            network=network,
            changes={"name": [None, partner.name], "base_url": [None, partner.base_url]},
        )
    return partner


def partner_update(*, partner: Partner, actor: User | None = None, **values: Any) -> Partner:
    """Change a partner's settings (keyword arguments among ``_FIELDS``). A change of address,
    format or set starts its harvest again from the beginning."""
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown partner fields: {sorted(unknown)}")
    merged = {f: values.get(f, getattr(partner, f)) for f in _FIELDS}
    _clean(
        name=merged["name"], base_url=merged["base_url"], metadata_prefix=merged["metadata_prefix"]
    )
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        changes = {f: [getattr(partner, f), merged[f]] for f in _FIELDS
                   if getattr(partner, f) != merged[f]}  # fmt: skip
        for name, value in merged.items():
            setattr(partner, name, value.strip() if isinstance(value, str) else value)
        if {"base_url", "metadata_prefix", "set_spec"} & set(changes):
            partner.harvested_until = partner.resume_token = ""
            partner.resume_from = partner.resume_started = ""
        partner.next_run_at = (
            timezone.now() if partner.is_active and partner.interval_hours else None
        )
        partner.save()
        audit_record(
            actor=actor,
            action="harvest.partner.updated",
            obj=partner,
            network=partner.network,
            changes=changes,
        )
    return partner


@dataclass
class _Outcome:
    kind: str  # created | changed | unchanged | deleted | merged | refused
    reason: str = ""


def _local_duplicate(network: Network, marc: dict[str, Any]) -> int | None:
    """The network's own record (not one a harvest created) of the same work: one sharing an
    ISBN, else one with the same title, first author and year, tone marks included (the
    import's ``key`` rule). The oldest when several match."""
    extracted = extract(marc)
    harvested = HarvestedRecord.objects.filter(merged=False, record__isnull=False).values(
        "record_id"
    )
    isbns = [value for kind, value in extracted.identifiers if kind == "isbn"]
    if isbns:
        found = (
            RecordIdentifier.objects.filter(
                network=network, kind="isbn", value__in=isbns, record__is_deleted=False
            )
            .exclude(record_id__in=harvested)
            .order_by("record_id")
            .values_list("record_id", flat=True)
            .first()
        )
        if found is not None:
            return found
    values = extracted.values
    if not values.get("title"):
        return None
    lookup = key_lookup(values)
    ids = sorted(pk for value, pk in key_candidates(network, [lookup]) if value == lookup)
    if not ids:
        return None
    own = Record.objects.filter(pk__in=ids).exclude(pk__in=harvested).order_by("id")
    return own.values_list("id", flat=True).first()


def _metadata_element(item: Item) -> Any:
    node = item.xml.find(f".//{{{OAI_NS}}}metadata")
    if node is None:
        node = item.xml.find(".//metadata")  # Sickle strips namespaces on its copy
    return node


def _to_marc(partner: Partner, item: Item) -> dict[str, Any]:
    metadata = _metadata_element(item)
    if metadata is None:
        raise MappingError(gettext("Biểu ghi không có phần metadata."))
    if partner.metadata_prefix == Partner.Prefix.MARC21:
        marc = marcxml_to_marc(metadata)
    else:
        marc = dc_to_marc(dc_values(metadata))
    add_provenance(
        marc,
        identifier=item.header.identifier,
        partner_name=partner.name,
        partner=partner.target == Partner.Target.PARTNER,
    )
    return marc


def _apply(partner: Partner, item: Item) -> _Outcome:
    """One record of a page, in one transaction with its link row."""
    identifier = item.header.identifier
    datestamp = (item.header.datestamp or "").strip()
    with transaction.atomic():
        link = (
            HarvestedRecord.objects.select_for_update()
            .filter(partner=partner, identifier=identifier)
            .first()
        )
        record = None
        if link is not None and link.record_id is not None:
            record = Record.objects.filter(pk=link.record_id, is_deleted=False).first()
        if link is not None and link.merged and record is not None:
            # the partner's copy of a local work: its changes and deletion only move the link
            link.deleted, link.datestamp = bool(item.header.deleted), datestamp
            link.save(update_fields=["deleted", "datestamp", "updated_at"])
            return _Outcome("unchanged")
        if item.header.deleted:
            if record is None:
                outcome = _Outcome("unchanged")
            else:
                record_delete(record=record)
                outcome = _Outcome("deleted")
            if link is not None:
                link.deleted, link.datestamp = True, datestamp
                link.save(update_fields=["deleted", "datestamp", "updated_at"])
            return outcome
        unchanged = link is not None and link.datestamp == datestamp and not link.deleted
        if record is not None and unchanged:  # a record is only found through its link
            return _Outcome("unchanged")
        marc = _to_marc(partner, item)
        duplicate = None if record is not None else _local_duplicate(partner.network, marc)
        if duplicate is not None:
            HarvestedRecord.objects.update_or_create(
                partner=partner,
                identifier=identifier,
                defaults={
                    "record_id": duplicate,
                    "datestamp": datestamp,
                    "deleted": False,
                    "merged": True,
                },
            )
            return _Outcome("merged")
        if record is not None:
            record_update(record=record, marc=marc, confirm_warnings=True)
            outcome = _Outcome("changed")
        else:
            record = record_create(network=partner.network, marc=marc, confirm_warnings=True)
            outcome = _Outcome("created")
        HarvestedRecord.objects.update_or_create(
            partner=partner,
            identifier=identifier,
            defaults={"record": record, "datestamp": datestamp, "deleted": False, "merged": False},
        )
        return outcome


def _apply_safely(partner: Partner, raw: Any) -> tuple[str, _Outcome]:
    from sickle.models import Record as SickleRecord

    try:
        item = SickleRecord(raw)
    except Exception as exc:  # a record element Sickle cannot read
        return "", _Outcome("refused", gettext("Biểu ghi hỏng: %(e)s") % {"e": exc})
    identifier = item.header.identifier or ""
    if not identifier:
        return "", _Outcome("refused", gettext("Biểu ghi không có định danh."))
    try:
        return identifier, _apply(partner, item)
    except CatalogError as exc:
        return identifier, _Outcome("refused", exc.message)
    except MappingError as exc:
        return identifier, _Outcome("refused", str(exc))


def _from_value(value: str, granularity: str) -> str:
    return value[:10] if granularity == "day" else value


def _save_state(partner: Partner, **values: str) -> None:
    for name, value in values.items():
        setattr(partner, name, value)
    Partner.objects.filter(pk=partner.pk).update(**values, updated_at=timezone.now())


def harvest_run(
    *,
    partner: Partner,
    job: Job | None = None,
    progress: Callable[[int, str], None] | None = None,
    client: PartnerClient | None = None,
) -> HarvestRun:
    """Harvest ``partner`` once (incrementally, or resuming a run broken off); returns the run
    with its report. The partner's failure ends the run ``failed`` with its state saved."""
    run = HarvestRun.objects.create(partner=partner, job=job)
    client = client or PartnerClient(partner.base_url)
    counts = dict.fromkeys(
        ("came", "created", "changed", "unchanged", "deleted", "merged", "refused"), 0
    )
    refusals: list[dict[str, str]] = []

    def finish(status: str, error: str = "") -> HarvestRun:
        run.status = status
        run.error = error[:2000]
        run.finished_at = timezone.now()
        run.refusals = refusals[:REFUSALS_KEPT]
        for name, value in counts.items():
            setattr(run, name, value)
        run.save()
        interval = partner.interval_hours
        _save_state(partner)  # updated_at
        Partner.objects.filter(pk=partner.pk).update(
            next_run_at=timezone.now() + timedelta(hours=interval) if interval else None
        )
        return run

    try:
        granularity = client.identify_granularity()
        if partner.resume_token:
            run.resumed = True
            run.from_date = partner.resume_from
            params = {"resumptionToken": partner.resume_token}
            started = partner.resume_started
        else:
            run.from_date = _from_value(partner.harvested_until, granularity)
            params = {"metadataPrefix": partner.metadata_prefix}
            if partner.set_spec:
                params["set"] = partner.set_spec
            if run.from_date:
                params["from"] = run.from_date
            started = ""
        run.save(update_fields=["resumed", "from_date"])
        while True:
            try:
                page = client.list_records(params)
            except OaiProtocolError as exc:
                if exc.code == "noRecordsMatch":
                    break
                if exc.code == "badResumptionToken" and "resumptionToken" in params:
                    # the partner forgot the token: start this harvest again from its date
                    params = {"metadataPrefix": partner.metadata_prefix}
                    if partner.set_spec:
                        params["set"] = partner.set_spec
                    if run.from_date:
                        params["from"] = run.from_date
                    _save_state(partner, resume_token="")
                    continue
                raise
            started = started or page.response_date
            run.pages += 1
            for raw in page.records:
                identifier, outcome = _apply_safely(partner, raw)
                counts["came"] += 1
                counts[outcome.kind] += 1
                if outcome.kind == "refused":
                    refusals.append({"identifier": identifier, "reason": outcome.reason})
            if progress is not None:
                progress(counts["came"], gettext("Đã nhận %(n)s biểu ghi") % {"n": counts["came"]})
            if not page.token:
                break
            params = {"resumptionToken": page.token}
            _save_state(
                partner,
                resume_token=page.token,
                resume_from=run.from_date,
                resume_started=started,
            )
            for name, value in counts.items():
                setattr(run, name, value)
            run.save()
    except (PartnerUnreachable, OaiProtocolError) as exc:
        log.warning("harvest of %s broken off: %s", partner.base_url, exc)
        return finish(HarvestRun.Status.FAILED, str(exc))
    _save_state(
        partner,
        harvested_until=started or partner.harvested_until,
        resume_token="",
        resume_from="",
        resume_started="",
    )
    return finish(HarvestRun.Status.DONE)


def partners_due(*, now: datetime | None = None) -> list[Partner]:
    now = now or timezone.now()
    return list(
        Partner.objects.filter(is_active=True, interval_hours__gt=0, next_run_at__lte=now)
        .select_related("network")
        .order_by("next_run_at")
    )
