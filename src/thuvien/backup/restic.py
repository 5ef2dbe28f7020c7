"""restic, the encrypted and deduplicating backup program from Debian, driven as a subprocess.

Every backup is one restic snapshot of three directories: the staging directory (the database
dump, the manifest, the settings that are not secrets), the storage root (media and digitised
masters) and the digital library's derivatives (pyramids, thumbnails, cached PDFs). restic
encrypts with a key derived from the repository password, which the operator holds
(``THUVIEN_BACKUP_PASSWORD_FILE`` or ``THUVIEN_BACKUP_PASSWORD``); it sends only new chunks,
so masters and pyramids are copied once. A snapshot is written last: a backup killed half-way
leaves the earlier snapshots as they were (restic's own guarantee).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import BackupError, BackupErrorCode

HOST = "thuvien"  # a fixed host name: the previous snapshot is found after a machine change
TAG = "thuvien"


def password_env() -> dict[str, str]:
    key_file = (settings.BACKUP_PASSWORD_FILE or "").strip()
    password = os.environ.get("THUVIEN_BACKUP_PASSWORD", "")
    if key_file:
        if not Path(key_file).is_file():
            raise BackupError(
                BackupErrorCode.NOT_CONFIGURED,
                _("Không đọc được tệp khoá sao lưu %(path)s (THUVIEN_BACKUP_PASSWORD_FILE).")
                % {"path": key_file},
            )
        return {"RESTIC_PASSWORD_FILE": key_file}
    if password:
        return {"RESTIC_PASSWORD": password}
    raise BackupError(
        BackupErrorCode.NOT_CONFIGURED,
        _(
            "Chưa cấu hình khoá sao lưu: đặt THUVIEN_BACKUP_PASSWORD_FILE (tệp khoá) hoặc "
            "THUVIEN_BACKUP_PASSWORD."
        ),
    )


def configured() -> bool:
    try:
        password_env()
    except BackupError:
        return False
    return True


class Restic:
    def __init__(self, repository: str | None = None) -> None:
        self.repository = str(repository or settings.BACKUP_REPOSITORY)
        self.binary = shutil.which(settings.BACKUP_RESTIC) or ""
        if not self.binary:
            raise BackupError(
                BackupErrorCode.TOOL_MISSING,
                _("Không tìm thấy chương trình restic (cài gói restic của Debian)."),
            )

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RESTIC_")}
        env.update(password_env())
        env["RESTIC_REPOSITORY"] = self.repository
        env.setdefault("RESTIC_CACHE_DIR", str(Path(settings.DATA_DIR) / "restic-cache"))
        return env

    def run(
        self, *args: str, cwd: str | None = None, check: bool = True, timeout: float | None = None
    ) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [self.binary, "--quiet", *args],
            env=self.env(),
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise BackupError(
                BackupErrorCode.TOOL_FAILED,
                _("restic %(cmd)s thất bại: %(err)s")
                % {"cmd": args[0], "err": (proc.stderr or proc.stdout).strip()[-2000:]},
            )
        return proc

    def exists(self) -> bool:
        return self.run("cat", "config", check=False).returncode == 0

    def ensure(self) -> None:
        """Create the repository the first time (a local path or any restic URL)."""
        if self.exists():
            return
        if "://" not in self.repository and ":" not in self.repository.split("/")[0]:
            Path(self.repository).mkdir(parents=True, exist_ok=True)
        self.run("init")

    def unlock(self) -> None:
        """Remove the locks of restic processes that no longer run (a backup killed by -9)."""
        self.run("unlock", check=False)

    def backup(self, paths: list[str], *, excludes: tuple[str, ...] = ()) -> str:
        options = [f"--exclude={pattern}" for pattern in excludes]
        proc = self.run("backup", "--json", "--host", HOST, "--tag", TAG, *options, *paths)
        for line in reversed(proc.stdout.splitlines()):
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if msg.get("message_type") == "summary":
                return str(msg["snapshot_id"])
        raise BackupError(BackupErrorCode.TOOL_FAILED, _("restic không báo mã bản sao lưu."))

    def snapshots(self) -> list[dict[str, Any]]:
        proc = self.run("snapshots", "--json", "--tag", TAG)
        snaps = json.loads(proc.stdout or "[]") or []
        return sorted(snaps, key=lambda s: s["time"])

    def snapshot(self, ref: str = "latest") -> dict[str, Any]:
        snaps = self.snapshots()
        if not snaps:
            raise BackupError(BackupErrorCode.NO_SNAPSHOT, _("Kho sao lưu chưa có bản nào."))
        if ref == "latest":
            return snaps[-1]
        for snap in snaps:
            if snap["id"].startswith(ref) or snap.get("short_id") == ref:
                return snap
        raise BackupError(
            BackupErrorCode.NO_SNAPSHOT, _("Không có bản sao lưu %(ref)s.") % {"ref": ref}
        )

    def restore(self, snapshot_id: str, target: Path) -> None:
        self.run("restore", snapshot_id, "--target", str(target))

    def forget(self, *, daily: int, weekly: int, monthly: int) -> None:
        self.unlock()
        self.run(
            "forget",
            "--tag",
            TAG,
            "--host",
            HOST,
            "--keep-daily",
            str(daily),
            "--keep-weekly",
            str(weekly),
            "--keep-monthly",
            str(monthly),
            "--prune",
        )

    def check(self) -> None:
        self.run("check")
