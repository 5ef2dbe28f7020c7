"""Saving a settings form through the network's ``settings_save`` (all or nothing)."""

from __future__ import annotations

from typing import Any

from thuvien.network import services
from thuvien.network.errors import NetworkError, NetworkErrorCode
from thuvien.staff.forms_flow import form_error


def save_settings(form: Any, *, actor: Any, library: Any = None, network: Any = None) -> bool:
    """Save the form's settings; False (and the errors on the form's fields) if any is bad."""
    values = {key: form.cleaned_data.get(key, "") for key in form.definitions}
    try:
        services.settings_save(values=values, actor=actor, library=library, network=network)
    except NetworkError as exc:
        if exc.code == NetworkErrorCode.SETTINGS_INVALID:
            for key, message in exc.params["errors"].items():
                form.add_error(key, message)
        else:
            form_error(form, exc)
        return False
    return True
