"""Scheduled reports: an inspector or a network admin schedules the monthly or annual report
of a library, a group or the province; the worker makes it once a period, keeps it with its
SHA-256 on the storage API, lists it and e-mails it; the page makes one at once too."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from thuvien.circulation.models import Loan
from thuvien.core.models import AuditEntry
from thuvien.network.models import LibraryGroup
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import KeptReport, ReportSchedule
from thuvien.oversight.scheduled import reports_due, schedule_create

pytestmark = pytest.mark.django_db


def _figure(content: bytes, label: str):
    sheet = load_workbook(io.BytesIO(content)).active
    return {row[1]: row[2] for row in sheet.iter_rows(values_only=True) if len(row) > 2}[label]


def test_scheduled_reports_are_made_once_kept_and_mailed(
    busy_world, staff_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    world = busy_world
    group = LibraryGroup.objects.create(network=world.hung_yen, code="tinh-va-xa",
                                        name_vi="Thư viện tỉnh và xã")  # fmt: skip
    group.libraries.set([world.provincial, world.commune_a])
    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    bad = {"scope": "group", "group": group.pk, "kind": "monthly", "fmt": "xlsx",
           "recipients": "so-vh@example.vn, not an address"}  # fmt: skip
    inspector.post("/staff/oversight/reports/schedule/", bad)
    assert not ReportSchedule.objects.exists()
    good = {**bad, "recipients": "so-vh@example.vn; thanhtra@example.vn"}
    assert inspector.post("/staff/oversight/reports/schedule/", good).status_code == 302
    schedule = ReportSchedule.objects.get()
    assert schedule.recipients == ["so-vh@example.vn", "thanhtra@example.vn"]
    # Bắc Ninh's library is not a scope of Hưng Yên.
    with pytest.raises(OversightError):
        schedule_create(network=world.hung_yen, actor=None, scope="library",
                        library=world.bn_provincial.pk, kind="annual", fmt="pdf",
                        recipients="a@example.vn")  # fmt: skip

    today = timezone.localdate()
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_due(today=next_month) == 1
    assert reports_due(today=next_month + dt.timedelta(days=1)) == 0  # never twice a period
    kept = KeptReport.objects.get()
    data = kept.file.read()
    assert hashlib.sha256(data).hexdigest() == kept.sha256 and kept.size == len(data)
    assert (kept.start, kept.end.month) == (today.replace(day=1), today.month)
    with scopes_disabled():
        loans = Loan.objects.filter(
            library__in=[world.provincial, world.commune_a], issued_at__date__gte=kept.start
        ).count()
    assert loans == 2 and _figure(data, "Lượt mượn về nhà") == loans
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["so-vh@example.vn", "thanhtra@example.vn"]
    assert "tháng" in message.subject and kept.sha256 in message.body
    assert message.attachments[0][1] == data
    kept.refresh_from_db()
    assert kept.sent_at is not None

    html = inspector.get("/staff/oversight/reports/").content.decode()
    assert kept.sha256 in html and "Thư viện tỉnh và xã" in html
    download = inspector.get(f"/staff/oversight/reports/{kept.pk}/file/")
    assert b"".join(download.streaming_content) == data

    # The page makes the province's annual report at once (a queued job).
    with django_capture_on_commit_callbacks(execute=True):
        inspector.post("/staff/oversight/reports/make/", {"scope": "network", "fmt": "pdf",
                                                          "year": str(today.year)})  # fmt: skip
    made = KeptReport.objects.exclude(pk=kept.pk).get()
    assert made.fmt == "pdf" and made.file.read().startswith(b"%PDF") and made.sent_to == []
    assert {"oversight.report_schedule.created", "oversight.report.kept"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )
    for junk in ({"scope": "network", "fmt": "exe", "year": "2026"},
                 {"scope": "network", "fmt": "pdf", "year": "abc"},
                 {"scope": "library", "fmt": "pdf", "year": "2026", "library": "x"}):  # fmt: skip
        assert inspector.post("/staff/oversight/reports/make/", junk).status_code == 302
    assert KeptReport.objects.count() == 2

    # Stopped: no more reports; another network's staff never see these.
    inspector.post(f"/staff/oversight/reports/schedules/{schedule.pk}/stop/")
    schedule.refresh_from_db()
    assert not schedule.active
    assert reports_due(today=next_month + dt.timedelta(days=40)) == 0
    head = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert head.get("/staff/oversight/reports/").status_code == 403
    assert head.get(f"/staff/oversight/reports/{kept.pk}/file/").status_code == 403


def test_an_inspector_edits_a_schedule_of_their_network_others_are_refused(
    world, staff_client
):
    from thuvien.accounts.models import Membership, Role, User

    schedule = schedule_create(network=world.hung_yen, actor=world.users["hy_oversight"],
                               scope="network", kind="monthly", fmt="xlsx",
                               recipients="so-vh@example.vn")  # fmt: skip
    url = f"/staff/oversight/reports/schedules/{schedule.pk}/"
    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    page = inspector.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="monthly" selected' in html and "so-vh@example.vn" in html
    assert f'href="{url}"' in inspector.get("/staff/oversight/reports/").content.decode()

    change = {"scope": "library", "library": world.commune_a.pk, "group": "", "kind": "annual",
              "fmt": "pdf", "recipients": "so-vh@example.vn, truong-phong@example.vn"}  # fmt: skip
    # Bad input: a broken address, another network's library, junk ids: a clear error, no change.
    for bad in ({"recipients": "so-vh@example.vn, javascript:alert(1)"},
                {"library": world.bn_provincial.pk}, {"library": "1 OR 1=1"},
                {"kind": "weekly"}, {"fmt": "exe"}):  # fmt: skip
        response = inspector.post(url, {**change, **bad})
        assert response.status_code == 400, bad
        assert 'role="alert"' in response.content.decode()
    schedule.refresh_from_db()
    assert (schedule.scope, schedule.kind, schedule.fmt) == ("network", "monthly", "xlsx")

    assert inspector.post(url, change).status_code == 302
    schedule.refresh_from_db()
    assert (schedule.scope, schedule.library_id, schedule.kind, schedule.fmt) == (
        "library", world.commune_a.pk, "annual", "pdf"
    )
    assert schedule.recipients == ["so-vh@example.vn", "truong-phong@example.vn"]
    entry = AuditEntry.objects.get(action="oversight.report_schedule.changed")
    assert entry.actor_id == world.users["hy_oversight"].pk
    assert entry.changes["kind"] == ["monthly", "annual"]
    assert entry.changes["library"] == [None, world.commune_a.code]

    # Other roles of the network are refused; another network's inspector finds nothing.
    for username, library in (("tinh_library_admin", world.provincial),
                              ("tinh_cataloguer", world.provincial),
                              ("tienlu_library_admin", world.commune_a)):  # fmt: skip
        other = staff_client(world.users[username], library)
        assert other.get(url).status_code == 403
        assert other.post(url, {**change, "kind": "monthly"}).status_code == 403
        assert other.post("/staff/oversight/reports/schedule/", change).status_code == 403
    with scopes_disabled():
        bn_inspector = User.objects.create_user(username="bn_oversight", full_name="Thanh tra BN",
                                                password="mat-khau-dai-123")  # fmt: skip
        Membership.objects.create(user=bn_inspector, network=world.bac_ninh,
                                  role=Role.objects.get(code="oversight_officer"))  # fmt: skip
    stranger = staff_client(bn_inspector, world.bn_provincial)
    assert stranger.get(url).status_code == 404
    assert stranger.post(url, {**change, "kind": "monthly"}).status_code == 404
    schedule.refresh_from_db()
    assert schedule.kind == "annual"
    assert AuditEntry.objects.filter(action="oversight.report_schedule.changed").count() == 1
