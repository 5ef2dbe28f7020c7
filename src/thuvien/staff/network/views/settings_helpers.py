"""Saving a settings form: every value is checked first, then all are written at once."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from thuvien.network import services
from thuvien.network.errors import NetworkError


def save_settings(form: Any, *, actor: Any, library: Any = None, network: Any = None) -> bool:
    """Write the form's settings in one transaction; False (and field errors) if any is bad."""
    try:
        with transaction.atomic():
            errors = False
            for key, definition in form.definitions.items():
                raw = form.cleaned_data.get(key, "")
                try:
                    if raw in ("", None):
                        services.setting_clear(
                            key=key, library=library, network=network, actor=actor
                        )
                    else:
                        services.setting_coerce(definition, raw)
                        services.setting_set(
                            key=key, value=raw, library=library, network=network, actor=actor
                        )
                except NetworkError as exc:
                    form.add_error(key, exc.message)
                    errors = True
            if errors:
                raise _Rollback
    except _Rollback:
        return False
    return True


class _Rollback(Exception):
    """Undo the settings already written when a later one is bad: all or nothing."""
