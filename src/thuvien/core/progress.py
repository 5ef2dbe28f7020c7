"""Progress bars for long commands (import-marc, export-marc, reindex, demo-data).

On a terminal a bar shows how far the work is, its rate and the time left (tqdm, drawn on
stderr so that stdout can carry data, as ``export-marc`` does). In a pipe, a log file or cron
nothing is drawn: the command prints only its summary.
"""

from __future__ import annotations

import sys
from typing import IO, Any

BAR_FORMAT = (
    "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}, còn {remaining}, {rate_fmt}]"
)
BAR_FORMAT_UNKNOWN_TOTAL = "{desc}: {n_fmt} [{elapsed}, {rate_fmt}]"


class Progress:
    """A bar that advances to an absolute count; does nothing when not on a terminal."""

    def __init__(self, bar: Any | None) -> None:
        self._bar = bar

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def to(self, done: int) -> None:
        """Move the bar to ``done`` units (callbacks report running totals)."""
        if self._bar is not None and done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def add(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_terminal(stream: IO[str] | None = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_bar(
    *,
    total: int | None,
    desc: str,
    unit: str = " biểu ghi",
    stream: IO[str] | None = None,
    enabled: bool | None = None,
) -> Progress:
    """A bar on ``stream`` (stderr) when it is a terminal (or ``enabled``), else a no-op."""
    stream = stream if stream is not None else sys.stderr
    if enabled is None:
        enabled = is_terminal(stream)
    if not enabled:
        return Progress(None)
    from tqdm import tqdm

    bar = tqdm(
        total=total or None,
        desc=desc,
        unit=unit,
        file=stream,
        dynamic_ncols=True,
        mininterval=0.25,
        smoothing=0.1,
        bar_format=BAR_FORMAT if total else BAR_FORMAT_UNKNOWN_TOTAL,
    )
    return Progress(bar)
