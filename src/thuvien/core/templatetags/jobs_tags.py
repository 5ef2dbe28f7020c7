"""``{{ job|job_title }}``, ``{{ job|job_message }}``: a job's stored words in the page's
language (``core.stored_text``)."""

from __future__ import annotations

from typing import Any

from django import template

from ..stored_text import stored_text

register = template.Library()


@register.filter
def job_title(job: Any) -> str:
    return stored_text(job.title, "jobs")


@register.filter
def job_message(job: Any) -> str:
    return stored_text(job.message, "jobs")
