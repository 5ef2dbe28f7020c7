"""Featured collections: saved searches a library or a whole network shows on its portal page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.text import clean

from ..errors import NetworkError, NetworkErrorCode
from ..models import FeaturedCollection, Library, Network
from ._common import UNSET, apply_changes, required_text

# The /search/ parameters a collection may hold. The scope (library, network) comes from the
# collection's owner, so a pasted search address may carry it: it is dropped, not refused.
FILTER_KEYS = ("mtype", "lang", "subj", "auth", "ltype", "year", "avail", "sort")
SCOPE_KEYS = ("library", "network", "lib", "grp", "group", "start")
SORTS = ("relevance", "newest", "oldest", "title", "author")
MAX_FILTERS = 10


def _search_error(message: str, field: str = "filters") -> NetworkError:
    return NetworkError(NetworkErrorCode.INVALID_SEARCH, message, field=field)


def featured_search_clean(*, query: str, filters: str) -> tuple[str, str]:
    """Words and filters checked and normalised; ``filters`` may be ``mtype=book&subj=…`` or a
    whole /search/ address copied from the portal (its words are taken when ``query`` is empty).
    """
    query = clean(query)
    text = clean(filters)
    if "?" in text:
        text = text.split("?", 1)[1]
    text = text.split("#", 1)[0].lstrip("&")
    try:
        pairs = parse_qsl(text, max_num_fields=MAX_FILTERS * 2, strict_parsing=bool(text))
    except ValueError:
        raise _search_error(
            _(
                "Bộ lọc không đọc được. Hãy viết dạng tên=giá trị nối bằng dấu &, "
                "ví dụ mtype=book&subj=Văn học Việt Nam, hoặc dán địa chỉ trang tìm kiếm."
            )
        ) from None
    kept: list[tuple[str, str]] = []
    for key, raw in pairs:
        value = clean(raw)
        if key == "q":
            if query and value and value != query:
                raise _search_error(
                    _("Từ khóa đã có trong ô Từ khóa; hãy bỏ q=… khỏi bộ lọc."), field="filters"
                )
            query = query or value
            continue
        if key in SCOPE_KEYS or not value:
            continue
        if key not in FILTER_KEYS:
            raise _search_error(
                _("Bộ lọc “%(key)s” không dùng được. Các bộ lọc dùng được: %(keys)s.")
                % {"key": key[:30], "keys": ", ".join(FILTER_KEYS)}
            )
        if key == "avail" and value != "1":
            raise _search_error(_("Bộ lọc avail chỉ nhận giá trị 1 (có sẵn trên giá)."))
        if key == "sort" and value not in SORTS:
            raise _search_error(
                _("Cách sắp xếp “%(value)s” không có. Hãy dùng một trong: %(sorts)s.")
                % {"value": value[:30], "sorts": ", ".join(SORTS)}
            )
        if (key, value) not in kept:
            kept.append((key, value))
    if len(kept) > MAX_FILTERS:
        raise _search_error(_("Tối đa %(n)d bộ lọc.") % {"n": MAX_FILTERS})
    if len(query) > 200:
        raise _search_error(_("Từ khóa dài tối đa 200 ký tự."), field="query")
    encoded = urlencode(kept)
    if len(encoded) > 1000:
        raise _search_error(_("Bộ lọc quá dài."))
    if not query and not kept:
        raise NetworkError(
            NetworkErrorCode.REQUIRED,
            _("Hãy nhập từ khóa hoặc ít nhất một bộ lọc để xác định bộ sưu tập."),
            field="query",
        )
    return query, encoded


def _owner(library: Library | None, network: Network | None) -> tuple[Network, Library | None]:
    if (library is None) == (network is None):
        raise NetworkError(
            NetworkErrorCode.SETTING_TARGET, _("Hãy chọn một thư viện hoặc cả mạng lưới.")
        )
    if library is not None:
        return library.network, library
    return cast(Network, network), None  # one of the two, checked above


def _siblings(network: Network, library: Library | None) -> QuerySet[FeaturedCollection]:
    qs = FeaturedCollection.objects.filter(network=network)
    return qs.filter(library=library) if library is not None else qs.filter(library__isnull=True)


def _title(title_vi: str) -> str:
    text = required_text(title_vi, field="title_vi", message=_("Hãy nhập tên bộ sưu tập."))
    return _short(text, field="title_vi", limit=200)


def _short(value: str, *, field: str, limit: int) -> str:
    text = clean(value)
    if len(text) > limit:
        raise NetworkError(
            NetworkErrorCode.TOO_LONG,
            _("Dài tối đa %(n)d ký tự.") % {"n": limit},
            field=field,
        )
    return text


def featured_collection_create(
    *,
    title_vi: str,
    actor: Any,
    library: Library | None = None,
    network: Network | None = None,
    title_en: str = "",
    description: str = "",
    description_en: str = "",
    query: str = "",
    filters: str = "",
    is_active: bool = True,
) -> FeaturedCollection:
    """A new collection of ``library`` (or, with ``network`` only, of the whole network), placed
    last."""
    network, library = _owner(library, network)
    title_vi = _title(title_vi)
    title_en = _short(title_en, field="title_en", limit=200)
    description = _short(description, field="description", limit=300)
    description_en = _short(description_en, field="description_en", limit=300)
    query, filters = featured_search_clean(query=query, filters=filters)
    with transaction.atomic():
        last = _siblings(network, library).aggregate(m=Max("position"))["m"]
        collection = FeaturedCollection.objects.create(
            network=network,
            library=library,
            title_vi=title_vi,
            title_en=title_en,
            description=description,
            description_en=description_en,
            query=query,
            filters=filters,
            position=0 if last is None else last + 1,
            is_active=bool(is_active),
        )
        audit_record(
            actor=actor,
            action="network.featured_collection.created",
            obj=collection,
            library=library,
            network=network,
            changes={"title_vi": [None, title_vi], "search": [None, collection.search_query]},
        )
    return collection


def featured_collection_update(
    *,
    collection: FeaturedCollection,
    actor: Any,
    title_vi: str = UNSET,
    title_en: str = UNSET,
    description: str = UNSET,
    description_en: str = UNSET,
    query: str = UNSET,
    filters: str = UNSET,
    is_active: bool = UNSET,
) -> FeaturedCollection:
    """Change a collection's names, description, search or visibility."""
    values: dict[str, Any] = {
        "title_vi": UNSET if title_vi is UNSET else _title(title_vi),
        "title_en": UNSET if title_en is UNSET else _short(title_en, field="title_en", limit=200),
        "description": UNSET
        if description is UNSET
        else _short(description, field="description", limit=300),
        "description_en": UNSET
        if description_en is UNSET
        else _short(description_en, field="description_en", limit=300),
        "is_active": UNSET if is_active is UNSET else bool(is_active),
    }
    if query is not UNSET or filters is not UNSET:
        values["query"], values["filters"] = featured_search_clean(
            query=collection.query if query is UNSET else query,
            filters=collection.filters if filters is UNSET else filters,
        )
    with transaction.atomic():
        changes = apply_changes(collection, values)
        if changes:
            collection.save(update_fields=[*changes, "updated_at"])
            audit_record(
                actor=actor,
                action="network.featured_collection.updated",
                obj=collection,
                library=collection.library,
                network=collection.network,
                changes=changes,
            )
    return collection


