"""Staff training (Library Law art. 46): people, titles, qualifications, courses, attendance,
diplomas with a scan; the shares trained and qualified per library and type, fed into the
Decision 206 target and checked against Decree 93's 70 %; inspectors read and write nothing."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from PIL import Image

from thuvien.core.models import AuditEntry
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import Credential, StaffPerson, Target
from thuvien.oversight.reports import annual_report
from thuvien.oversight.targets import targets_ensure_decision_206, targets_progress
from thuvien.oversight.training import (
    attendance_record,
    course_create,
    credential_add,
    network_training,
    staff_person_save,
    training_figures,
)
from thuvien.oversight.year_figures import decree_93_thresholds, indicators

pytestmark = pytest.mark.django_db
Q = StaffPerson.Qualification


def _pdf(extra: bytes = b"") -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Chung chi boi duong nghiep vu thu vien")
    page.save()
    data = out.getvalue()
    return data.replace(b"%%EOF", extra + b"%%EOF") if extra else data


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 180, 10)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def staffed(world):
    head = world.users["tinh_library_admin"]
    lib = world.provincial
    people = [
        staff_person_save(library=lib, actor=head, full_name="Nguyễn Thị Lan",
                          title=StaffPerson.Title.GRADE_III, qualification=Q.BACHELOR),
        staff_person_save(library=lib, actor=head, full_name="Trần Văn Hùng",
                          qualification=Q.CERTIFICATE),
        staff_person_save(library=lib, actor=head, full_name="Lê Minh"),
        staff_person_save(library=world.commune_a, actor=world.users["tienlu_library_admin"],
                          full_name="Phạm Thu"),
    ]  # fmt: skip
    course = course_create(network=world.hung_yen, actor=head, topic="Biên mục MARC 21",
                           provider="Thư viện Quốc gia Việt Nam", hours="24",
                           starts_on="2025-03-03", ends_on="2025-03-07")  # fmt: skip
    attendance_record(course=course, person=people[0], actor=head, certificate_number="12/CN")
    attendance_record(course=course, person=people[2], actor=head, completed=False)
    return world, people, course


def test_shares_trained_and_qualified_per_library_type_and_the_target(staffed):
    world, people, course = staffed
    rows = training_figures(library_ids=[world.provincial.pk, world.commune_a.pk])
    tinh = rows[world.provincial.pk]
    assert (tinh.staff, tinh.qualified, tinh.trained, tinh.hours) == (3, 2, 1, Decimal("24.0"))
    assert tinh.qualified_percent == Decimal("66.7") and tinh.qualified_met is False
    assert tinh.hours_per_person == Decimal("8.00")
    # Lê Minh finishes the course after all; one more person trained.
    attendance_record(course=course, person=people[2], actor=None)
    assert training_figures(library_ids=[world.provincial.pk])[world.provincial.pk].trained == 2
    # Courses outside the period do not count.
    year_2026 = training_figures(library_ids=[world.provincial.pk], start=dt.date(2026, 1, 1),
                                 end=dt.date(2026, 12, 31))[world.provincial.pk]  # fmt: skip
    assert (year_2026.trained, year_2026.hours) == (0, Decimal(0))

    net = network_training(network=world.hung_yen)
    assert (net.total.staff, net.total.trained) == (4, 2)
    by_type = {code: (f.staff, f.trained) for code, _l, f, _n in net.by_type}
    assert by_type["provincial"] == (3, 2) and by_type["commune"] == (1, 0)

    # The Decision 206 target is fed from live data now that the network keeps its staff.
    targets_ensure_decision_206(network=world.hung_yen, actor=world.users["hy_admin"])
    trained = {p.target.measure: p for p in targets_progress(network=world.hung_yen)}[
        Target.Measure.STAFF_TRAINED
    ]
    assert (trained.how, trained.counted, trained.of, trained.percent) == (
        "counted",
        2,
        4,
        Decimal("50.0"),
    )
    # Bắc Ninh keeps no staff here: its target stays entered by hand.
    targets_ensure_decision_206(network=world.bac_ninh, actor=None)
    bn = {p.target.measure: p for p in targets_progress(network=world.bac_ninh)}
    assert bn[Target.Measure.STAFF_TRAINED].how == "missing"

    # Decree 93's 70 % is checked from the records, and training hours per person shown.
    threshold = next(
        t
        for t in decree_93_thresholds(
            library=world.provincial, counted={}, entered={}, training=tinh
        )  # fmt: skip
        if "chuyên môn" in t.label
    )
    assert (threshold.actual, threshold.met) == (Decimal("66.67"), False)
    hours = next(i for i in indicators(counted={}, entered={}, unused_copies=0, training=tinh)
                 if "giờ đào tạo" in i.label)  # fmt: skip
    assert hours.value == Decimal("8.00")

    # The annual report has the same figures.
    report = annual_report(year=2025, library=world.provincial)
    assert report.value("Người làm công tác thư viện (đang làm việc)") == 3
    assert report.value("Người hoàn thành khóa đào tạo, bồi dưỡng trong kỳ") == 2
    assert report.value("Số giờ đào tạo, bồi dưỡng trong kỳ") == Decimal("48.0")
    assert report.value("Tài liệu số cuối kỳ") == 0  # counted from the digital library


def test_bad_input_is_refused_and_nothing_is_kept(staffed):
    world, people, _course = staffed
    head = world.users["tinh_library_admin"]
    for bad in ({"full_name": "  "}, {"full_name": "A", "title": "boss"},
                {"full_name": "A", "qualification": "phd"}):  # fmt: skip
        with pytest.raises(OversightError):
            staff_person_save(library=world.provincial, actor=head, **bad)
    for bad in ({"hours": "abc"}, {"hours": "0"}, {"hours": "NaN"}, {"starts_on": "7/3/2025"},
                {"ends_on": "2025-01-01"}):  # fmt: skip
        values = {"topic": "X", "provider": "Y", "hours": "8", "starts_on": "2025-03-03", **bad}
        with pytest.raises(OversightError):
            course_create(network=world.hung_yen, actor=head, **values)
    # Bắc Ninh's course is not Hưng Yên's.
    bn_course = course_create(network=world.bac_ninh, actor=None, topic="X", provider="Y",
                              hours="8", starts_on="2025-03-03", ends_on="")  # fmt: skip
    with pytest.raises(OversightError):
        attendance_record(course=bn_course, person=people[0], actor=head)
    hostile = SimpleUploadedFile("cc.pdf", _pdf(b"/OpenAction << /S /JavaScript /JS (x) >>\n"))
    junk = SimpleUploadedFile("cc.pdf", b"MZ\x90\x00 not a pdf")
    for scan in (hostile, junk):
        with pytest.raises(OversightError) as exc:
            credential_add(person=people[0], actor=head, kind="diploma", name="Bằng", scan=scan)
        assert exc.value.field == "scan"
    with scopes_disabled():
        assert Credential.objects.count() == 0


def test_the_head_keeps_the_records_on_the_page_and_inspectors_only_read(
    staffed, staff_client, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    world, people, course = staffed
    head = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert head.post("/staff/oversight/training/person/", {
        "full_name": "Đỗ Thị Mai", "title": "V.10.02.07", "qualification": "intermediate",
    }).status_code == 302  # fmt: skip
    with scopes_disabled():
        mai = StaffPerson.objects.get(full_name="Đỗ Thị Mai")
    assert head.post("/staff/oversight/training/attendance/", {
        "person": mai.pk, "course": course.pk, "completed": "1", "certificate_number": "99",
    }).status_code == 302  # fmt: skip
    pdf = SimpleUploadedFile("bang.pdf", _pdf(), content_type="application/pdf")
    head.post("/staff/oversight/training/credential/", {
        "person": mai.pk, "kind": "diploma", "name": "Bằng trung cấp thư viện",
        "issuer": "Trường Cao đẳng Văn hóa", "issued_on": "2019-06-30", "scan": pdf,
    })  # fmt: skip
    photo = SimpleUploadedFile("cc.jpg", _jpeg(), content_type="image/jpeg")
    head.post("/staff/oversight/training/credential/", {
        "person": people[1].pk, "kind": "certificate", "name": "Chứng chỉ bồi dưỡng",
        "scan": photo,
    })  # fmt: skip
    with scopes_disabled():
        diploma = Credential.objects.get(person=mai)
        certificate = Credential.objects.get(person=people[1])
    assert diploma.scan.name.endswith(".pdf") and certificate.scan.name.endswith(".jpg")
    html = head.get("/staff/oversight/training/").content.decode()
    assert "Đỗ Thị Mai" in html and "Bằng trung cấp thư viện" in html and "Phạm Thu" not in html
    assert 'data-figure="staff">4<' in html and 'data-figure="trained">2<' in html
    scan = head.get(f"/staff/oversight/training/credential/{diploma.pk}/scan/")
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF")
    junk = {"topic": "X", "provider": "Y", "hours": "-3", "starts_on": "x"}
    bad = head.post("/staff/oversight/training/course/", junk)
    assert bad.status_code == 302
    assert {"oversight.training.person_saved", "oversight.training.attendance_recorded",
            "oversight.training.credential_added", "oversight.training.course_added"} <= set(
        AuditEntry.objects.values_list("action", flat=True))  # fmt: skip

    # Another library neither sees the person nor the scan.
    other = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    assert other.get(f"/staff/oversight/training/credential/{diploma.pk}/scan/").status_code == 404

    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    html = inspector.get("/staff/oversight/training/").content.decode()
    assert "Đỗ Thị Mai" in html and 'id="person-form"' not in html
    assert 'id="credential-form"' not in html
    tries = (
        ("person/", {"full_name": "X"}),
        ("course/", {"topic": "X"}),
        ("attendance/", {"person": mai.pk, "course": course.pk}),
        ("credential/", {"person": mai.pk, "kind": "diploma", "name": "X"}),
    )
    for url, data in tries:
        assert inspector.post(f"/staff/oversight/training/{url}", data).status_code == 403
    with scopes_disabled():
        assert StaffPerson.objects.count() == 5 and Credential.objects.count() == 2
    net = inspector.get("/staff/oversight/training/network/").content.decode()
    # Hưng Yên: 5 people; trained: Lan and Mai (Lê Minh did not complete the course).
    assert 'data-type="total"' in net and "✗" in net  # the commune has no qualified staff
    figures = network_training(network=world.hung_yen).total
    assert (figures.staff, figures.trained) == (5, 2)
    assert f'<td class="num">{figures.staff}</td><td class="num">{figures.trained}</td>' in net
    # A library's head does not read the network's page (the client logs in as the head again).
    head = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert head.get("/staff/oversight/training/network/").status_code == 403
