"""Template helpers for links whose address a person typed (see thuvien.core.safeurl).

``{{ url|safe_link }}`` renders a link, or the address as plain text when its scheme is unsafe;
``{{ url|safe_link:"text" }}`` gives the link its own text; ``{% if url|url_is_safe %}`` tests.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from thuvien.core.safeurl import safe_url
from thuvien.core.safeurl import url_is_safe as _url_is_safe

register = template.Library()


@register.filter
def url_is_safe(url: object) -> bool:
    return _url_is_safe(url)


@register.filter
def safe_link(url: object, text: object = None) -> SafeString:
    shown = url if text in (None, "") else text
    href = safe_url(url)
    if not href:
        return format_html("{}", shown if shown is not None else "")
    return format_html('<a href="{}" rel="noopener nofollow">{}</a>', href, shown)


@register.filter
def safe_href(url: object) -> str:
    """The address for an ``href`` if it is safe, else an empty string."""
    return safe_url(url)