def featured_collection_delete(*, collection: FeaturedCollection, actor: Any) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="network.featured_collection.deleted",
            obj=collection,
            library=collection.library,
            network=collection.network,
            changes={"title_vi": [collection.title_vi, None]},
        )
        collection.delete()


def featured_collections_reorder(
    *,
    order: Sequence[int],
    actor: Any,
    library: Library | None = None,
    network: Network | None = None,
) -> list[FeaturedCollection]:
    """Put the owner's collections in ``order`` (their ids, every one exactly once)."""
    network, library = _owner(library, network)
    with transaction.atomic():
        rows = {c.pk: c for c in _siblings(network, library).select_for_update()}
        order = [int(pk) for pk in order]
        if sorted(order) != sorted(rows):
            raise NetworkError(
                NetworkErrorCode.INVALID_ORDER,
                _("Danh sách bộ sưu tập đã thay đổi; hãy tải lại trang và sắp xếp lại."),
            )
        before = [pk for pk, _c in sorted(rows.items(), key=lambda kv: (kv[1].position, kv[0]))]
        changed = []
        for position, pk in enumerate(order):
            if rows[pk].position != position:
                rows[pk].position = position
                changed.append(rows[pk])
        if changed:
            FeaturedCollection.objects.bulk_update(changed, ["position"])
        if before != order:
            audit_record(
                actor=actor,
                action="network.featured_collection.reordered",
                obj=library if library is not None else network,
                library=library,
                network=network,
                changes={"order": [before, order]},
            )
    return [rows[pk] for pk in order]


def featured_collection_move(
    *, collection: FeaturedCollection, step: int, actor: Any
) -> list[FeaturedCollection]:
    """Move a collection ``step`` places up (negative) or down (positive) among its owner's."""
    owner = (
        {"library": collection.library}
        if collection.library_id
        else {"network": collection.network}
    )
    ids = list(
        _siblings(collection.network, collection.library)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    index = ids.index(collection.pk)
    target = max(0, min(len(ids) - 1, index + step))
    ids.insert(target, ids.pop(index))
    return featured_collections_reorder(order=ids, actor=actor, **owner)
