"""Staff pages of the digitisation room after ingest: metadata (Dublin Core, rights, licence,
the catalogue crosswalk), pages (order, replacement, thumbnail), chapters, collections,
publication and access grants. Every form works without JavaScript; the views parse, call one
service of ``thuvien.digital.editing`` and render what the selectors return."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can_in_network, requires
from thuvien.core.errors import NotFound
from thuvien.core.uploads import upload_limit
from thuvien.digital import editing
from thuvien.digital.dublincore import DC_TERMS, LICENCES, field_name
from thuvien.digital.errors import DigitalError
from thuvien.digital.models import Collection, DigitalObject, ObjectType, RightsStatus
from thuvien.digital.selectors import (
    collection_get_for,
    collection_members_for,
    collections_for,
    file_versions,
    grants_of,
    object_get_for,
    page_get_by_id,
    pages_of,
    range_get,
    ranges_of,
)
from thuvien.digital.storage import upload_batch_discard, upload_batch_save
from thuvien.screening.errors import ScreeningRefused

MAX_PAGE_UPLOAD = 512 * 1024**2


def _object(request: HttpRequest, pk: int) -> DigitalObject:
    try:
        return object_get_for(library=request.library, pk=pk)  # type: ignore[attr-defined]
    except NotFound as exc:
        raise Http404 from exc


def _page_of(obj: DigitalObject, value: Any) -> Any:
    try:
        return page_get_by_id(obj=obj, pk=int(value))
    except (TypeError, ValueError, NotFound) as exc:
        raise Http404 from exc


def _back(obj: DigitalObject, name: str = "digital:pages", anchor: str = "") -> HttpResponse:
    return redirect(reverse(name, args=[obj.pk]) + anchor)


# --- metadata ---------------------------------------------------------------------------------


def _licence_choices() -> list[tuple[str, Any]]:
    vi = (get_language() or "vi").startswith("vi")
    return [("", gettext_lazy("— Chưa chọn —"))] + [
        (uri, labels[0] if vi else labels[1]) for uri, labels in LICENCES.items()
    ]


class MetadataForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Nhan đề"), max_length=500)
    object_type = forms.ChoiceField(label=gettext_lazy("Loại tài liệu"),
                                    choices=ObjectType.choices)
    language = forms.CharField(label=gettext_lazy("Ngôn ngữ (mã ISO 639-2, ví dụ vie)"),
                               max_length=8, required=False)
    rights_status = forms.ChoiceField(label=gettext_lazy("Tình trạng bản quyền"),
                                      choices=RightsStatus.choices)
    licence = forms.CharField(label=gettext_lazy("Giấy phép"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["licence"].widget = forms.Select(choices=_licence_choices())
        vi = (get_language() or "vi").startswith("vi")
        for term, (label_vi, label_en) in DC_TERMS.items():
            self.fields[field_name(term)] = forms.CharField(
                label=label_vi if vi else label_en, required=False, max_length=20_000,
                help_text=term, widget=forms.Textarea(attrs={"rows": 2}))

    def dc(self) -> dict[str, list[str]]:
        return {term: self.cleaned_data[field_name(term)].splitlines() for term in DC_TERMS
                if self.cleaned_data.get(field_name(term), "").strip()}


@requires(Capability.DIGITISE)
def metadata_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    initial: dict[str, Any] = {"title": obj.title, "object_type": obj.object_type,
                               "language": obj.language, "rights_status": obj.rights_status,
                               "licence": obj.licence}
    for term, values in (obj.dc or {}).items():
        initial[field_name(term)] = "\n".join(values)
    form = MetadataForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            editing.object_metadata_update(
                obj=obj, actor=request.user, title=data["title"],
                object_type=data["object_type"], language=data["language"], dc=form.dc(),
                rights_status=data["rights_status"], licence=data["licence"])
        except DigitalError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu siêu dữ liệu."))
            return _back(obj, "digital:metadata")
    if request.method == "POST":
        obj.refresh_from_db()
    return render(request, "staff/digital/metadata.html", {"obj": obj, "form": form},
                  status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
@require_POST
def crosswalk_view(request: HttpRequest, pk: int) -> HttpResponse:
    """``from_record``: prefill Dublin Core from the linked record; ``to_record``: make one."""
    obj = _object(request, pk)
    try:
        if request.POST.get("op") == "to_record":
            url = request.build_absolute_uri(reverse("opac_digital:viewer", args=[obj.pk]))
            editing.object_record_create(obj=obj, actor=request.user, url=url)
            messages.success(request, _("Đã tạo biểu ghi thư mục từ siêu dữ liệu Dublin Core."))
        else:
            editing.object_dc_from_record(obj=obj, actor=request.user)
            messages.success(request, _("Đã điền siêu dữ liệu từ biểu ghi thư mục."))
    except DigitalError as exc:
        messages.error(request, exc.message)
    return _back(obj, "digital:metadata")


# --- publication ------------------------------------------------------------------------------


@requires(Capability.DIGITISE)
@require_POST
def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    publish = request.POST.get("published") == "1"
    try:
        editing.object_publish(obj=obj, published=publish, actor=request.user)
    except DigitalError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã công bố tài liệu.") if publish
                         else _("Đã thôi công bố tài liệu."))
    return _back(obj, "digital:object")


# --- pages ------------------------------------------------------------------------------------


@requires(Capability.DIGITISE)
def pages_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    moved = request.GET.get("moved", "")
    return render(request, "staff/digital/pages.html", {
        "obj": obj, "pages": pages_of(obj), "moved": moved, "ranges": ranges_of(obj),
        "versions": file_versions(obj),
    })


@requires(Capability.DIGITISE)
@require_POST
def page_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    page = _page_of(obj, request.POST.get("page"))
    direction = request.POST.get("direction", "")
    try:
        editing.page_move(page=page, direction=direction, actor=request.user)
    except DigitalError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Trang đã chuyển đến vị trí %(n)s.") % {"n": page.seq})
    # no #fragment: a browser skips ``autofocus`` when the address names an element, and focus
    # must come back to the moved page's button for the next key press
    return redirect(reverse("digital:pages", args=[obj.pk]) + f"?moved={page.pk}:{direction}")


@requires(Capability.DIGITISE)
@require_POST
def page_order_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole order at once (what dragging sends): page ids separated by commas."""
    obj = _object(request, pk)
    raw = request.POST.get("order", "")
    try:
        order = [int(x) for x in raw.split(",") if x.strip()]
        editing.pages_reorder(obj=obj, order=order, actor=request.user)
    except (ValueError, DigitalError) as exc:
        message = exc.message if isinstance(exc, DigitalError) else _(
            "Thứ tự trang không hợp lệ.")
        messages.error(request, message)
        return render(request, "staff/digital/pages.html", {
            "obj": obj, "pages": pages_of(obj), "ranges": ranges_of(obj),
            "versions": file_versions(obj), "error": message}, status=400)
    messages.success(request, _("Đã lưu thứ tự trang."))
    return _back(obj)


class ReplaceForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Ảnh trang mới (TIFF, JPEG, JPEG 2000, PNG)"))


@requires(Capability.DIGITISE)
@upload_limit(MAX_PAGE_UPLOAD)
def page_replace_view(request: HttpRequest, pk: int, page_id: int) -> HttpResponse:
    obj = _object(request, pk)
    page = _page_of(obj, page_id)
    form = ReplaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        folder = upload_batch_save([upload])  # screened by the service before it is kept
        try:
            path = next(folder.iterdir())
            try:
                editing.page_replace(page=page, path=path, declared_name=upload.name,
                                     actor=request.user)
            except ScreeningRefused as exc:
                form.add_error("file", exc.message)
            except DigitalError as exc:
                form.add_error("file", exc.message)
            except Exception as exc:
                import pyvips

                if not isinstance(exc, pyvips.Error):
                    raise
                form.add_error("file", _("Không đọc được ảnh này."))
        finally:
            upload_batch_discard(folder)
        if not form.errors:
            messages.success(request, _("Đã thay trang %(n)s; bản cũ được lưu lại.")
                             % {"n": page.seq})
            return _back(obj, anchor=f"#p-{page.pk}")
    return render(request, "staff/digital/page_replace.html",
                  {"obj": obj, "page": page, "form": form},
                  status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
@require_POST
def thumbnail_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    page = _page_of(obj, request.POST.get("page"))
    editing.thumbnail_set(obj=obj, page=page, actor=request.user)
    messages.success(request, _("Trang %(n)s là ảnh đại diện.") % {"n": page.seq})
    return _back(obj, anchor=f"#p-{page.pk}")


# --- structure --------------------------------------------------------------------------------


class RangeForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Tên chương, phần"), max_length=255)
    first_seq = forms.IntegerField(label=gettext_lazy("Từ trang"), min_value=1)
    last_seq = forms.IntegerField(label=gettext_lazy("Đến trang"), min_value=1)


@requires(Capability.DIGITISE)
def structure_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    form = RangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            editing.range_create(obj=obj, label=data["label"], first_seq=data["first_seq"],
                                 last_seq=data["last_seq"], actor=request.user)
        except DigitalError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã thêm chương, phần."))
            return _back(obj, "digital:structure")
    return render(request, "staff/digital/structure.html",
                  {"obj": obj, "form": form, "ranges": ranges_of(obj),
                   "page_count": len(pages_of(obj))},
                  status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
@require_POST
def range_delete_view(request: HttpRequest, pk: int, range_id: int) -> HttpResponse:
    obj = _object(request, pk)
    try:
        rng = range_get(obj=obj, pk=range_id)
    except NotFound as exc:
        raise Http404 from exc
    editing.range_delete(rng=rng, actor=request.user)
    messages.success(request, _("Đã xoá chương, phần."))
    return _back(obj, "digital:structure")


# --- collections ------------------------------------------------------------------------------


def _network_wide_allowed(request: HttpRequest) -> bool:
    network = getattr(request, "network", None)
    return any(can_in_network(request.user, cap, network.pk if network else None, write=True)
               for cap in (Capability.DIGITISE, Capability.ADMINISTER_NETWORK))


class CollectionForm(forms.Form):
    code = forms.SlugField(label=gettext_lazy("Mã (chữ không dấu, số, gạch nối)"), max_length=64)
    title_vi = forms.CharField(label=gettext_lazy("Tên (tiếng Việt)"), max_length=255)
    title_en = forms.CharField(label=gettext_lazy("Tên (tiếng Anh)"), max_length=255,
                               required=False)
    description = forms.CharField(label=gettext_lazy("Mô tả"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000)
    parent = forms.TypedChoiceField(label=gettext_lazy("Thuộc bộ sưu tập"), required=False,
                                    coerce=int, empty_value=None)
    scope = forms.ChoiceField(label=gettext_lazy("Phạm vi"), required=False, choices=[
        ("library", gettext_lazy("Của thư viện này")),
        ("network", gettext_lazy("Toàn mạng lưới")),
    ])

    def __init__(self, *args: Any, collections: list[Collection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ChoiceField)
        parent.choices = [("", _("— Không (bộ sưu tập gốc) —"))] + [
            (c.pk, "— " * getattr(c, "depth", 0) + c.title_vi) for c in collections]


@requires(Capability.DIGITISE)
def collections_view(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/digital/collections.html", {
        "collections": collections_for(library=request.library),  # type: ignore[attr-defined]
        "network_wide": _network_wide_allowed(request),
    })


@requires(Capability.DIGITISE, Capability.ADMINISTER_NETWORK, for_writing=True)
def collection_new_view(request: HttpRequest) -> HttpResponse:
    library = request.library  # type: ignore[attr-defined]
    collections = collections_for(library=library)
    form = CollectionForm(request.POST or None, collections=collections)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        network_wide = data.get("scope") == "network"
        if network_wide and not _network_wide_allowed(request):
            raise PermissionDenied
        parent = None
        if data.get("parent"):
            try:
                parent = collection_get_for(library=library, pk=data["parent"])
            except NotFound as exc:
                raise Http404 from exc
        try:
            coll = editing.collection_create(
                network=library.network, library=None if network_wide else library,
                code=data["code"], title_vi=data["title_vi"], title_en=data["title_en"],
                description=data["description"], parent=parent, actor=request.user)
        except DigitalError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo bộ sưu tập “%(t)s”.") % {"t": coll.title_vi})
            return redirect(reverse("digital:collection", args=[coll.pk]))
    return render(request, "staff/digital/collection_form.html",
                  {"form": form, "network_wide": _network_wide_allowed(request)},
                  status=400 if form.errors else 200)


@requires(Capability.DIGITISE, Capability.ADMINISTER_NETWORK)
def collection_view(request: HttpRequest, pk: int) -> HttpResponse:
    library = request.library  # type: ignore[attr-defined]
    try:
        coll = collection_get_for(library=library, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    may_edit = coll.library_id == library.pk or _network_wide_allowed(request)
    collections = [c for c in collections_for(library=library) if c.pk != coll.pk]
    form = CollectionForm(request.POST or None, collections=collections, initial={
        "code": coll.code, "title_vi": coll.title_vi, "title_en": coll.title_en,
        "description": coll.description, "parent": coll.parent_id})
    form.fields["code"].disabled = True
    form.fields["scope"].disabled = True
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            parent = None
            if data.get("parent"):
                try:
                    parent = collection_get_for(library=library, pk=data["parent"])
                except NotFound as exc:
                    raise Http404 from exc
            try:
                editing.collection_update(collection=coll, actor=request.user,
                                          title_vi=data["title_vi"], title_en=data["title_en"],
                                          description=data["description"], parent=parent)
            except DigitalError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect(reverse("digital:collection", args=[coll.pk]))
    return render(request, "staff/digital/collection.html", {
        "coll": coll, "form": form, "may_edit": may_edit,
        "members": collection_members_for(collection=coll, library=library),
    }, status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
def object_collections_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    library = request.library  # type: ignore[attr-defined]
    if request.method == "POST":
        try:
            coll = collection_get_for(library=library, pk=int(request.POST.get("collection")
                                                              or 0))
        except (ValueError, NotFound) as exc:
            raise Http404 from exc
        add = request.POST.get("op") != "remove"
        try:
            editing.collection_membership(collection=coll, obj=obj, add=add,
                                          actor=request.user)
        except DigitalError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã thêm vào bộ sưu tập.") if add
                             else _("Đã bỏ khỏi bộ sưu tập."))
        return _back(obj, "digital:object-collections")
    member = set(obj.collections.values_list("pk", flat=True))
    return render(request, "staff/digital/object_collections.html", {
        "obj": obj, "collections": collections_for(library=library), "member": member})


# --- access grants ----------------------------------------------------------------------------


class GrantForm(forms.Form):
    card_number = forms.CharField(label=gettext_lazy("Số thẻ bạn đọc"), max_length=32)
    until = forms.DateField(label=gettext_lazy("Đến ngày (bỏ trống: không thời hạn)"),
                            required=False, widget=forms.DateInput(attrs={"type": "date"}))


@requires(Capability.DIGITISE, readers_data=True)  # the readers granted, by card and name
def grants_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _object(request, pk)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.grant_add(obj=obj, card_number=form.cleaned_data["card_number"],
                              until=form.cleaned_data["until"], actor=request.user)
        except DigitalError as exc:
            form.add_error("card_number", exc.message)
        else:
            messages.success(request, _("Đã cấp quyền xem cho bạn đọc."))
            return _back(obj, "digital:grants")
    return render(request, "staff/digital/grants.html",
                  {"obj": obj, "form": form, "grants": grants_of(obj)},
                  status=400 if form.errors else 200)


@requires(Capability.DIGITISE)
@require_POST
def grant_delete_view(request: HttpRequest, pk: int, grant_id: int) -> HttpResponse:
    obj = _object(request, pk)
    row = next((g for g in grants_of(obj) if g["grant"].pk == grant_id), None)
    if row is None:
        raise Http404
    editing.grant_remove(grant=row["grant"], actor=request.user)
    messages.success(request, _("Đã thu hồi quyền xem."))
    return _back(obj, "digital:grants")
