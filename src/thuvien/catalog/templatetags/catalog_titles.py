"""``{% load catalog_titles %}{{ record.title|shown_title }}``: a record's title, or "[Không
nhan đề]" in the page's language for a record that has none (``catalog.titles``)."""

from __future__ import annotations

from django import template

from thuvien.catalog import titles

register = template.Library()


@register.filter
def shown_title(title: str | None) -> str:
    return titles.shown_title(title)
