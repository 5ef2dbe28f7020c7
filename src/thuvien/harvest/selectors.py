"""Reading partners and harvest runs (network-level: they belong to a network)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thuvien.core.errors import NotFound

from .models import HarvestedRecord, HarvestRun, Partner


def partner_list(*, network: Any) -> QuerySet[Partner]:
    return Partner.objects.filter(network=network).order_by("name", "id")


def partner_get_for(*, network: Any, pk: int) -> Partner:
    partner = Partner.objects.filter(network=network, pk=pk).first()
    if partner is None:
        raise NotFound("harvest.partner_not_found", "Không có đối tác này.")
    return partner


def run_list(*, partner: Partner, limit: int = 50) -> list[HarvestRun]:
    return list(partner.runs.order_by("-started_at", "-id")[:limit])


def run_get_for(*, network: Any, pk: int) -> HarvestRun:
    run = (
        HarvestRun.objects.select_related("partner").filter(partner__network=network, pk=pk).first()
    )
    if run is None:
        raise NotFound("harvest.run_not_found", "Không có lượt thu thập này.")
    return run


def partner_record_count(*, partner: Partner) -> int:
    return HarvestedRecord.objects.filter(
        partner=partner, deleted=False, record__isnull=False
    ).count()


def partner_collection_record_ids(*, network: Any) -> set[int]:
    """Records of the network that came from a partner collection (held by no library here)."""
    return set(
        HarvestedRecord.objects.filter(
            partner__network=network,
            partner__target=Partner.Target.PARTNER,
            deleted=False,
            record__isnull=False,
        ).values_list("record_id", flat=True)
    )


def partner_of_record(*, record_id: int) -> Partner | None:
    """The partner whose collection a record came from (held by no library here), or None."""
    link = (
        HarvestedRecord.objects.filter(
            record_id=record_id, deleted=False, partner__target=Partner.Target.PARTNER
        )
        .select_related("partner")
        .first()
    )
    return link.partner if link is not None else None
