"""Screening of every file that enters: real type, size and decompression limits, active content
in PDFs and Office files, archive bombs, and ClamAV. Refused files are quarantined and audited.

``screen_upload`` and ``ScreeningRefused`` are re-exported here lazily (importing the package
must not load models before Django is ready).
"""

from __future__ import annotations

from typing import Any

__all__ = ["ScreeningRefused", "ScreeningResult", "screen_upload"]


def __getattr__(name: str) -> Any:
    if name in ("screen_upload", "ScreeningResult"):
        from . import services

        return getattr(services, name)
    if name == "ScreeningRefused":
        from .errors import ScreeningRefused

        return ScreeningRefused
    raise AttributeError(name)
