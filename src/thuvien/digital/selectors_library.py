"""The public digital library as a visitor browses it: which published objects he is shown,
newest first or in the order a search found them, a page at a time.

Who is shown what (one rule for the list, the digital library's search and the portal's
"Tài liệu số" section):

- published, completely ingested objects of a library whose holdings the visitor may see
  (``holdings.visibility``, issue 19);
- a restricted object, or one under embargo, only to someone who may open it
  (``access.access_decide``: the library's staff, a reader granted it); to anyone else it is
  not there at all, not even its title;
- an object for registered readers, read on site or paid is listed (its title and a note of
  what it needs), its pages open as the viewer decides; its thumbnail and text snippets are
  shown only to someone who may open it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import staff_access
from thuvien.holdings.visibility import library_visibility_q, viewer_for

from .access import Decision, access_decide_many
from .models import AccessGrant, AccessLevel, DigitalObject

# The Dublin Core terms whose values describe an object in the digital library's search.
DESCRIBING_TERMS = (
    "dcterms:creator", "dcterms:contributor", "dcterms:subject", "dcterms:description",
    "dcterms:publisher", "dcterms:date", "dcterms:spatial", "dcterms:identifier",
    "dcterms:source", "dcterms:type",
)  # fmt: skip


@dataclass
class ListedObject:
    """One object as the list shows it."""

    obj: DigitalObject
    pages: int
    opens: bool  # the visitor may open its pages (thumbnail, snippets)
    needs: str  # what it needs when it does not open: "login", "onsite", "paid", ""

    @property
    def thumb_seq(self) -> int | None:
        page = self.obj.thumbnail_page
        return page.seq if page is not None and page.width else None


@dataclass
class LibraryListing:
    total: int
    items: list[ListedObject]


def _opened_beyond_rules(user: Any, ip: str | None) -> list[int]:
    """Restricted or embargoed published objects ``user`` may nevertheless open (his library's
    as staff, or granted him); asked of ``access_decide`` itself, object by object."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    candidates = DigitalObject.all_objects.filter(
        Q(access=AccessLevel.RESTRICTED) | Q(embargo_until__gt=today),
        published=True,
        ingest_complete=True,
    ).select_related("library")
    access = staff_access(user)
    if not access.superuser:
        oversee = {Capability.OVERSEE}
        libraries = [pk for pk, caps in access.library_caps.items() if caps - oversee]
        networks = [pk for pk, caps in access.network_caps.items() if caps - oversee]
        granted = AccessGrant.all_objects.filter(user=user).values("obj_id")
        candidates = candidates.filter(
            Q(library_id__in=libraries) | Q(network_id__in=networks) | Q(pk__in=granted)
        )
    decisions = access_decide_many(objects=list(candidates), user=user, ip=ip)
    return [pk for pk, decision in decisions.items() if decision is Decision.ALLOW]


def listed_objects(*, user: Any, ip: str | None) -> QuerySet[DigitalObject]:
    """The objects ``user`` (from ``ip``) is shown in the digital library (module docstring)."""
    today = timezone.localdate()
    ordinary = ~Q(access=AccessLevel.RESTRICTED) & (
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=today)
    )
    extra = _opened_beyond_rules(user, ip)
    return DigitalObject.all_objects.filter(
        library_visibility_q(viewer_for(user), prefix="library__"),
        ordinary | Q(pk__in=extra),
        published=True,
        ingest_complete=True,
    )


def _needs(obj: DigitalObject, decision: Decision) -> str:
    if decision is Decision.ALLOW:
        return ""
    if obj.access == AccessLevel.PAID:
        return "paid"
    if obj.access == AccessLevel.ONSITE:
        return "onsite"
    return "login" if decision is Decision.LOGIN else "denied"


def library_listing(
    *,
    user: Any,
    ip: str | None,
    offset: int = 0,
    limit: int = 20,
    ranked_ids: list[int] | None = None,
    without_record: bool = False,
) -> LibraryListing:
    """A page of the objects ``user`` is shown: newest first, or, with ``ranked_ids`` (a
    search's objects, best first), those of them he is shown in that order. ``without_record``:
    only objects linked to no catalogue record (the portal's search shows the others under
    their record)."""
    found = listed_objects(user=user, ip=ip)
    if without_record:
        found = found.filter(record__isnull=True)
    if ranked_ids is not None:
        if not ranked_ids:
            return LibraryListing(0, [])
        shown = set(found.filter(pk__in=ranked_ids).values_list("pk", flat=True))
        ids = [pk for pk in ranked_ids if pk in shown]
        total, wanted = len(ids), ids[offset : offset + limit]
        if not wanted:
            return LibraryListing(total, [])
        objects = found.filter(pk__in=wanted)
    else:
        total = found.count()
        objects = found.order_by("-created_at", "-id")[offset : offset + limit]
    rows: list[DigitalObject] = list(
        objects.select_related("library", "thumbnail_page").annotate(page_count=Count("pages"))
    )
    if ranked_ids is not None:
        position = {pk: n for n, pk in enumerate(wanted)}
        rows.sort(key=lambda obj: position[obj.pk])
    decisions = access_decide_many(objects=rows, user=user, ip=ip)
    items = [
        ListedObject(
            obj=obj,
            pages=obj.page_count,  # type: ignore[attr-defined]
            opens=decisions[obj.pk] is Decision.ALLOW,
            needs=_needs(obj, decisions[obj.pk]),
        )
        for obj in rows
    ]
    return LibraryListing(total, items)


def description_text(obj: DigitalObject) -> str:
    """The words an object is found by besides its pages: its title and metadata."""
    parts = [obj.title]
    dc = obj.dc or {}
    for term in DESCRIBING_TERMS:
        values = dc.get(term) or []
        parts += [str(v) for v in (values if isinstance(values, list) else [values])]
    return "\n".join(p for p in parts if p)


def descriptions_for_index(object_ids: list[int] | None = None) -> Iterator[tuple[int, str]]:
    """(object id, description text) of the completely ingested objects (``object_ids`` only,
    when given): what the search app's index of descriptions holds. Access and publication
    are decided when it is read."""
    objects = DigitalObject.all_objects.filter(ingest_complete=True)
    if object_ids is not None:
        objects = objects.filter(pk__in=object_ids)
    for obj in objects.only("pk", "title", "dc").order_by("pk").iterator(chunk_size=2000):
        yield obj.pk, description_text(obj)
