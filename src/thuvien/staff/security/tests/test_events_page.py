"""The security events page: a network administrator sees the attacks on their network (a
wrong second factor, a lock-out, a refused upload, a burst of denied pages, a failed backup),
never another network's; nobody else may open it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from thuvien.accounts.security import login_failure_record, second_factor_failure_record
from thuvien.accounts.tasks import security_alerts_send
from thuvien.core.audit import audit_record
from thuvien.screening import ScreeningRefused, screen_upload
from thuvien.testing.clamav import EICAR

pytestmark = pytest.mark.django_db


def _refused_upload(tmp_path, world, library, user_name="tinh_cataloguer"):
    path = tmp_path / "sach.mrc"
    path.write_bytes(EICAR)
    with pytest.raises(ScreeningRefused):
        screen_upload(
            path, purpose="marc_import", declared_name="sach.mrc",
            allowed_kinds=frozenset({"marc"}), library_id=library.pk,
            actor_id=world.users[user_name].pk,
        )  # fmt: skip


def test_network_admin_sees_the_events_of_the_network_only(
    world, staff_client, clamav, tmp_path, settings
):
    cataloguer = world.users["tinh_cataloguer"]
    for _ in range(settings.THUVIEN_LOGIN_MAX_FAILURES):
        second_factor_failure_record(user=cataloguer)  # five wrong codes lock the account
    _refused_upload(tmp_path, world, world.provincial)
    audit_record(actor=None, action="backup.failed", network=world.hung_yen,
                 changes={"error": "disk full"})  # fmt: skip
    # Bắc Ninh's events stay out of Hưng Yên's page.
    bn_user = world.users["bn_cataloguer"]
    login_failure_record(user=bn_user)
    for _ in range(settings.THUVIEN_LOGIN_MAX_FAILURES):
        second_factor_failure_record(user=bn_user)
    _refused_upload(tmp_path, world, world.bn_provincial, "bn_cataloguer")

    client = staff_client(world.users["hy_admin"], world.provincial)
    response = client.get(reverse("security:events"))
    assert response.status_code == 200
    counts = {c.code: c.count for c in response.context["counts"]}
    assert counts == {"lockout": 1, "second_factor": 5, "upload": 1, "permission": 0,
                      "backup": 1}  # fmt: skip
    page = response.content.decode()
    assert "Nhập sai mã xác thực hai bước" in page and "sach.mrc" in page
    assert "Tệp có mã độc" in page
    assert len(response.context["quarantined"]) == 1
    assert str(world.bn_provincial.name_vi) not in page


def test_only_network_administrators_open_the_page(world, staff_client):
    for name in ("tinh_library_admin", "tinh_cataloguer", "hy_oversight"):
        client = staff_client(world.users[name], world.provincial)
        assert client.get(reverse("security:events")).status_code == 403, name


def test_a_burst_of_denied_pages_is_one_event(world, staff_client, settings):
    settings.THUVIEN_PERMISSION_DENIED_BURST = 5
    client = staff_client(world.users["tinh_circulation"], world.provincial)
    for _ in range(12):
        assert client.get(reverse("security:events")).status_code == 403
    admin = staff_client(world.users["hy_admin"], world.provincial)
    response = admin.get(reverse("security:events"))
    counts = {c.code: c.count for c in response.context["counts"]}
    assert counts["permission"] == 1
    assert "Bị từ chối truy cập nhiều lần liên tiếp" in response.content.decode()


def test_the_worker_mails_the_network_admins_once_per_quiet_period(
    world, clamav, tmp_path, settings
):
    settings.THUVIEN_SECURITY_ALERT_BURST = 3
    admin = world.users["hy_admin"]
    second_factor_failure_record(user=world.users["tinh_cataloguer"])
    second_factor_failure_record(user=world.users["tinh_cataloguer"])
    assert security_alerts_send.call_local() == 0  # two events: no burst yet
    assert mail.outbox == []
    second_factor_failure_record(user=world.users["tinh_cataloguer"])
    assert security_alerts_send.call_local() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin.email]
    assert "Cảnh báo an ninh" in message.subject and "Hưng Yên" in message.subject
    assert "Sai mã xác thực hai bước: 3" in message.body
    assert "Failed second-factor codes: 3" in message.body  # the English half
    # More events within the hour: no second mail (throttled).
    for _ in range(5):
        second_factor_failure_record(user=world.users["tinh_cataloguer"])
    assert security_alerts_send.call_local() == 0 and len(mail.outbox) == 1


def test_malware_alerts_at_once(world, clamav, tmp_path):
    _refused_upload(tmp_path, world, world.provincial)
    assert security_alerts_send.call_local() == 1
    assert "1 sự kiện cần xử lý ngay" in mail.outbox[0].body
