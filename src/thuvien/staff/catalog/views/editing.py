"""Cataloguing a record: the simple form by material type and the full MARC editor.

Both end in the same place: the MARC record is checked against ``catalog.marc.validation``
(every problem shown at once, nothing saved while one remains) and then handed to the
catalogue's ``record_create`` / ``record_update``, which own the write.
"""

from __future__ import annotations

from typing import Any

import pymarc
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.catalog.errors import CatalogErrorCode, RecordInvalid
from thuvien.catalog.marc.validation import (
    EditorField,
    editor_from_pymarc,
    editor_to_mij,
)
from thuvien.catalog.models import MaterialType, Record
from thuvien.core.errors import ThuvienError

from ..editor import apply_action, parse_editor_post, record_to_pymarc, rows_for_template
from ..editor_html import render_rows
from ..forms import TemplateChoiceForm, record_form_class
from ..material import (
    TEMPLATE_CHOICES,
    apply_form,
    form_specs,
    initial_from_record,
    material_type_of,
    new_record,
)
from .common import get_record


def _material(value: str | None) -> str:
    valid = {k for k, _ in TEMPLATE_CHOICES}
    return value if value in valid else MaterialType.BOOK


def save_marc(
    request: StaffRequest,
    record: Record | None,
    marc: pymarc.Record | dict[str, Any],
    *,
    confirm: bool = False,
) -> Record:
    """Create or update through the catalogue's services (they raise CatalogError)."""
    from thuvien.catalog.services import record_create, record_update

    if record is None:
        return record_create(
            network=request.network, marc=marc, actor=request.user, library=request.library,
            confirm_warnings=confirm,
        )  # fmt: skip
    return record_update(
        record=record, marc=marc, actor=request.user, library=request.library,
        confirm_warnings=confirm,
    )  # fmt: skip


def _field_name(specs: Any, tag: str, code: str) -> str | None:
    """The simple form's field that edits ``tag`` $``code`` (260 and 264 are one field)."""
    for spec in specs:
        spec_tags = ("260", "264") if spec.tag == "26X" else (spec.tag,)
        if tag in spec_tags and code == spec.code:
            return spec.name
    if tag == "008":
        return "language"
    return None


@requires(Capability.CATALOGUE, for_writing=True)
def record_new(request: StaffRequest) -> HttpResponse:
    """Pick a template (material type), then open the simple form or the MARC editor."""
    form = TemplateChoiceForm(request.GET or None)
    return render(request, "staff/catalog/new.html", {"form": form, "choices": TEMPLATE_CHOICES})


@requires(Capability.CATALOGUE, for_writing=True)
def record_form(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    record = get_record(request, pk) if pk else None
    if record is not None:
        marc = record_to_pymarc(record.marc)
        material = _material(request.POST.get("material_type") or material_type_of(marc))
    else:
        material = _material(request.POST.get("material_type") or request.GET.get("type"))
        marc = new_record(material)
    form_class = record_form_class(material)
    problems: list[Any] = []
    warnings: list[Any] = []
    error = ""
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            apply_form(marc, form.cleaned_data, material)
            try:
                saved = save_marc(
                    request, record, marc, confirm=form.cleaned_data["confirm_warnings"]
                )
            except RecordInvalid as exc:
                if exc.code == CatalogErrorCode.MARC_RULES:  # the MARC21 rules: listed as such
                    problems = list(exc.problems)
                else:
                    specs = form_specs(material)
                    for p in exc.problems:
                        name = _field_name(specs, p.tag, p.code)
                        if p.level == "warning":
                            warnings.append(p)
                        elif name is not None:
                            form.add_error(name, p.message)
                        else:
                            problems.append(p)
            except ThuvienError as exc:
                error = exc.message
            else:
                return redirect(reverse("catalog:record-detail", args=[saved.pk]))
    else:
        initial = initial_from_record(marc, material) if record else {}
        initial["material_type"] = material
        form = form_class(initial=initial)
    return render(
        request,
        "staff/catalog/form.html",
        {
            "form": form,
            "record": record,
            "material": material,
            "material_label": dict(TEMPLATE_CHOICES).get(material, ""),
            "specs": form_specs(material),
            "problems": problems,
            "warnings": warnings,
            "error": error,
        },
        status=200 if not (problems or error or form.errors or warnings) else 400,
    )


@requires(Capability.CATALOGUE, for_writing=True)
def marc_editor(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    """The full MARC editor: leader, control fields, data fields with indicators and subfields."""
    record = get_record(request, pk) if pk else None
    material = _material(request.GET.get("type"))
    problems: list[Any] = []
    error = ""
    needs_confirmation = False
    status = 200
    if request.method == "POST":
        editor = parse_editor_post(request.POST)
        action = request.POST.get("action", "save")
        if action != "save":
            apply_action(editor, action)
        else:
            try:
                saved = save_marc(
                    request, record, editor_to_mij(editor),
                    confirm=request.POST.get("confirm_warnings") == "on",
                )  # fmt: skip
            except RecordInvalid as exc:
                if exc.code == CatalogErrorCode.MARC_RULES:
                    problems = exc.problems
                else:
                    error = exc.message
                    needs_confirmation = exc.code == CatalogErrorCode.NEEDS_CONFIRMATION
            except ThuvienError as exc:
                error = exc.message
            else:
                return redirect(reverse("catalog:record-detail", args=[saved.pk]))
            status = 400
    elif record is not None:
        editor = editor_from_pymarc(record_to_pymarc(record.marc))
    else:
        editor = editor_from_pymarc(new_record(material))
        editor.fields.append(EditorField("245", "0", "0", [("a", "")]))
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
            "record": record,
            "leader": editor.leader.replace(" ", "#"),
            "rows": rows,
            "rows_html": render_rows(rows),
            "problems": problems,
            "error": error,
            "needs_confirmation": needs_confirmation,
            "material": material,
        },
        status=status,
    )
