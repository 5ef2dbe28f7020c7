"""Public search: the result list, the record page, new acquisitions (page and Atom feed).

Views only translate the request: they call ``search.selectors`` / ``search.record_page`` and
render. Items are library-owned: the selectors open an explicit scope of the libraries of the
network being shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus, urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thuvien.accounts.permissions import public_view
from thuvien.ai.selectors import (
    MODE_LABELS,
    also_borrowed,
    search_page,
    similar_for_record_page,
)
from thuvien.catalog.titles import shown_title
from thuvien.core.ratelimit import client_address, rate_limited
from thuvien.digital.selectors import objects_for_record
from thuvien.harvest.selectors import partner_of_record
from thuvien.holdings.visibility import viewer_for
from thuvien.search.acquisitions import new_acquisitions, resolve_place
from thuvien.search.engine import MAX_WINDOW
from thuvien.search.record_page import record_page
from thuvien.search.selectors import FACET_PARAMS, PAGE_SIZE, SORT_LABELS

from ..digital.snippets import digital_section_html, fulltext_snippets
from ..shell import render_public
from .render import (
    QUERY_MAX_LENGTH,
    content_html,
    facets_html,
    options_html,
    results_html,
    url_pattern,
)

KEEP = ("q", "library", "group", "network", "sort", "mode", "work", "year", "avail", *FACET_PARAMS)


def _params(request: HttpRequest) -> list[tuple[str, str]]:
    return [(k, v) for k in KEEP for v in request.GET.getlist(k) if v.strip()]


def _url(pairs: list[tuple[str, str]]) -> str:
    return "?" + urlencode(pairs) if pairs else "?"


# Characters ``quote_plus`` leaves as they are: facet values (library and group ids, codes,
# heading hashes) are almost always made of these and need no encoding call.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    # A pure function of its argument; subject and author headings recur from page to page.
    return quote_plus(text)


def _pair(name: str, value: str) -> str:
    """``urlencode([(name, value)])``: no call for values that need no quoting."""
    return (
        f"{name if _UNRESERVED.issuperset(name) else _quoted(name)}="
        f"{value if _UNRESERVED.issuperset(value) else _quoted(value)}"
    )


def _toggler(pairs: list[tuple[str, str]]) -> Callable[[str, str], str]:
    """``toggle(name, value)``: the page's URL with that filter added or removed.

    Each pair is encoded once per page, not once per facet value (~80 links a page).
    """
    encoded = [(p, _pair(*p)) for p in pairs]
    everything = "&".join(e for _p, e in encoded)

    def toggle(name: str, value: str) -> str:
        pair = (name, value)
        if pair in pairs:
            kept = [e for p, e in encoded if p != pair]
        elif name in ("year", "avail"):
            kept = [e for p, e in encoded if p[0] != name] + [_pair(name, value)]
        else:
            extra = _pair(name, value)
            return "?" + (everything + "&" + extra if everything else extra)
        return "?" + "&".join(kept)

    return toggle


def _last_start(total: int, start: int) -> int:
    """The start of the last page that has results, for a page asked past the end.

    ``total`` may be an estimate (a broad search), so the link never points at ``start``
    itself or beyond: at worst it leads one page back, never round in a circle."""
    reachable = min(total, MAX_WINDOW)
    last = max(0, (reachable - 1) // PAGE_SIZE * PAGE_SIZE)
    return last if last < start else max(0, start - PAGE_SIZE)


@require_GET
@public_view
@rate_limited("search", "THUVIEN_SEARCH_RATE")
def search(request: HttpRequest) -> HttpResponse:
    page = search_page(params=request.GET, viewer=viewer_for(request.user))
    query_length = len(page.q)
    if page.error_code == "search.too_long":
        # The form, the title and the links keep what the box would have kept.
        page.q = page.q[:QUERY_MAX_LENGTH]
    pairs = _params(request)
    if query_length > QUERY_MAX_LENGTH:
        pairs = [(k, v[:QUERY_MAX_LENGTH] if k == "q" else v) for k, v in pairs]
    toggle = _toggler(pairs)
    for group in page.facets:
        for value in group.values:
            value.url = toggle(group.name, value.value)
    chosen = [
        (group.title, value.label, value.url)
        for group in page.facets
        for value in group.values
        if value.selected
    ]
    english = get_language() == "en"
    network, group = page.scope.network, page.scope.group
    members = set(page.scope.library_ids or ()) if group is not None else None
    menu = [
        (lib.code, lib.name_en if english and lib.name_en else lib.name_vi)
        for lib in page.libraries.values()  # in the menu's order: network, Vietnamese name
        if lib.is_active
        and (network is None or lib.network_id == network.pk)
        and (members is None or lib.pk in members or lib == page.scope.library)
    ]
    scope_label = None
    for kind, place in (("network", network), ("group", group)):
        if place is None:
            continue
        name = place.name_en if english and place.name_en else place.name_vi
        # The menu's first entry searches the whole of this place; its chip leaves it.
        scope_label = name
        chosen.insert(0, (_("Phạm vi"), name, _url([p for p in pairs if p[0] != kind])))
    beyond = bool(page.total and not page.rows and page.start > 0)
    snippets = fulltext_snippets(
        record_ids=[row.record.pk for row in page.rows], q=page.q, user=request.user,
        ip=client_address(request),
    )
    content = content_html(
        page=page,
        search_url=url_pattern("opac_search:search", get_script_prefix()),
        library_options=options_html(menu, page.scope.library.code if page.scope.library else ""),
        sort_options=options_html(list(SORT_LABELS.items()), page.sort),
        hidden=[p for p in pairs if p[0] not in ("q", "library", "sort", "mode")],
        mode_options=options_html(
            list(MODE_LABELS.items()), request.GET.get("mode") or settings.AI_DEFAULT_MODE
        ),
        chosen=chosen,
        rows_html=results_html([row for row in page.rows if not row.by_meaning], snippets),
        meaning_html=results_html(
            [row for row in page.rows if row.by_meaning], snippets, by_meaning=True
        ),
        meaning_first=page.start + 1 + sum(1 for row in page.rows if not row.by_meaning),
        facets_html=facets_html(page) if page.facets else "",
        suggestion_url=_url([p for p in pairs if p[0] != "q"] + [("q", page.suggestion or "")]),
        prev_url=_url([*pairs, ("start", str(page.prev_start))])
        if page.prev_start is not None and not beyond
        else None,
        next_url=_url([*pairs, ("start", str(page.next_start))])
        if page.next_start is not None
        else None,
        scope_label=scope_label,
        last_url=_url([*pairs, ("start", str(_last_start(page.total, page.start)))])
        if beyond
        else None,
        query_length=query_length,
        digital_html=digital_section_html(
            q=page.q, user=request.user, ip=client_address(request), start=page.start
        )
        if not page.error and not page.error_code
        else "",
    )
    title = _("Tra cứu")
    if page.q:
        shown = page.q if len(page.q) <= 80 else page.q[:79] + "…"
        title = f"{shown} – {title}"
    return render_public(
        request,
        "opac/search/results.html",
        title=title,
        content=content,
        context={"title": title, "content": content},
    )


@require_GET
@public_view
def record(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    data = record_page(
        pk=pk,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        viewer=viewer,
    )
    if data is None:
        raise Http404(_("Không tìm thấy biểu ghi."))
    digital = objects_for_record(record_id=pk)
    partner = partner_of_record(record_id=pk)
    by_meaning = similar_for_record_page(record=data.record, viewer=viewer)
    if by_meaning:
        data.similar = by_meaning
    return render(
        request,
        "opac/search/record.html",
        {
            "r": data,
            "digital": digital,
            "partner": partner,
            "also_borrowed": also_borrowed(record=data.record, viewer=viewer),
        },
    )


def _new_items_place(request: HttpRequest) -> tuple[Any, str]:
    """The library or network of a new-acquisitions page or feed, and its query string.

    A code that names nothing is a 404 (a stale feed address must fail visibly for the feed
    reader, not turn into the whole network's feed)."""
    codes = {k: request.GET[k].strip() for k in ("library", "network") if request.GET.get(k)}
    place = resolve_place(
        codes.get("library", ""), codes.get("network", ""), viewer_for(request.user)
    )
    if codes and place is None:
        raise Http404(_("Không có thư viện hay mạng lưới mã này."))
    return place, urlencode(codes)


@require_GET
@public_view
def new_items(request: HttpRequest) -> HttpResponse:
    place, query = _new_items_place(request)
    records = new_acquisitions(place=place, limit=40, viewer=viewer_for(request.user))
    return render(
        request,
        "opac/search/new_items.html",
        {"records": records, "place": place, "feed_query": query},
    )


@require_GET
@public_view
def new_items_feed(request: HttpRequest) -> HttpResponse:
    place, query = _new_items_place(request)
    title = _("Sách mới: %(place)s") % {"place": place.name if place else _("toàn mạng lưới")}
    # Each library's feed is its own feed: its own id and its own page, not the network's.
    page = reverse("opac_search:new_items") + (f"?{query}" if query else "")
    feed_url = reverse("opac_search:new_items_feed") + (f"?{query}" if query else "")
    feed = Atom1Feed(
        title=title,
        link=request.build_absolute_uri(page),
        description=title,
        language=get_language() or "vi",
        feed_url=request.build_absolute_uri(feed_url),
        feed_guid=request.build_absolute_uri(feed_url),
    )
    for row in new_acquisitions(place=place, limit=50, viewer=viewer_for(request.user)):
        url = request.build_absolute_uri(reverse("opac_search:record", args=[row.record.pk]))
        feed.add_item(
            title=shown_title(row.record.title),
            link=url,
            unique_id=url,
            description=", ".join(
                x
                for x in [
                    "; ".join(row.record.authors or []),
                    row.record.publisher,
                    str(row.record.year or ""),
                    row.library_names,
                ]
                if x
            ),
            author_name="; ".join(row.record.authors or []) or None,
            updateddate=row.acquired_at,
            pubdate=row.acquired_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@require_GET
@public_view
@rate_limited("search", "THUVIEN_SEARCH_RATE")
def ask_view(request: HttpRequest) -> HttpResponse:
    """Ask the library: passages of its own records, and a cited answer where configured."""
    from thuvien.ai.ask import ask

    question = (request.GET.get("q") or "").strip()
    viewer = viewer_for(request.user)
    answer = None
    if question:
        answer = ask(question=question, params=request.GET, viewer=viewer, user=request.user,
                     ip=client_address(request))
    return render(request, "opac/search/ask.html", {"question": question, "answer": answer})
