"""``thuvien reindex``: rebuild the search index from the database (the source of truth)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thuvien.core.progress import is_terminal, progress_bar
from thuvien.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Dựng lại toàn bộ chỉ mục tìm kiếm từ cơ sở dữ liệu."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--threads", type=int, default=0, help="Số luồng ghi chỉ mục (0 = tự chọn)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="Số tiến trình dựng tài liệu (0 = tự chọn theo số nhân, 1 = không song song).",
        )
        parser.add_argument(
            "--min-parallel",
            type=int,
            default=None,
            help="Chỉ dựng song song khi có từ chừng này biểu ghi trở lên.",
        )
        parser.add_argument(
            "--pages",
            action="store_true",
            help="Chỉ dựng lại chỉ mục trang và mô tả của tài liệu số (thư viện số).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["pages"]:
            import time

            from thuvien.search.fulltext import reindex_pages

            started = time.perf_counter()
            pages = reindex_pages()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã lập chỉ mục {pages} trang tài liệu số "
                    f"trong {time.perf_counter() - started:.1f} giây."
                )
            )
            return
        bar = progress_bar(total=0, desc="Lập chỉ mục", enabled=False)
        if options["verbosity"] and is_terminal():
            from thuvien.catalog.models import Record

            bar = progress_bar(
                total=Record.objects.filter(is_deleted=False).count(), desc="Lập chỉ mục"
            )

        def progress(n: int) -> None:
            if bar.shown:
                bar.to(n)
            elif options["verbosity"] > 1 or n % 100_000 == 0:
                self.stdout.write(f"  {n} biểu ghi…")

        with bar:
            stats = reindex_all(
                threads=options["threads"],
                workers=options["workers"],
                min_parallel=options["min_parallel"],
                progress=progress,
                progress_every=1000 if bar.shown else 100_000,
            )
            bar.to(int(stats["documents"]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã lập chỉ mục {int(stats['documents'])} biểu ghi "
                f"trong {stats['seconds']:.1f} giây."
            )
        )
