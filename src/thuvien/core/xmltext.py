"""Text that is always safe in an XML 1.0 document: the one helper every XML writer uses.

XML 1.0 allows only tab, line feed, carriage return and the characters from U+0020 up
(without the surrogates, U+FFFE and U+FFFF). A single ESC (U+001B) left in a record makes a
whole MARCXML export, OAI-PMH response or SRU response unreadable by every parser, so the
writers never put text into a document except through ``xml_text`` / ``xml_attr``, which drop
such characters before escaping. The services drop them before storing (``strip_controls``) and
report it; the writers' own pass is the guarantee that no document is ever invalid.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

# everything XML 1.0 forbids in character data (section 2.2, production [2])
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def has_controls(text: str) -> bool:
    """True when ``text`` holds a character that XML 1.0 does not allow."""
    return _NOT_XML.search(text) is not None


def strip_controls(text: str) -> str:
    """``text`` without the characters XML 1.0 does not allow (tab, LF and CR stay)."""
    return _NOT_XML.sub("", text)


def xml_text(text: object) -> str:
    """``text`` as XML character data: forbidden characters dropped, ``& < >`` escaped."""
    value = str(text)
    if _NOT_XML.search(value):
        value = _NOT_XML.sub("", value)
    return escape(value)


def xml_attr(text: object) -> str:
    """``text`` as a quoted XML attribute value (quotes included), forbidden characters dropped."""
    value = str(text)
    if _NOT_XML.search(value):
        value = _NOT_XML.sub("", value)
    return quoteattr(value)
