"""``thuvien restore [DIR|SNAPSHOT]``: put a backup into this (empty) installation, bring the
schema up to this version, make again any page derivative the backup lacks (from the masters),
rebuild the search index (records, pages, "did you mean") and the nearest-neighbour files of
meaning-based search (from the vectors in the database), and queue again the OCR of the pages
that were waiting for it (the queue is not in a backup)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thuvien.backup.derivatives import (
    derivatives_rebuild,
    ocr_requeue_pending,
    pages_missing_derivatives,
)
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
            "--skip-reindex",
            action="store_true",
            help="Không dựng lại chỉ mục tìm kiếm và chỉ mục véc-tơ (chạy reindex, ai_embed "
            "--rebuild-index sau).",
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
        # The snapshot carries the derivatives; a page without its pyramid (a backup taken
        # before it did, one that lost files) is made again from its master, or no tile, image
        # or PDF of it could be served.
        missing = pages_missing_derivatives()
        if missing:
            say(_("Tạo lại ảnh của %(n)d trang từ bản gốc") % {"n": len(missing)})
        made = derivatives_rebuild(missing)
        result["derivatives_rebuilt"] = made["rebuilt"]
        if made["failed"]:
            result["derivatives_failed"] = made["failed"]
            self.stderr.write(
                _("Không tạo lại được ảnh của %(n)d trang (bản gốc thiếu hoặc hỏng): %(pages)s")
                % {"n": len(made["failed"]), "pages": "; ".join(made["failed"][:20])}
            )
        say(_("Xếp lại việc nhận dạng chữ (OCR) đang chờ"))
        result["ocr_queued"] = ocr_requeue_pending()
        if not options["skip_reindex"]:
            say("reindex")
            call_command("reindex", verbosity=0)
            if settings.AI_EMBEDDINGS:
                # the vectors are in the database; their nearest-neighbour files are not
                say("ai_embed --rebuild-index")
                call_command("ai_embed", "--rebuild-index", "--limit", "0", stdout=io.StringIO())
        self.stdout.write(json.dumps(result, ensure_ascii=False))
