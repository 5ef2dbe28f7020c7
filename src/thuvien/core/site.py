"""The site's name as a person reads it."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext


def site_name() -> str:
    """``THUVIEN_SITE_NAME`` when the deployment names its site (a proper name, shown as it is in
    every language); otherwise the default name in the language of the page."""
    return getattr(settings, "THUVIEN_SITE_NAME", "") or gettext("Thư viện số")
