"""Copy cataloguing: search an external catalogue (SRU or Z39.50), copy a record in one click.

A found record travels back in the page as MARC-in-JSON; "Nhập" matches it against the network
(ISBN, 035, 001) and either opens the record already there or creates it through
``record_create``; "Sửa trước khi nhập" opens it in the MARC editor, unsaved.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.catalog.copycat import CopycatError, search, target_get, targets_for
from thuvien.catalog.copycat.search import INDEXES
from thuvien.catalog.errors import CatalogErrorCode, RecordInvalid
from thuvien.catalog.marc.mij import from_pymarc
from thuvien.catalog.marc.validation import editor_from_mij, editor_to_mij, editor_to_pymarc
from thuvien.core.errors import ThuvienError

from ..editor import rows_for_template
from ..editor_html import render_rows
from .common import can_write
from .editing import save_marc


def _index_choices() -> list[tuple[str, str]]:
    labels = {
        "any": _("Mọi trường"),
        "title": _("Nhan đề"),
        "author": _("Tác giả"),
        "subject": _("Chủ đề"),
        "isbn": _("ISBN"),
        "issn": _("ISSN"),
    }
    return [(i, labels[i]) for i in INDEXES]


def _summary(rec) -> dict[str, Any]:
    def first(tag: str, code: str) -> str:
        field = rec.get(tag)
        return (field.get(code) or "") if field is not None else ""

    pub = rec.get("264") or rec.get("260")
    return {
        "title": " ".join(v for v in (first("245", "a"), first("245", "b")) if v).strip(" /:;"),
        "author": first("100", "a") or first("110", "a") or first("245", "c"),
        "publication": " ".join(pub.get_subfields("a", "b", "c")) if pub is not None else "",
        "isbns": [v for f in rec.get_fields("020") for v in f.get_subfields("a")],
        "marc": json.dumps(from_pymarc(rec), ensure_ascii=False),
    }


@requires(Capability.CATALOGUE)
def copycat_search(request: StaffRequest) -> HttpResponse:
    targets = targets_for(request.network)
    code = request.GET.get("target") or (targets[0].code if targets else "")
    index = request.GET.get("index", "any")
    query = request.GET.get("q", "")[:300]
    try:  # a page of the hits; servers keep result sets, so a later page is a new search
        start = min(max(1, int(request.GET.get("start", "1"))), 100_000)
    except ValueError:
        start = 1
    result = None
    error = ""
    if query.strip():
        try:
            result = search(
                target_get(request.network, code), index=index, terms=query, start=start
            )
        except CopycatError as exc:
            error = exc.message
    return render(
        request,
        "staff/catalog/copycat.html",
        {
            "targets": targets,
            "target_code": code,
            "index": index,
            "indexes": _index_choices(),
            "query": query,
            "result": result,
            "records": [_summary(r) for r in result.records] if result else [],
            "error": error,
            "can_write": can_write(request),
        },
        status=200 if not error else 502,
    )


def _existing(network, rec) -> Any | None:
    from thuvien.catalog.selectors import record_by_identifier

    candidates: list[tuple[str, str]] = [
        ("isbn", v) for f in rec.get_fields("020") for v in f.get_subfields("a")
    ]
    candidates += [("035", v) for f in rec.get_fields("035") for v in f.get_subfields("a")]
    if rec.get("001") is not None and rec.get("003") is not None:
        candidates.append(("001", f"{rec['003'].data}|{rec['001'].data}"))
    for kind, value in candidates:
        found = record_by_identifier(network=network, kind=kind, value=value.split(" ")[0])
        if found:
            return found[0]
    return None


@requires(Capability.CATALOGUE)
def copycat_import(request: StaffRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect(reverse("catalog:copycat"))
    try:
        editor = editor_from_mij(json.loads(request.POST.get("marc", "")))
    except ValueError:
        messages.error(request, _("Biểu ghi gửi lên không đọc được."))
        return redirect(reverse("catalog:copycat"))
    editing = request.POST.get("action") == "edit"
    problems: list[Any] = []
    error = ""
    existing = None
    try:
        existing = _existing(request.network, editor_to_pymarc(editor))
    except Exception:  # noqa: BLE001 - a leader pymarc refuses: the service lists the problem
        existing = None
    if existing is not None and not editing:
        messages.info(request, _("Biểu ghi này đã có trong mục lục liên hợp; không tạo bản trùng."))
        return redirect(reverse("catalog:record-detail", args=[existing.pk]))
    if not editing:
        try:
            # an ISBN with a wrong check digit in the source's 020 $a is kept, in 020 $z
            saved = save_marc(request, None, editor_to_mij(editor), confirm=True)
        except RecordInvalid as exc:
            if exc.code == CatalogErrorCode.MARC_RULES:
                problems = list(exc.problems)
            else:
                error = exc.message
        except ThuvienError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã nhập biểu ghi từ máy chủ bên ngoài."))
            return redirect(reverse("catalog:record-detail", args=[saved.pk]))
    # Problems, or the cataloguer asked to edit first: open the MARC editor, nothing saved yet.
    rows = rows_for_template(editor)
    by_row: dict[int, list[str]] = {}
    for p in problems:
        if p.position:
            by_row.setdefault(p.position - 1, []).append(p.message)
    for i, row in enumerate(rows):
        row["problems"] = by_row.get(i, [])
    return render(
        request,
        "staff/catalog/marc_editor.html",
        {
            "record": None,
            "leader": editor.leader.replace(" ", "#"),
            "rows": rows,
            "rows_html": render_rows(rows),
            "problems": problems,
            "error": error,
            "form_action": reverse("catalog:marc-editor-new"),
        },
        status=200,
    )
