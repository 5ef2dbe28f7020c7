"""``{% allowed "app:name" arg ... method="POST" as may %}``: may the person use that page?

The answer comes from the view's own declaration (``permissions.view_allowed``), so a template
never keeps a second copy of who may do what: a button is shown only when pressing it works.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from ..permissions import view_allowed

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context: Any, url_name: str, *args: Any, method: str = "GET") -> bool:
    request = context.get("request")
    if request is None:
        return False
    try:
        path = reverse(url_name, args=args)
    except NoReverseMatch:
        return False
    return view_allowed(request, path, method=method)
