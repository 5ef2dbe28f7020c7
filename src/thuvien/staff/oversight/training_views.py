"""Staff training pages: a library's people, courses, attendance, diplomas with their scans
(the library's head writes, inspectors read); the network's shares (inspectors, network
admins). Every rule lives in ``oversight.training``."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import request_may, requires
from thuvien.core.uploads import upload_limit
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import Credential, StaffPerson
from thuvien.oversight.selectors import course_get_for
from thuvien.oversight.targets import targets_progress
from thuvien.oversight.training import (
    QUALIFIED_SHARE,
    SCAN_MAX_BYTES,
    attendance_record,
    course_create,
    courses_of,
    credential_add,
    credential_get_for,
    network_training,
    staff_of,
    staff_person_get_for,
    staff_person_save,
    training_figures,
)


def _back(request: HttpRequest, exc: OversightError | None = None) -> HttpResponse:
    if exc is not None:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã lưu."))
    return redirect("oversight:training")


@requires(Capability.ADMINISTER_LIBRARY)
def training(request: HttpRequest) -> HttpResponse:
    library = request.library
    return render(
        request,
        "staff/oversight/training.html",
        {
            "people": staff_of(library=library),
            "courses": courses_of(network=library.network),
            "figures": training_figures(library_ids=[library.pk])[library.pk],
            "titles": StaffPerson.Title.choices,
            "qualifications": StaffPerson.Qualification.choices,
            "kinds": Credential.Kind.choices,
            "threshold": QUALIFIED_SHARE,
            "may_edit": request_may(request, (Capability.ADMINISTER_LIBRARY,), method="POST"),
            "scan_mb": SCAN_MAX_BYTES // (1024 * 1024),
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
@require_POST
def person_save(request: HttpRequest) -> HttpResponse:
    person = None
    if request.POST.get("person"):
        person = staff_person_get_for(library=request.library, pk=request.POST["person"])
        if person is None:
            raise Http404
    try:
        staff_person_save(
            library=request.library,
            actor=request.user,
            person=person,
            full_name=request.POST.get("full_name", ""),
            title=request.POST.get("title", ""),
            qualification=request.POST.get("qualification", ""),
            active=request.POST.get("active", "1") == "1",
        )
    except OversightError as exc:
        return _back(request, exc)
    return _back(request)


@requires(Capability.ADMINISTER_LIBRARY)
@require_POST
def course_add(request: HttpRequest) -> HttpResponse:
    try:
        course_create(
            network=request.library.network,
            actor=request.user,
            topic=request.POST.get("topic", ""),
            provider=request.POST.get("provider", ""),
            hours=request.POST.get("hours", ""),
            starts_on=request.POST.get("starts_on", ""),
            ends_on=request.POST.get("ends_on", ""),
        )
    except OversightError as exc:
        return _back(request, exc)
    return _back(request)


@requires(Capability.ADMINISTER_LIBRARY)
@require_POST
def attendance_add(request: HttpRequest) -> HttpResponse:
    person = staff_person_get_for(library=request.library, pk=request.POST.get("person"))
    course_pk = request.POST.get("course", "")
    course = (
        course_get_for(network=request.library.network, pk=int(course_pk))
        if course_pk.isdigit()
        else None
    )
    if person is None or course is None:
        messages.error(request, _("Chọn người và khóa học."))
        return redirect("oversight:training")
    try:
        attendance_record(
            course=course,
            person=person,
            actor=request.user,
            completed=request.POST.get("completed", "1") == "1",
            certificate_number=request.POST.get("certificate_number", ""),
        )
    except OversightError as exc:
        return _back(request, exc)
    return _back(request)


@requires(Capability.ADMINISTER_LIBRARY)
@upload_limit(SCAN_MAX_BYTES)
@require_POST
def credential_new(request: HttpRequest) -> HttpResponse:
    person = staff_person_get_for(library=request.library, pk=request.POST.get("person"))
    if person is None:
        messages.error(request, _("Chọn người."))
        return redirect("oversight:training")
    try:
        credential_add(
            person=person,
            actor=request.user,
            kind=request.POST.get("kind", ""),
            name=request.POST.get("name", ""),
            issuer=request.POST.get("issuer", ""),
            issued_on=request.POST.get("issued_on", ""),
            scan=request.FILES.get("scan"),
        )
    except OversightError as exc:
        return _back(request, exc)
    return _back(request)


@requires(Capability.ADMINISTER_LIBRARY)
def credential_scan(request: HttpRequest, pk: int) -> HttpResponse:
    credential = credential_get_for(library=request.library, pk=pk)
    if credential is None or not credential.scan:
        raise Http404
    pdf = credential.scan.name.endswith(".pdf")
    response = FileResponse(
        credential.scan.open("rb"),
        content_type="application/pdf" if pdf else "image/jpeg",
        as_attachment=True,
        filename=f"van-bang-{credential.pk}.{'pdf' if pdf else 'jpg'}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(Capability.OVERSEE, network_wide=True)
def network(request: HttpRequest) -> HttpResponse:
    data = network_training(network=request.network)
    target = next(
        (p for p in targets_progress(network=request.network)
         if p.target.measure == "staff_trained"),
        None,
    )  # fmt: skip
    return render(
        request,
        "staff/oversight/training_network.html",
        {"t": data, "target": target, "threshold": QUALIFIED_SHARE},
    )
