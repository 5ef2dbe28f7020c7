"""A fee's description in the language of the page that shows it (see ``core.stored_text``).

Fees written by the system store their description through one of the message ids below, in
the language active when the fee was charged; the page writes it again in its own language.
A description a person typed (a fee of kind "other") has no pattern and is shown as typed.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from thuvien.core.stored_text import register_stored_messages, stored_text

# Every message id a service uses to write a fee description. Add yours here.
FEE_DESCRIPTIONS = (
    gettext_noop("Quá hạn %(days)d ngày: %(barcode)s"),
    gettext_noop("Cấp lại thẻ %(card)s"),
    gettext_noop("Sao chụp %(pages)d trang"),
    gettext_noop("Cấp lại thẻ"),
)
register_stored_messages("fees", FEE_DESCRIPTIONS)


def fee_description(fee: Any) -> str:
    """The fee's description in the active language."""
    return stored_text(fee.description, "fees")
