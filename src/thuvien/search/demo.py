"""Demo step 25: after the catalogue (step 20) is in, build the index from it."""

from __future__ import annotations

from thuvien.core.demo import DemoContext
from thuvien.core.outbox import outbox_drain

from .indexing import reindex_all


def demo_search(ctx: DemoContext) -> None:
    """Rebuild the index (idempotent) and drop the outbox rows the catalogue step left."""
    stats = reindex_all(progress=lambda n: ctx.say(f"  tìm kiếm: {n} biểu ghi đã lập chỉ mục"))
    outbox_drain()
    ctx.say(f"Tìm kiếm: {int(stats['documents'])} biểu ghi trong {stats['seconds']:.1f} giây")
