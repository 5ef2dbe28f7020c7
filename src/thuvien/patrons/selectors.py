"""Reads for readers. Staff selectors take the library (another library's reader is 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from thuvien.core.errors import NotFound
from thuvien.core.text import clean, fold

from .models import DeletionRequest, Patron, PatronCategory

if TYPE_CHECKING:
    from thuvien.network.models import Library, Network


def _not_found() -> NotFound:
    return NotFound("patron_not_found", "Không tìm thấy bạn đọc.")


def patron_get_by_card(*, network: Network, card_number: str, lean: bool = False) -> Patron:
    """A reader of ``network`` by card number (any library of it: desks serve visitors).

    ``lean`` joins the category alone (what the checkout service reads): the REST desk path
    needs neither the home library nor the login, and each join costs compile time per scan."""
    number = clean(card_number or "").upper()
    related = ("category",) if lean else ("category", "library", "user")
    patron = (
        Patron.all_objects.select_related(*related)
        .filter(network=network, card_number=number, is_anonymised=False)
        .first()
        if number
        else None
    )
    if patron is None:
        raise _not_found()
    return patron


def patron_card_at_desk(*, library: Library, code: str) -> Patron | None:
    """The reader whose card ``code`` is, when a desk of ``library`` may see that reader (the
    readers its card box finds: any library of its network, not anonymised), else None. The
    desk asks it of a code scanned where a copy was expected, to say "this is reader X's card"
    instead of "no copy"; another network's reader stays unknown there."""
    try:
        return patron_get_by_card(network=library.network, card_number=code)
    except NotFound:
        return None


def patron_get_for_user(*, user: Any) -> Patron | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Patron.all_objects.select_related("category", "library")
        .filter(user=user, is_anonymised=False)
        .first()
    )


def patron_get_for(*, library: Library, pk: int) -> Patron:
    """A reader registered at ``library``; another library's reader is NotFound."""
    patron = (
        Patron.objects.select_related("category", "library", "user")
        .filter(pk=pk, library=library)
        .first()
    )
    if patron is None:
        raise _not_found()
    return patron


def patron_search(*, library: Library, query: str = "", limit: int = 50) -> QuerySet[Patron]:
    """Readers of ``library`` by card number, name (with or without tone marks), e-mail, phone."""
    qs = Patron.objects.filter(library=library, is_anonymised=False).select_related("category")
    query = clean(query or "")
    if query:
        folded = fold(query)
        qs = qs.filter(
            Q(card_number__iexact=query)
            | Q(name_folded__contains=folded)
            | Q(email__iexact=query)
            | Q(phone=query)
        )
    return qs.order_by("card_number")[:limit]


def categories_for(*, network: Network) -> QuerySet[PatronCategory]:
    return PatronCategory.objects.filter(network=network).order_by("code")


def deletion_request_get_for(*, library: Library, pk: int) -> DeletionRequest | None:
    """A data-deletion request made at ``library`` (another library's is None)."""
    return DeletionRequest.objects.filter(pk=pk, library=library).first()


def deletion_requests_of(*, library: Library, limit: int = 200) -> list[DeletionRequest]:
    """The data-deletion requests made at ``library``, with their readers."""
    return list(DeletionRequest.objects.filter(library=library).select_related("patron")[:limit])


def deletion_request_pending(*, patron: Patron) -> DeletionRequest | None:
    """The reader's data-deletion request still waiting, or None. It lives at the reader's
    home library, whose scope this opens (a reader asks from the portal)."""
    from thuvien.core.scoping import library_scope

    with library_scope(patron.library):
        return patron.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()
