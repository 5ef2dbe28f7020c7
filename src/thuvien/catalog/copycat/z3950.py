"""A Z39.50 client that drives YAZ's ``yaz-client`` (Debian package ``yaz``).

There is no maintained Python binding for Z39.50 on PyPI, so a search writes a small command
file (open, format, set_marcdump, find, show, quit), runs ``yaz-client -f`` under a time limit
and reads the records from the ISO 2709 dump file; the hit count and any diagnostics come from
its text output. Queries are PQF with Bib-1 use attributes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pymarc
from django.utils.translation import gettext, gettext_noop

from .errors import CopycatError, CopycatErrorCode
from .targets import Target

YAZ_CLIENT = "yaz-client"
BIB1_USE = {"any": 1016, "title": 4, "author": 1003, "subject": 21, "isbn": 7, "issn": 8}
_HITS = re.compile(r"Number of hits:\s*(\d+)")
_DIAG = re.compile(r"\[(\d+)\]\s*([^\r\n]*)")
_BIB1_DIAG = {
    "114": gettext_noop("Máy chủ không hỗ trợ chỉ mục tìm kiếm này."),
    "109": gettext_noop("Máy chủ không có cơ sở dữ liệu này."),
    "235": gettext_noop("Máy chủ không có cơ sở dữ liệu này."),
    "238": gettext_noop("Máy chủ không trả được biểu ghi theo khổ mẫu MARC."),
    "239": gettext_noop("Máy chủ không trả được biểu ghi theo khổ mẫu MARC."),
}


@dataclass
class ZResponse:
    total: int
    records: list[pymarc.Record]


def pqf_quote(term: str) -> str:
    return '"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_pqf(index: str, terms: list[str]) -> str:
    """``@and @attr 1=4 "tiếng" @attr 1=4 "việt"``: every word must match."""
    use = BIB1_USE.get(index, BIB1_USE["any"])
    parts = [f"@attr 1={use} {pqf_quote(t)}" for t in terms]
    return "@and " * (len(parts) - 1) + " ".join(parts)


def _unreachable(target: Target, reason: str) -> CopycatError:
    return CopycatError(
        CopycatErrorCode.UNREACHABLE,
        gettext("Không kết nối được tới máy chủ %(name)s (%(host)s:%(port)s): %(reason)s.")
        % {"name": target.name, "host": target.host, "port": target.port, "reason": reason},
    )


def _read_dump(path: Path) -> list[pymarc.Record]:
    if not path.exists():
        return []
    out = []
    with path.open("rb") as fh:
        for rec in pymarc.MARCReader(
            fh, to_unicode=True, force_utf8=False, utf8_handling="replace"
        ):
            if rec is not None:
                out.append(rec)
    return out


def _run(
    target: Target, tmp: Path, pqf: str, show: int | None, maximum: int, start: int = 1
) -> tuple[str, Path]:
    """One yaz-client session; records come back piggybacked on the search (up to ``maximum``)
    or, when ``show`` is given, by an explicit present request from position ``start``."""
    dump = tmp / f"records-{start}-{show or 0}.mrc"
    lines = [
        f"open {target.zurl}",
        "format usmarc",
        f"set_marcdump {dump}",
        # Piggyback: a "medium" result set returns up to mspn records with the search itself,
        # so asking for more records than there are hits is never an error. A later page asks
        # for none with the search and presents its own slice.
        "ssub 0",
        "lslb 100000000",
        f"mspn {maximum if start == 1 else 0}",
        f"find {pqf}",
    ]
    if show:
        lines.append(f"show {start}+{show}")
    lines += ["quit", ""]
    commands = tmp / "commands"
    commands.write_text("\n".join(lines), encoding="utf-8")
    try:
        run = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
            [YAZ_CLIENT, "-f", str(commands)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=target.timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CopycatError(
            CopycatErrorCode.TIMEOUT,
            gettext("Máy chủ %(name)s không trả lời sau %(s)s giây.")
            % {"name": target.name, "s": int(target.timeout)},
        ) from exc
    return run.stdout.decode("utf-8", "replace"), dump


def _check(target: Target, output: str) -> int:
    """The hit count, or CopycatError for a refused connection or a diagnostic."""
    if "Connecting...error" in output or "Connection rejected" in output:
        raise _unreachable(target, gettext("máy chủ từ chối hoặc không tồn tại"))
    if "Not connected" in output:
        raise _unreachable(target, gettext("máy chủ không trả lời theo giao thức Z39.50"))
    if "Diagnostic message" in output:
        tail = output.split("Diagnostic message", 1)[1]
        match = _DIAG.search(tail)
        code, text = (match.group(1), match.group(2).strip()) if match else ("", "")
        base = gettext(_BIB1_DIAG.get(code, gettext_noop("Máy chủ báo lỗi khi tìm kiếm.")))
        raise CopycatError(CopycatErrorCode.DIAGNOSTIC, f"{base} (Bib-1 [{code}] {text})")
    hits = _HITS.search(output)
    if hits is None:
        raise CopycatError(
            CopycatErrorCode.BAD_RESPONSE,
            gettext("Máy chủ %(name)s không trả lời theo giao thức Z39.50.")
            % {"name": target.name},
        )
    return int(hits.group(1))


def z3950_search(target: Target, pqf: str, *, maximum: int = 10, start: int = 1) -> ZResponse:
    """Records ``start`` .. ``start + maximum - 1`` of the hits (1-based, as in Z39.50)."""
    if shutil.which(YAZ_CLIENT) is None:
        raise CopycatError(
            CopycatErrorCode.CLIENT_MISSING,
            gettext("Máy chủ thuvien chưa cài yaz-client (gói Debian “yaz”)."),
        )
    with tempfile.TemporaryDirectory(prefix="thuvien-z3950-") as tmp_name:
        tmp = Path(tmp_name)
        if start > 1:  # a later page: count first, then present the slice if it exists
            output, _dump = _run(target, tmp, pqf, None, maximum, start)
            total = _check(target, output)
            if start > total:
                return ZResponse(total=total, records=[])
            count = min(maximum, total - start + 1)
            output, dump = _run(target, tmp, pqf, count, maximum, start)
            _check(target, output)
            return ZResponse(total=total, records=_read_dump(dump)[:maximum])
        output, dump = _run(target, tmp, pqf, None, maximum)
        total = _check(target, output)
        records = _read_dump(dump)
        if total and not records:  # the server ignored piggybacking: ask for the records
            output, dump = _run(target, tmp, pqf, min(total, maximum), maximum)
            _check(target, output)
            records = _read_dump(dump)
        return ZResponse(total=total, records=records[:maximum])
