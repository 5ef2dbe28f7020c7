"""Texts the system stored in the language of the moment, shown in the reader's language.

A job's title ("Nhập biểu ghi MARC: sach.mrc"), its progress message, a fee's description
("Quá hạn 3 ngày: DM001") are written once, when the work happens, in the language then
active, usually Vietnamese. A second English column would go stale and double every write;
instead each app declares the message ids it stores (``register_stored_messages``), and the
page reads the stored text back against them and writes it again in its own language: the
message catalogues already hold every translation. A text that matches no declared message
(a name a person typed) is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext

_PLACEHOLDER = re.compile(r"%\((\w+)\)([ds])")
_MESSAGES: dict[str, list[str]] = {}
_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
LANGUAGES = ("vi", "en")


def register_stored_messages(group: str, msgids: Iterable[str]) -> None:
    """Declare message ids whose rendered text is stored (``group``: "jobs", "fees")."""
    known = _MESSAGES.setdefault(group, [])
    for msgid in msgids:
        if msgid not in known:
            known.append(msgid)
    _PATTERNS.pop(group, None)


def _pattern(text: str) -> re.Pattern[str]:
    out, pos = [], 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(re.escape(text[pos : m.start()]))
        out.append(f"(?P<{m.group(1)}>\\d+)" if m.group(2) == "d" else f"(?P<{m.group(1)}>.+?)")
        pos = m.end()
    out.append(re.escape(text[pos:]))
    # A generated text may be followed by what a person added (": note").
    return re.compile("^" + "".join(out) + r"(?P<rest_>: .*)?$", re.DOTALL)


def _patterns(group: str) -> list[tuple[str, re.Pattern[str]]]:
    found = _PATTERNS.get(group)
    if found is None:
        found = []
        # Longest first: "Nhập biểu ghi MARC: %(name)s" before "Nhập biểu ghi MARC".
        for msgid in sorted(_MESSAGES.get(group, []), key=len, reverse=True):
            for language in LANGUAGES:
                with translation.override(language):
                    found.append((msgid, _pattern(gettext(msgid))))
        _PATTERNS[group] = found
    return found


def stored_text(text: str | None, group: str) -> str:
    """``text`` in the active language when it is one of ``group``'s declared messages."""
    text = text or ""
    for msgid, pattern in _patterns(group):
        m = pattern.match(text)
        if m is None:
            continue
        values: dict[str, object] = {k: v for k, v in m.groupdict().items() if k != "rest_"}
        for name, kind in _PLACEHOLDER.findall(msgid):
            if kind == "d":
                values[name] = int(str(values[name]))
        return gettext(msgid) % values + (m.group("rest_") or "")
    return text
