"""Which user-supplied URLs may become links.

A URL typed by a person (a record's 856 $u, a library's website, a featured collection's link)
is rendered as a link only when its scheme is one a browser opens as a page or a mail: http,
https, mailto and ftp. Anything else (``javascript:``, ``data:``, ``vbscript:``, a scheme hidden
behind spaces, control characters, HTML entities or mixed case) is shown as plain text. Browsers
strip leading spaces and control characters and drop tabs and newlines anywhere in a URL before
they read the scheme, so the check does the same on the text as the browser will see it.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})

# What the WHATWG URL parser removes before it reads a scheme: leading and trailing C0 controls
# and spaces, and every ASCII tab or newline anywhere.
_STRIP_EDGES = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_is_safe(url: object) -> bool:
    """True if ``url`` is a relative link or an absolute one with a safe scheme."""
    if not isinstance(url, str) or not url:
        return False
    # An entity-encoded scheme (``&#106;avascript:``) is decoded by the HTML parser before the
    # URL parser sees it; unescape (twice, for a value escaped once more on the way in).
    text = html.unescape(html.unescape(url))
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text.strip(_STRIP_EDGES)
           if ch not in "\t\n\r"):
        return False
    text = _TAB_NEWLINE.sub("", text.strip(_STRIP_EDGES))
    if not text:
        return False
    match = _SCHEME.match(text)
    if match is None:
        # No scheme: a relative link ("/search/", "?page=2"). A colon before any "/", "?" or "#"
        # would be read as a scheme by some parser: refuse it rather than guess.
        head = re.split(r"[/?#]", text, maxsplit=1)[0]
        return ":" not in head and not text.startswith("\\")
    return match.group(1).lower() in SAFE_SCHEMES


def safe_url(url: object) -> str:
    """``url`` stripped as a browser would read it if it is safe, else an empty string."""
    if not url_is_safe(url):
        return ""
    return str(url).strip(_STRIP_EDGES)
