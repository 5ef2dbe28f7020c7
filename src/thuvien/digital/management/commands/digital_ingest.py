"""``thuvien digital-ingest PATH... --library CODE``: folders, ZIPs, PDFs and page images."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from thuvien.core.scoping import scopes_disabled
from thuvien.digital.errors import DigitalError
from thuvien.network.models import Library


class Command(BaseCommand):
    help = (
        "Tiếp nhận tài liệu số: thư mục hoặc tệp ZIP ảnh trang (kèm CSV siêu dữ liệu), PDF. "
        "(Ingest digital objects: folders or ZIPs of page images with a metadata CSV, PDFs.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--library", required=True, help="mã thư viện sở hữu")
        parser.add_argument("--collection", help="mã bộ sưu tập")
        parser.add_argument("--title", help="nhan đề (khi chỉ có một tài liệu)")
        parser.add_argument("--access", help="open, registered, onsite, restricted, paid")
        parser.add_argument("--ocr", default="", help="ngôn ngữ nhận dạng chữ: vie, eng, fra...")
        parser.add_argument("--publish", action="store_true", help="công bố ngay")
        parser.add_argument(
            "--record",
            help="gắn với biểu ghi thư mục: số biểu ghi, ISBN hoặc số kiểm soát 001 "
                 "(id:, isbn:, 001: ở đầu để nói rõ); không có thì dùng cột record của CSV",
        )
        parser.add_argument("--background", action="store_true",
                            help="chạy như một tác vụ nền (theo dõi ở trang Tác vụ)")
        parser.add_argument("--language", choices=["vi", "en"], default="vi",
                            help="ngôn ngữ của bản tóm tắt (language of the summary)")

    def handle(self, *args, **opts) -> None:
        with scopes_disabled():
            library = Library.objects.filter(code=opts["library"]).first()
            if library is None:
                raise CommandError(f"Không có thư viện mã {opts['library']}")
            paths = [str(Path(p).resolve()) for p in opts["paths"]]
            if opts["record"]:  # a wrong record stops here, before a job or a file
                from thuvien.digital.services import record_resolve

                try:
                    record_resolve(opts["record"], library)
                except DigitalError as exc:
                    raise CommandError(exc.message) from exc
            if opts["background"]:
                from thuvien.digital.tasks import ingest_enqueue

                job = ingest_enqueue(library=library, paths=paths, title=opts["title"] or "",
                                     collection=opts["collection"] or "",
                                     access=opts["access"] or "", ocr=opts["ocr"],
                                     publish=opts["publish"], record=opts["record"] or "")
                self.stdout.write(f"job {job.pk}")
                return
            from thuvien.digital.services import digital_ingest

            def progress(done: int, total: int, name: str) -> None:
                if opts["verbosity"] > 0:
                    self.stderr.write(f"  {done}/{total} {name}")

            try:
                report = digital_ingest(
                    paths=[Path(p) for p in paths], library=library,
                    collection_code=opts["collection"], title=opts["title"],
                    access=opts["access"], ocr_language=opts["ocr"], publish=opts["publish"],
                    progress=progress, record=opts["record"],
                )
            except DigitalError as exc:
                raise CommandError(exc.message) from exc
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        if opts["verbosity"] > 0:  # the same in sentences: rows not ingested, and why
            with translation.override(opts["language"]):
                for line in report.summary():
                    self.stderr.write(line)
