"""``thuvien backup``: take an encrypted backup now (``--verify``: check the latest instead)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thuvien.backup.errors import BackupError
from thuvien.backup.services import backup_forget, backup_run, backup_verify
from thuvien.core.audit import audit_record


class Command(BaseCommand):
    help = (
        "Sao lưu CSDL, tệp (ảnh, bản số hoá) và cài đặt vào kho restic đã mã hoá; "
        "--verify: phục hồi thử bản mới nhất và so sánh."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            metavar="DIR",
            help="Kho sao lưu (mặc định THUVIEN_BACKUP_REPOSITORY).",
        )
        parser.add_argument(
            "--verify", action="store_true", help="Phục hồi thử vào thư mục tạm và so sánh."
        )
        parser.add_argument("--snapshot", default="latest", help="Bản cần kiểm tra (--verify).")
        parser.add_argument(
            "--forget",
            action="store_true",
            help="Sau khi sao lưu, bỏ các bản cũ theo chính sách giữ (ngày, tuần, tháng).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def say(msg: str) -> None:
            if options["verbosity"]:
                self.stderr.write(f"… {msg}")

        try:
            if options["verify"]:
                result = backup_verify(
                    snapshot=options["snapshot"], repository=options["output"], progress=say
                )
                audit_record(
                    actor=None, action="backup.verified", changes={"snapshot": result["snapshot"]}
                )
            else:
                result = backup_run(repository=options["output"], progress=say)
                if options["forget"]:
                    backup_forget(repository=options["output"])
                audit_record(
                    actor=None, action="backup.completed", changes={"snapshot": result["snapshot"]}
                )
        except BackupError as exc:
            action = "backup.verify_failed" if options["verify"] else "backup.failed"
            audit_record(actor=None, action=action, changes={"error": str(exc)[:500]})
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False))
        if options["verbosity"]:
            self.stderr.write(_("Xong.") + "")
