"""A fee's description in the language of the page that shows it.

Fees written by the system store their description through one of the message ids below
("Quá hạn %(days)d ngày: %(barcode)s"), in the language that was active when the fee was
charged. Rather than keep a second (English) column that would go stale, the text is read
back against the message ids and written again in the reader's language at render time, as
the message catalogues already hold every translation (Koha and FOLIO also derive fee lines
from their type codes). A description a person typed (a fee of kind "other") has no pattern
and is shown as typed.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

# Every message id a service uses to write a fee description. Add yours here.
FEE_DESCRIPTIONS = (
    gettext_noop("Quá hạn %(days)d ngày: %(barcode)s"),
    gettext_noop("Cấp lại thẻ %(card)s"),
    gettext_noop("Sao chụp %(pages)d trang"),
    gettext_noop("Cấp lại thẻ"),
)

_PLACEHOLDER = re.compile(r"%\((\w+)\)([ds])")


def _pattern(text: str) -> re.Pattern[str]:
    out, pos = [], 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(re.escape(text[pos : m.start()]))
        out.append(f"(?P<{m.group(1)}>\\d+)" if m.group(2) == "d" else f"(?P<{m.group(1)}>.+?)")
        pos = m.end()
    out.append(re.escape(text[pos:]))
    # A copying fee may carry the staff's note after the generated part.
    return re.compile("^" + "".join(out) + r"(?P<rest>: .*)?$", re.DOTALL)


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for msgid in FEE_DESCRIPTIONS:
        for language in ("vi", "en"):
            with translation.override(language):
                found.append((msgid, _pattern(gettext(msgid))))
    return found


def fee_description(fee: Any) -> str:
    """The fee's description in the active language."""
    text = fee.description or ""
    for msgid, pattern in _patterns():
        m = pattern.match(text)
        if m is None:
            continue
        values: dict[str, Any] = {k: v for k, v in m.groupdict().items() if k != "rest"}
        for name, kind in _PLACEHOLDER.findall(msgid):
            if kind == "d":
                values[name] = int(values[name])
        return gettext(msgid) % values + (m.group("rest") or "")
    return text
