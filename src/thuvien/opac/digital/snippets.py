"""Full-text hits under a search result: the page and a snippet from a linked digital object,
with a link that opens the viewer at that page with the words highlighted. Only for objects
the reader may open (the snippet is part of the text): ``search.fulltext`` decides and finds."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote_plus

from django.urls import reverse
from django.utils.translation import gettext as _

from thuvien.search.fulltext import fulltext_hits


def fulltext_snippets(*, record_ids: list[int], q: str, user: Any, ip: str) -> dict[int, str]:
    out: dict[int, str] = {}
    quoted = quote_plus((q or "").strip()[:200])
    for record_id, hits in fulltext_hits(record_ids=record_ids, q=q, user=user, ip=ip).items():
        parts = []
        for hit in hits:
            url = reverse("opac_digital:viewer", args=[hit.obj_id])
            label = _("Trang %(n)s") % {"n": hit.seq}
            parts.append(
                f'<p class="snippet"><a href="{url}?q={quoted}&amp;page={hit.seq}">'
                f"{escape(label)}</a>: {escape(hit.snippet)}</p>"
            )
        out[record_id] = "\n    ".join(parts)
    return out
