"""The audit log in words: ``{{ entry|audit_action }}``, ``{{ entry|audit_object }}``,
``{% for label, text in entry|audit_changes %}``."""

from __future__ import annotations

from typing import Any

from django import template

from ..audit_actions import audit_action_label, audit_change_rows, audit_object_text

register = template.Library()


@register.filter
def audit_action(entry: Any) -> str:
    return audit_action_label(entry.action)


@register.filter
def audit_object(entry: Any) -> str:
    return audit_object_text(entry)


@register.filter
def audit_changes(entry: Any) -> list[tuple[str, str]]:
    return audit_change_rows(entry)
