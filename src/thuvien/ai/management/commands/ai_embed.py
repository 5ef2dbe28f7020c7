"""``thuvien ai-embed``: compute the meaning vectors of every record that needs one, now.

The worker does the same a little at a time every minute; this command is for a first run
after an import or a change of model, with a progress bar.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thuvien.core.progress import progress_bar


class Command(BaseCommand):
    help = "Tính véc-tơ ngữ nghĩa cho các biểu ghi chưa có hoặc đã sửa (Compute meaning vectors)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=None, help="at most this many records")
        parser.add_argument("--rebuild-index", action="store_true",
                            help="rewrite the nearest-neighbour index from stored vectors")

    def handle(self, *args: Any, **opts: Any) -> None:
        from thuvien.ai.selectors import stale_count
        from thuvien.ai.services import record_embeddings_refresh, vector_index_rebuild

        total = stale_count() if opts["limit"] is None else min(stale_count(), opts["limit"])
        with progress_bar(total=total, desc=_("Véc-tơ ngữ nghĩa")) as bar:
            done = record_embeddings_refresh(limit=opts["limit"], progress=bar.add)
        from thuvien.ai.passages import digital_passages_refresh, passage_index_rebuild

        passages = digital_passages_refresh()  # the digitised texts marked for reading
        if opts["rebuild_index"]:
            passage_index_rebuild()
        if passages:
            self.stdout.write(_("Đã đọc văn bản số hoá: %(n)d đoạn mới.") % {"n": passages})
        if opts["rebuild_index"] or done:
            count = vector_index_rebuild()
            self.stdout.write(_("Đã tính %(done)d véc-tơ; chỉ mục có %(count)d biểu ghi.")
                              % {"done": done, "count": count})
