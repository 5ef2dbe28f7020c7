"""Demo step 25: after the catalogue (step 20) is in, build the index from it."""

from __future__ import annotations

from thuvien.core.demo import DemoContext
from thuvien.core.outbox import outbox_drain
from thuvien.search.indexing import reindex_all


def demo_search(ctx: DemoContext) -> None:
    """Rebuild the index (idempotent) and drop the outbox rows the catalogue step left."""
    from thuvien.catalog.models import Record

    total = Record.objects.filter(is_deleted=False).count()
    with ctx.progress(total=total, desc="Lập chỉ mục") as bar:

        def progress(n: int) -> None:
            if bar.shown:
                bar.to(n)
            elif n % 100_000 == 0:
                ctx.say(f"  tìm kiếm: {n} biểu ghi đã lập chỉ mục")

        stats = reindex_all(progress=progress, progress_every=1000 if bar.shown else 100_000)
        bar.to(int(stats["documents"]))
    outbox_drain()
    ctx.say(f"Tìm kiếm: {int(stats['documents'])} biểu ghi trong {stats['seconds']:.1f} giây")
