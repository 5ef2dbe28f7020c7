from typing import Any

from django.apps import AppConfig


def _override_words(key: str, value: Any) -> str:
    """The refusals an override passed over ("override": ["card_expired"]) in words, for the
    audit log (core cannot name circulation's codes; circulation is another team's room)."""
    if key != "override" or not isinstance(value, list) or not value:
        return ""
    from thuvien.circulation.errors import CirculationError, CirculationErrorCode

    codes = {code.value for code in CirculationErrorCode}
    if not all(isinstance(code, str) and code in codes for code in value):
        return ""
    return " ".join(CirculationError(CirculationErrorCode(code)).message for code in value)


class StaffConfig(AppConfig):
    name = "thuvien.staff"
    label = "staff"
    verbose_name = "Giao diện nghiệp vụ"

    def ready(self) -> None:
        from thuvien.core.audit_actions import audit_value_labellers

        audit_value_labellers.register(_override_words)
