"""The nightly backup as the worker runs it: a job, then its verification as a job of its own,
both on the network administrators' jobs page; a failure audited and e-mailed to them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core import mail

from thuvien.backup.tasks import BACKUP_KIND, VERIFY_KIND, backup_nightly, backup_schedule
from thuvien.core.models import AuditEntry, Job

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def configured(settings, tmp_path, monkeypatch):
    settings.BACKUP_REPOSITORY = str(tmp_path / "repo")
    settings.BACKUP_SCRATCH_DIR = str(tmp_path / "scratch")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "digital").mkdir(parents=True)
    (tmp_path / "media" / "digital" / "trang-1.tif").write_bytes(os.urandom(50_000))
    key = tmp_path / "key"
    key.write_text("khoa-cua-nguoi-van-hanh")
    settings.BACKUP_PASSWORD_FILE = str(key)
    monkeypatch.delenv("THUVIEN_BACKUP_PASSWORD", raising=False)
    return tmp_path


def test_the_schedule_backs_up_then_verifies_and_shows_both_jobs(
    configured, world, staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        backup_schedule()
    run = Job.objects.get(kind=BACKUP_KIND)
    assert run.status == Job.Status.DONE, run.error
    assert run.result["files"] == 1 and run.result["rows"] > 0
    verify = Job.objects.get(kind=VERIFY_KIND)
    assert verify.status == Job.Status.DONE, verify.error
    assert verify.result["snapshot"] == run.result["snapshot"]
    assert AuditEntry.objects.filter(action="backup.completed").exists()
    assert AuditEntry.objects.filter(action="backup.verified").exists()
    assert mail.outbox == []
    # The network administrator sees both on the jobs page; a librarian does not.
    page = staff_client(world.users["hy_admin"]).get("/staff/jobs/").content.decode()
    assert run.title in page and verify.title in page
    page = staff_client(world.users["tinh_cataloguer"], world.provincial).get("/staff/jobs/")
    assert run.title not in page.content.decode()


def test_a_failed_backup_is_audited_and_mailed(
    configured, world, settings, django_capture_on_commit_callbacks
):
    settings.BACKUP_PASSWORD_FILE = str(configured / "the-key-is-gone")
    with django_capture_on_commit_callbacks(execute=True):
        backup_nightly.call_local()
    entry = AuditEntry.objects.get(action="backup.failed")
    assert "THUVIEN_BACKUP_PASSWORD_FILE" in entry.changes["error"]
    assert [m.to for m in mail.outbox] == [["hy_admin@example.org"]]


def test_a_backup_that_does_not_restore_fails_its_verification(
    configured, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        backup_schedule(verify=False)
    assert Job.objects.get(kind=BACKUP_KIND).status == Job.Status.DONE
    # A disk flips bytes in the repository's data.
    packs = sorted(p for p in (Path(configured) / "repo" / "data").rglob("*") if p.is_file())
    victim = max(packs, key=lambda p: p.stat().st_size)
    raw = bytearray(victim.read_bytes())
    raw[len(raw) // 2 : len(raw) // 2 + 64] = os.urandom(64)
    victim.write_bytes(bytes(raw))
    from thuvien.core.jobs import job_enqueue

    with django_capture_on_commit_callbacks(execute=True):
        job_enqueue(kind=VERIFY_KIND, title="Kiểm tra", params={"snapshot": "latest"})
    verify = Job.objects.get(kind=VERIFY_KIND)
    assert verify.status == Job.Status.FAILED
    assert AuditEntry.objects.filter(action="backup.verify_failed").exists()
    assert len(mail.outbox) == 1 and "hy_admin@example.org" in mail.outbox[0].to
