"""A public page's frame (``base.html`` around its content) rendered once per language.

Why: for an anonymous reader everything ``base.html`` draws around a page's content is the
same on every request except the CSRF token and the current path (the language switch's
``next``). The template engine still walked ~60 nodes (translations, static URLs, URL
reversing, the user and message checks) for it: ~0.7 ms of CPU on every result page. Here the
page template is rendered once per process and language with markers in place of the
per-request values; each request fills the markers in. What is kept is the template's own
output for a visitor with no session state, never a request's data.

When the frame cannot be reused the page is rendered by the template engine as before:
DEBUG (templates may change on disk), a logged-in person (their name, staff menu), messages
waiting to be shown, or a template that reads anything else from the request or context
(rendering the frame raises ``_Unsupported`` and the page falls back for good). Tests compare
both renderings (``opac/tests/test_shell.py``).
"""

from __future__ import annotations

import logging
import re
import threading
from html import escape
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import Context
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.translation import get_language, get_language_bidi

from thuvien.core.site import site_name

log = logging.getLogger(__name__)

# Markers: lowercase words between NULs, so that a filter applied to one (upper, truncate,
# slugify ...) changes it and the frame is refused rather than filled wrongly.
_MARK = "\x00{}\x00"
_SPLIT = re.compile("\x00([a-z_]+)\x00")
_KEYS = ("title", "content", "csrf_token", "path")

_frames: dict[tuple[str, str, str], list[str] | None] = {}
_lock = threading.Lock()


class _Unsupported(Exception):  # noqa: N818 - private signal, never leaves this module
    """The template reads something the frame does not provide."""


class _StrictContext(Context):
    def __getitem__(self, key: str) -> Any:
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        raise _Unsupported(key)


class _FrameRequest:
    """Stands for the request while the frame is rendered: only the current path."""

    def get_full_path(self) -> str:
        return _MARK.format("path")

    def __getattr__(self, name: str) -> Any:
        raise _Unsupported(f"request.{name}")


@receiver(setting_changed)
def _forget_frames(**kwargs: Any) -> None:
    _frames.clear()  # templates, languages or the site name may differ now


def _build(template_name: str) -> list[str] | None:
    """The template's output split at the markers: text, key, text, key, ..., text."""
    language = get_language() or settings.LANGUAGE_CODE
    values = {
        "title": _MARK.format("title"),
        "content": _MARK.format("content"),
        "csrf_token": _MARK.format("csrf_token"),
        "request": _FrameRequest(),
        # What the context processors give an anonymous visitor outside /staff/.
        "user": AnonymousUser(),
        "messages": [],
        "LANGUAGES": settings.LANGUAGES,
        "LANGUAGE_CODE": language,
        "LANGUAGE_BIDI": get_language_bidi(),
        "THUVIEN_SITE_NAME": site_name(),
        "active_library": None,
        "staff_libraries": (),
        "capabilities": frozenset(),
    }
    template = get_template(template_name).template  # the engine's Template, not the backend's
    try:
        html = template.render(_StrictContext(values, autoescape=True))
    except _Unsupported as exc:
        log.warning(
            "page frame of %s not reusable (reads %s): rendered per request", template_name, exc
        )
        return None
    parts = _SPLIT.split(html)
    keys = parts[1::2]
    text = "".join(parts[::2])
    # a marker a filter changed (quoted: %00, escaped: &#x0;) would be left in the page as text
    altered = "\x00" in text or "%00" in text or "&#x0" in text.lower() or "&#0;" in text
    if altered or not set(keys) <= set(_KEYS) or "content" not in keys:
        log.warning("page frame of %s not reusable (a marker was altered)", template_name)
        return None
    return parts


def render_public(
    request: HttpRequest, template_name: str, *, title: str, content: str, context: dict
) -> HttpResponse:
    """``render(request, template_name, context)`` for a template whose blocks show only
    ``{{ title }}`` and ``{{ content }}`` of the page's own values.

    Both are escaped as the template escapes them (a ``SafeString`` is inserted as it is);
    ``context`` is used only when the page falls back to the template engine and must hold
    ``title`` and ``content``.
    """
    if settings.DEBUG or request.user.is_authenticated or len(get_messages(request)):
        return render(request, template_name, context)
    # URLs in the frame (static files, the language switch) start with the script prefix.
    key = (template_name, get_language() or settings.LANGUAGE_CODE, get_script_prefix())
    parts = _frames.get(key, False)
    if parts is False:
        with _lock:
            parts = _frames[key] = _build(template_name)
    if parts is None:
        return render(request, template_name, context)
    fill = {  # escaped as the template's ``{{ }}`` would: safe strings as they are
        "title": conditional_escape(title),
        "content": conditional_escape(content),
        "csrf_token": escape(get_token(request)),
        "path": escape(request.get_full_path()),
    }
    out = parts[:]
    for i in range(1, len(out), 2):
        out[i] = fill[out[i]]
    return HttpResponse("".join(out))
