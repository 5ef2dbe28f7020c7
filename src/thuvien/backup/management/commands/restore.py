"""``thuvien restore [DIR|SNAPSHOT]``: put a backup into this (empty) installation, bring the
schema up to this version and rebuild the search index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from thuvien.backup.errors import BackupError
from thuvien.backup.services import backup_restore
from thuvien.core.audit import audit_record


class Command(BaseCommand):
    help = (
        "Phục hồi từ kho sao lưu (DIR) hoặc một bản (SNAPSHOT) vào cài đặt trống, rồi dựng lại "
        "chỉ mục tìm kiếm."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default="latest",
            help="Thư mục kho sao lưu (bản mới nhất), hoặc mã một bản trong kho đã cấu hình.",
        )
        parser.add_argument("--snapshot", default=None, help="Mã bản khi SOURCE là thư mục.")
        parser.add_argument(
            "--force", action="store_true", help="Ghi đè một cài đặt đã có dữ liệu."
        )
        parser.add_argument(
            "--skip-reindex", action="store_true", help="Không dựng lại chỉ mục tìm kiếm."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["source"]
        if Path(source).is_dir():
            repository, snapshot = source, options["snapshot"] or "latest"
        else:
            repository, snapshot = None, options["snapshot"] or source

        def say(msg: str) -> None:
            if options["verbosity"]:
                self.stderr.write(f"… {msg}")

        try:
            result = backup_restore(
                snapshot=snapshot, repository=repository, force=options["force"], progress=say
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        say("migrate")
        call_command("migrate", interactive=False, verbosity=0)
        audit_record(actor=None, action="backup.restored", changes={"snapshot": result["snapshot"]})
        if not options["skip_reindex"]:
            say("reindex")
            call_command("reindex", verbosity=0)
        self.stdout.write(json.dumps(result, ensure_ascii=False))
