"""Full-text hits under a search result: the page and a snippet from a linked digital object,
with a link that opens the viewer at that page with the words highlighted. Only for objects
the reader may open (the snippet is part of the text): ``search.fulltext`` decides and finds.

And the "Tài liệu số" section of the portal's result page: digitised objects linked to no
catalogue record (a linked one shows under its record) whose title, metadata or text hold the
words, with a link to all of them in the digital library's own search."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote_plus

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from thuvien.search.fulltext import digital_beside_results, fulltext_hits


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


def digital_section_html(*, q: str, user: Any, ip: str, start: int = 0) -> SafeString:
    """The result page's "Tài liệu số" section: objects without a record that the words find
    (on the first page of results only); empty when there are none."""
    if start:
        return mark_safe("")
    found = digital_beside_results(q=q, user=user, ip=ip)
    if not found.total:
        return mark_safe("")
    html = render_to_string("opac/digital/_in_search.html", {"q": q.strip()[:200], "found": found})
    return mark_safe(html)  # noqa: S308 - a template's output, escaped by it
