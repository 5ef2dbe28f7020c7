"""EICAR is refused at EVERY upload path, and so is a Word document with a VBA macro.

The upload paths are not listed by hand: they are found in the URL conf (every view whose code
reads ``request.FILES`` or builds a form with a file field) and in the admin (every registered
model with a file field it lets one edit). A new upload path fails
``test_every_upload_path_is_attacked`` until it is described in UPLOADS below, and then it is
attacked like the others: the EICAR test file as the file the page expects, EICAR inside a
real file of that kind (a picture, a PDF, MARCXML) and Microsoft Word's macro document. Each
must be refused with a clear answer (never a 5xx), quarantined and audited under the path's
purpose, and leave nothing kept (no record, photo, digital file or scan).
"""

from __future__ import annotations

import inspect
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import get_resolver
from django_scopes import scopes_disabled
from PIL import Image

from thuvien.core.models import AuditEntry
from thuvien.screening.models import QuarantinedFile
from thuvien.testing.clamav import EICAR

from .test_every_view_declares_access import _walk

DOCM = (
    Path(__file__).resolve().parents[1] / "src/thuvien/screening/tests/data/oleform-PR314.docm"
).read_bytes()
MARCXML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<collection xmlns="http://www.loc.gov/MARC21/slim"><record>'
    "<leader>00000nam a2200000 a 4500</leader>"
    '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Truyện Kiều</subfield>'
    "</datafield></record></collection>\n"
).encode()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def _pdf_carrying(payload: bytes) -> bytes:
    """A well-formed passive PDF (no JavaScript, no actions) with the payload in a stream."""
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    body += b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    body += b"3 0 obj<</Length %d>>stream\n" % len(payload) + payload + b"\nendstream endobj\n"
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class Upload:
    purpose: str  # the screening purpose its refusals are quarantined under
    name: str  # the file name the page expects
    carrier: Callable[[], bytes]  # a real file of the expected kind, EICAR inside
    post: Callable[[Any, Any, SimpleUploadedFile], tuple[str, dict]]  # (world, ctx, file)
    kept: Callable[[Any], int]  # what the page keeps, counted


def _kept_records(world: Any) -> int:
    from thuvien.catalog.models import Record

    return Record.objects.count()


def _kept_photos(world: Any) -> int:
    from thuvien.patrons.models import Patron

    with scopes_disabled():
        return Patron.objects.exclude(photo="").count()


def _kept_digital(world: Any) -> int:
    from thuvien.digital.models import DigitalFile

    return DigitalFile.all_objects.count()


def _kept_scans(world: Any) -> int:
    from thuvien.oversight.models import Credential

    return Credential.all_objects.count()


UPLOADS: dict[str, Upload] = {
    "staff/catalog/import/": Upload(
        purpose="marc_import",
        name="sach.xml",
        carrier=lambda: MARCXML.replace(b"</collection>", b"<!-- " + EICAR + b" --></collection>"),
        post=lambda world, ctx, f: (
            "/staff/catalog/import/",
            {"file": f, "fmt": "", "match_rules": ["isbn"], "on_match": "keep", "library": ""},
        ),
        kept=_kept_records,
    ),
    "staff/circulation/patrons/<int:pk>/<slug:action>/": Upload(
        purpose="patron_photo",
        name="anh.jpg",
        carrier=lambda: _jpeg() + EICAR,
        post=lambda world, ctx, f: (
            f"/staff/circulation/patrons/{ctx['patron'].pk}/photo/",
            {"photo": f},
        ),
        kept=_kept_photos,
    ),  # fmt: skip
    "staff/digital/ingest/": Upload(
        purpose="digital_master",
        name="trang-1.jpg",
        carrier=lambda: _jpeg() + EICAR,
        post=lambda world, ctx, f: (
            "/staff/digital/ingest/",
            {"files": [f], "title": "Hồ sơ", "ocr": "", "access": "open"},
        ),
        kept=_kept_digital,
    ),
    "staff/digital/<int:pk>/pages/<int:page_id>/replace": Upload(
        purpose="digital_master",
        name="trang-2.jpg",
        carrier=lambda: _jpeg() + EICAR,
        post=lambda world, ctx, f: (
            f"/staff/digital/{ctx['page'].obj_id}/pages/{ctx['page'].pk}/replace",
            {"file": f},
        ),
        kept=_kept_digital,
    ),
    "staff/oversight/training/credential/": Upload(
        purpose="training_scan",
        name="van-bang.pdf",
        carrier=lambda: _pdf_carrying(EICAR),
        post=lambda world, ctx, f: (
            "/staff/oversight/training/credential/",
            {"person": ctx["person"].pk, "kind": "diploma", "name": "Cử nhân", "scan": f},
        ),
        kept=_kept_scans,
    ),
}


