"""Authorities in the staff pages: find, create, edit, merge, and link the records that use them.

Editing a heading rewrites every linked record (``authority_update``); "link matching records"
asks the search engine for the records that carry the heading or a variant in an author or
subject field, and ``authority_link_matching`` checks each one field by field before linking.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.catalog.models import Authority, AuthorityKind
from thuvien.catalog.selectors import authority_get, authority_linked_records, authority_list
from thuvien.core.errors import NotFound, ThuvienError
from thuvien.staff.forms_flow import form_error, form_submit

from ..forms import AuthorityForm, AuthorityMergeForm
from .common import can_write, engine_record_ids

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
CANDIDATE_LIMIT = 10_000  # records one "link matching" looks at (the engine's deepest window)
SEARCH_FIELD = {
    AuthorityKind.PERSONAL: "author",
    AuthorityKind.CORPORATE: "author",
    AuthorityKind.SUBJECT: "subject",
    AuthorityKind.GEOGRAPHIC: "subject",
}


def _get(request: StaffRequest, pk: int) -> Authority:
    try:
        return authority_get(network=request.network, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


def candidate_records(authority: Authority) -> list[int]:
    """Ids of the network's records whose author/subject words hold the heading or a variant."""
    from thuvien.search.engine import SearchRequest
    from thuvien.search.query import Bool, Phrase

    field = SEARCH_FIELD[authority.kind]
    phrases = [
        Phrase(text=h.replace('"', " "), field=field)
        for h in [authority.heading, *authority.variants]
        if h.strip()
    ]
    req = SearchRequest(
        query=phrases[0] if len(phrases) == 1 else Bool(should=list(phrases)),
        network_id=authority.network_id,
        limit=100,
        facets=False,
        collapse=False,
    )
    return engine_record_ids(req, limit=CANDIDATE_LIMIT)


@requires(Capability.CATALOGUE)
def authority_index(request: StaffRequest) -> HttpResponse:
    """The network's authorities, searchable with or without tone marks; a form to add one."""
    from thuvien.catalog.services import authority_create

    kind = request.GET.get("kind", "")
    kind = kind if kind in AuthorityKind.values else ""
    query = request.GET.get("q", "")[:200].strip()
    form = AuthorityForm(request.POST or None)
    duplicate_of = None

    def refused(form: Any, exc: ThuvienError) -> None:
        nonlocal duplicate_of
        form_error(form, exc)
        duplicate_of = exc.params.get("existing_id")

    done = form_submit(
        request,
        form,
        lambda data: authority_create(
            network=request.network,
            kind=data["kind"],
            heading=data["heading"],
            dates=data["dates"],
            variants=data["variants"],
            note=data["note"],
            actor=request.user,
        ),
        success=lambda authority: _("Đã tạo biểu ghi chuẩn “%(h)s”.") % {"h": authority.heading},
        then=lambda authority: redirect("catalog:authority-detail", authority.pk),
        on_error=refused,
    )
    if done is not None:
        return done
    authorities = (
        authority_list(network=request.network, kind=kind or None, query=query)
        .annotate(n_records=Count("record_links__record", distinct=True))
        .order_by("heading_folded", "id")
    )
    page = Paginator(authorities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/catalog/authorities.html",
        {
            "page": page,
            "query": query,
            "kind": kind,
            "kinds": AuthorityKind.choices,
            "form": form,
            "duplicate_of": duplicate_of,
            "can_write": can_write(request),
        },
        status=400 if form.errors else 200,
    )


def _linked_records(authority: Authority) -> tuple[int, list[Any]]:
    count, records = authority_linked_records(authority=authority)
    return count, list(records)


@requires(Capability.CATALOGUE)
def authority_detail(request: StaffRequest, pk: int) -> HttpResponse:
    """One authority: edit its heading (linked records follow), link, merge."""
    from thuvien.catalog import services

    authority = _get(request, pk)
    initial = {
        "heading": authority.heading,
        "dates": authority.dates,
        "variants": "\n".join(authority.variants),
    }
    form = AuthorityForm(initial=initial, editing=True)
    merge_form = AuthorityMergeForm()
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "update":
            form = AuthorityForm(request.POST, editing=True)
            if form.is_valid():
                data = form.cleaned_data
                n = services.authority_update(
                    authority=authority,
                    heading=data["heading"],
                    dates=data["dates"],
                    variants=data["variants"],
                    actor=request.user,
                )
                messages.success(
                    request, _("Đã lưu; %(n)d biểu ghi thư mục được cập nhật theo.") % {"n": n}
                )
                return redirect("catalog:authority-detail", authority.pk)
        elif action == "link":
            n = services.authority_link_matching(
                authority=authority, record_ids=candidate_records(authority), actor=request.user
            )
            messages.success(request, _("Đã liên kết thêm %(n)d biểu ghi thư mục.") % {"n": n})
            return redirect("catalog:authority-detail", authority.pk)
        elif action == "merge":
            merge_form = AuthorityMergeForm(request.POST)
            if merge_form.is_valid():
                target_pk = merge_form.cleaned_data["target"]
                target = authority_get(network=request.network, pk=target_pk)
                n = services.authority_merge(source=authority, target=target, actor=request.user)
                messages.success(
                    request,
                    _("Đã gộp vào “%(h)s”; %(n)d biểu ghi thư mục được cập nhật.")
                    % {"h": target.heading, "n": n},
                )
                return redirect("catalog:authority-detail", target.pk)
    except NotFound as exc:
        merge_form.add_error("target", exc.message)
    except ThuvienError as exc:
        form_error(merge_form if action == "merge" else form, exc)
    except OSError:  # the search index cannot be opened
        logger.warning("authority linking: the search index is unavailable")
        messages.error(request, _("Chỉ mục tìm kiếm chưa sẵn sàng; hãy thử lại sau ít phút."))
    n_linked, linked = _linked_records(authority)
    invalid = form.errors or merge_form.errors
    return render(
        request,
        "staff/catalog/authority.html",
        {
            "authority": authority,
            "form": form,
            "merge_form": merge_form,
            "n_linked": n_linked,
            "linked": linked,
            "can_write": can_write(request),
        },
        status=400 if invalid else 200,
    )
