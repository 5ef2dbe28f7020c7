"""Small rules of the backup: the settings kept leave secrets out; pg_dump must match the
server; a backup without a key is refused before anything is written."""

from __future__ import annotations

import pytest

from thuvien.backup import database as dbmod
from thuvien.backup.errors import BackupError, BackupErrorCode
from thuvien.backup.restic import password_env
from thuvien.backup.services import public_settings


def test_the_settings_kept_hold_no_secret(monkeypatch):
    monkeypatch.setenv("THUVIEN_SECRET_KEY", "s3cr3t-key-value")
    monkeypatch.setenv("THUVIEN_EMAIL_PASSWORD", "mail-pass-value")
    monkeypatch.setenv("THUVIEN_METRICS_TOKEN", "metrics-token-value")
    monkeypatch.setenv("THUVIEN_BACKUP_PASSWORD", "backup-pass-value")
    monkeypatch.setenv("THUVIEN_DATABASE_URL", "postgres://thuvien:db-pass-value@db:5432/thuvien")
    monkeypatch.setenv("THUVIEN_SITE_NAME", "Thư viện số Hưng Yên")
    kept = public_settings()
    text = repr(kept)
    for secret in ("s3cr3t", "mail-pass", "metrics-token", "backup-pass", "db-pass"):
        assert secret not in text
    assert kept["THUVIEN_DATABASE_URL"] == "postgres://thuvien@db:5432/thuvien"
    assert kept["THUVIEN_SITE_NAME"] == "Thư viện số Hưng Yên"


def test_pg_dump_older_than_the_server_is_refused():
    with pytest.raises(BackupError) as exc:
        dbmod.pg_tool("pg_dump", 99)  # no pg_dump 99 on this machine
    assert exc.value.code == BackupErrorCode.VERSION_MISMATCH
    assert "THUVIEN_PG_BIN_DIR" in str(exc.value)


def test_no_key_no_backup(settings, monkeypatch):
    settings.BACKUP_PASSWORD_FILE = ""
    monkeypatch.delenv("THUVIEN_BACKUP_PASSWORD", raising=False)
    with pytest.raises(BackupError) as exc:
        password_env()
    assert exc.value.code == BackupErrorCode.NOT_CONFIGURED