def _file_forms() -> set[str]:
    """Names of the project's form classes that have a file field."""
    found: set[str] = set()
    todo = list(forms.BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if not cls.__module__.startswith("thuvien."):
            continue
        fields = getattr(cls, "base_fields", {})
        if any(isinstance(f, forms.FileField) for f in fields.values()):
            found.add(cls.__name__)
    return found


def _source(view: Any) -> str:
    target = getattr(view, "view_class", None) or getattr(view, "cls", None) or view
    target = inspect.unwrap(target)
    try:
        return inspect.getsource(target)
    except (OSError, TypeError):
        return ""


def _upload_routes() -> set[str]:
    file_forms = _file_forms()
    pattern = re.compile(r"request\.FILES|\.FILES\b|\b(" + "|".join(file_forms or {"-"}) + r")\(")
    routes = set()
    for route, view in _walk(get_resolver().url_patterns):
        module = getattr(view, "__module__", "") or ""
        if module.startswith("thuvien.") and pattern.search(_source(view)):
            routes.add(route)
    return routes


def _admin_file_fields() -> list[str]:
    """File fields the admin lets one upload into (every admin site of the URL conf)."""
    from django.contrib.admin.sites import all_sites

    editable = []
    for site in all_sites:
        for model, model_admin in site._registry.items():
            readonly = set(model_admin.readonly_fields or ())
            excluded = set(model_admin.exclude or ())
            for field in model._meta.get_fields():
                if isinstance(field, models.FileField) and field.editable:
                    if field.name not in readonly | excluded:
                        editable.append(f"{model._meta.label}.{field.name} ({site.name})")
    return editable


def test_every_upload_path_is_attacked():
    found = _upload_routes()
    assert found == set(UPLOADS), (
        f"upload paths not attacked here: {sorted(found - set(UPLOADS))}; "
        f"described but not found: {sorted(set(UPLOADS) - found)}"
    )
    assert not _admin_file_fields(), "the admin takes files unscreened: " + ", ".join(
        _admin_file_fields()
    )


def _context(world: Any, route: str, tmp_path: Path) -> dict:
    from thuvien.circulation.tests.factories import make_patron
    from thuvien.oversight.models import StaffPerson

    with scopes_disabled():
        person = StaffPerson.objects.create(library=world.provincial, full_name="Lê Thị Hoa")
    ctx = {"patron": make_patron(world.provincial), "person": person}
    if "/pages/" in route:  # a page to replace: a one-page object ingested as staff do
        from thuvien.digital.models import Page
        from thuvien.digital.services import digital_ingest
        from thuvien.digital.tests.booklet import page_image

        folder = tmp_path / "scans"
        folder.mkdir()
        page_image("Trang 1", folder / "001.png", size=(300, 200), font_size=20)
        with scopes_disabled():
            report = digital_ingest(paths=[folder], library=world.provincial, title="Sách thử")
            ctx["page"] = Page.all_objects.get(obj_id=report.objects[0], seq=1)
    return ctx


PAYLOADS = ["eicar", "eicar-inside", "word-macro"]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("route", sorted(UPLOADS))
def test_every_upload_path_refuses_and_quarantines(
    world, staff_client, clamav, route, payload, django_capture_on_commit_callbacks, tmp_path
):
    upload = UPLOADS[route]
    ctx = _context(world, route, tmp_path)
    client = staff_client(world.users["tinh_library_admin"], library=world.provincial)
    name, data = {
        "eicar": (upload.name, EICAR),
        "eicar-inside": (upload.name, upload.carrier()),
        "word-macro": ("bao-cao.docm", DOCM),
    }[payload]
    before = upload.kept(world)
    url, form = upload.post(world, ctx, SimpleUploadedFile(name, data))
    with django_capture_on_commit_callbacks(execute=True):  # a job runs as the worker would
        response = client.post(url, form)
    assert response.status_code < 500, response.status_code
    assert upload.kept(world) == before, "the file was kept"
    row = QuarantinedFile.objects.get(purpose=upload.purpose)
    if payload.startswith("eicar"):
        assert row.code == "malware" and "EICAR" in row.details["signature"], row.details
    else:
        assert row.code in ("office_macros", "type_not_allowed"), row.code
    assert row.declared_name == name and row.library_id == world.provincial.pk
    assert AuditEntry.objects.filter(
        action="screening.upload.refused", object_id=str(row.pk)
    ).exists()


def test_stored_files_are_never_served_as_plain_files_even_in_development(settings):
    """MEDIA_ROOT holds digital masters (restricted and paid ones too) and scans of staff
    certificates: no URL serves it without a view that checks who asks, DEBUG or not."""
    import importlib

    from django.urls import Resolver404, clear_url_caches, resolve

    import thuvien.config.urls as root_urls

    settings.DEBUG = True
    try:
        clear_url_caches()
        importlib.reload(root_urls)
        for path in ("/media/digital/masters/1/a.tif", "/media/training/1/certificate.pdf"):
            try:
                match = resolve(path)
            except Resolver404:
                continue
            assert "serve" not in match.func.__name__, (path, match.func)
    finally:
        settings.DEBUG = False
        importlib.reload(root_urls)
        clear_url_caches()
