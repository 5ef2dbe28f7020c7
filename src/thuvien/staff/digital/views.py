"""Staff pages of the digital library: the objects of the active library, batch ingest (a
background job with progress), an object's settings and pages, page text correction, BagIt
export and the fixity audit. Views parse and call the domain's services; rules live there."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound
from thuvien.core.uploads import upload_limit
from thuvien.digital.bags import bag_export
from thuvien.digital.errors import DigitalError
from thuvien.digital.models import AccessLevel, Page
from thuvien.digital.selectors import object_get_for, object_list, page_get, pages_of
from thuvien.digital.services import object_update, page_text_correct
from thuvien.digital.storage import upload_batch_save
from thuvien.digital.tasks import fixity_enqueue, ingest_enqueue

MAX_UPLOAD = 2 * 1024**3
OCR_CHOICES = [("", gettext_lazy("Không nhận dạng chữ")), ("vie", gettext_lazy("Tiếng Việt")),
               ("eng", gettext_lazy("Tiếng Anh")), ("fra", gettext_lazy("Tiếng Pháp")),
               ("chi_tra", gettext_lazy("Chữ Hán phồn thể"))]


class IngestForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Nhan đề (nếu không có tệp CSV)"), required=False,
                            max_length=500)
    access = forms.ChoiceField(label=gettext_lazy("Quyền truy cập"), required=False,
                               choices=[("", gettext_lazy("Theo tệp CSV (mặc định: mở)")),
                                        *AccessLevel.choices])
    ocr = forms.ChoiceField(label=gettext_lazy("Nhận dạng chữ (OCR)"), required=False,
                            choices=OCR_CHOICES, initial="vie")
    publish = forms.BooleanField(label=gettext_lazy("Công bố ngay khi tiếp nhận xong"),
                                 required=False)


class ObjectForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Nhan đề"), max_length=500)
    access = forms.ChoiceField(label=gettext_lazy("Quyền truy cập"), choices=AccessLevel.choices)
    embargo_until = forms.DateField(label=gettext_lazy("Cấm truy cập đến ngày"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    published = forms.BooleanField(label=gettext_lazy("Đã công bố"), required=False)


class PageTextForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Văn bản của trang"), required=False,
                           widget=forms.Textarea(attrs={"rows": 16}), max_length=200_000)


def _object(request: HttpRequest, pk: int):  # noqa: ANN202
    try:
        return object_get_for(library=request.library, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@requires(Capability.DIGITISE)
def object_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(object_list(library=request.library), 30).get_page(request.GET.get("page"))
    return render(request, "staff/digital/list.html", {"page": page})


@requires(Capability.DIGITISE, for_writing=True)
@upload_limit(MAX_UPLOAD)
def ingest_view(request: HttpRequest) -> HttpResponse:
    """Upload page images, PDFs, ZIPs and a metadata CSV; the ingest runs as a job."""
    form = IngestForm(request.POST or None)
    files = request.FILES.getlist("files") if request.method == "POST" else []
    if request.method == "POST" and not files:
        form.add_error(None, _("Hãy chọn ít nhất một tệp."))
    if request.method == "POST" and form.is_valid():
        # waiting for the job's screening: the upload storage, never the masters'
        folder = upload_batch_save(files)
        data = form.cleaned_data
        paths = [str(folder)]
        if len(files) == 1 and files[0].name.lower().endswith((".zip", ".pdf")):
            paths = [str(next(folder.iterdir()))]
        job = ingest_enqueue(library=request.library, paths=paths, user=request.user,
                             title=data["title"], access=data["access"], ocr=data["ocr"],
                             publish=data["publish"], upload_dir=str(folder))
        return redirect(reverse("jobs:detail", args=[job.pk]))
    return render(request, "staff/digital/ingest.html", {"form": form},
                  status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
def object_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    initial = {"title": obj.title, "access": obj.access, "embargo_until": obj.embargo_until,
               "published": obj.published}
    form = ObjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.cleaned_data.items() if initial.get(k) != v}
        if changed:
            object_update(obj=obj, actor=request.user, **changed)
            messages.success(request, _("Đã lưu."))
        return redirect(reverse("digital:object", args=[obj.pk]))
    return render(request, "staff/digital/object.html", {
        "obj": obj, "form": form, "pages": pages_of(obj),
        "review": sum(1 for p in pages_of(obj) if p.needs_review),
    }, status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
def page_text_view(request: HttpRequest, pk: int, seq: int) -> HttpResponse:
    obj = _object(request, pk)
    try:
        page = page_get(obj=obj, seq=seq)
    except NotFound as exc:
        raise Http404 from exc
    form = PageTextForm(request.POST or None, initial={"text": page.text})
    if request.method == "POST" and form.is_valid():
        try:
            page_text_correct(page=page, text=form.cleaned_data["text"], actor=request.user)
        except DigitalError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, _("Đã lưu văn bản trang %(n)s.") % {"n": seq})
            return redirect(reverse("digital:object", args=[obj.pk]))
    return render(request, "staff/digital/page_text.html",
                  {"obj": obj, "page": page, "form": form, "statuses": Page.OcrStatus},
                  status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
def bag_view(request: HttpRequest, pk: int) -> FileResponse:
    """The object as a zipped BagIt bag."""
    obj = _object(request, pk)
    work = Path(tempfile.mkdtemp(prefix="thuvien-bag-"))
    try:
        bag = bag_export(objects=[obj], target=work / f"thuvien-{obj.pk}", actor=request.user)
        archive = shutil.make_archive(str(work / f"thuvien-{obj.pk}-bag"), "zip",
                                      root_dir=work, base_dir=bag.name)
        handle = open(archive, "rb")  # noqa: SIM115 - FileResponse closes it
    finally:
        shutil.rmtree(work / f"thuvien-{obj.pk}", ignore_errors=True)
    return FileResponse(handle, as_attachment=True, filename=Path(archive).name)


@requires(Capability.DIGITISE)
@require_POST
def fixity_view(request: HttpRequest) -> HttpResponse:
    job = fixity_enqueue(library=request.library, user=request.user, check_all=True)
    return redirect(reverse("jobs:detail", args=[job.pk]))
