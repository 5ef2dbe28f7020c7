"""Full-text hits under a search result: the page and a snippet from a linked digital object,
with a link that opens the viewer at that page with the words highlighted. Only for objects
the reader may open (the snippet is part of the text)."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote_plus

from django.urls import reverse
from django.utils.translation import gettext as _

from thuvien.digital.access import Decision, access_decide
from thuvien.digital.selectors import objects_for_records, page_hits


def fulltext_snippets(*, record_ids: list[int], q: str, user: Any, ip: str) -> dict[int, str]:
    q = (q or "").strip()[:200]
    if not q or ":" in q:
        return {}
    out: dict[int, str] = {}
    for record_id, objects in objects_for_records(record_ids).items():
        parts = []
        for obj in objects:
            if access_decide(obj=obj, user=user, ip=ip) is not Decision.ALLOW:
                continue
            url = reverse("opac_digital:viewer", args=[obj.pk])
            for hit in page_hits(obj=obj, query=q, limit=2):
                label = _("Trang %(n)s") % {"n": hit.seq}
                parts.append(
                    f'<p class="snippet"><a href="{url}?q={quote_plus(q)}&amp;page={hit.seq}">'
                    f"{escape(label)}</a>: {escape(hit.snippet)}</p>"
                )
        if parts:
            out[record_id] = "\n    ".join(parts)
    return out
