"""``thuvien reindex``: rebuild the search index from the database (the source of truth)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thuvien.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Dựng lại toàn bộ chỉ mục tìm kiếm từ cơ sở dữ liệu."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--threads", type=int, default=0, help="Số luồng ghi chỉ mục (0 = tự chọn)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(n: int) -> None:
            self.stdout.write(f"  {n} biểu ghi…")

        stats = reindex_all(threads=options["threads"], progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã lập chỉ mục {int(stats['documents'])} biểu ghi "
                f"trong {stats['seconds']:.1f} giây."
            )
        )
