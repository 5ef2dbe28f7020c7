"""A record without a title (its MARC has no 245 title): the catalogue stores an empty title,
never a placeholder as if catalogued, and every page shows "[Không nhan đề]" in its own
language ("[Untitled]") when it displays the record (``shown_title``, the ``shown_title``
template filter of ``{% load catalog_titles %}``)."""

from __future__ import annotations

from django.utils.translation import gettext

# what an import stored as the title of a record without one before the catalogue stored ""
# (catalog migration 0010 empties it where the MARC does not carry these words)
OLD_PLACEHOLDER = "[Không nhan đề]"


def shown_title(title: str | None) -> str:
    """The title to show: the record's, or the placeholder in the active language."""
    return title or gettext("[Không nhan đề]")
