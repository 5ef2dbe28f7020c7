"""``thuvien import-marc FILE... [--format] [--library CODE] [--match isbn,035,001] [--dry-run]``"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.services import DEFAULT_MATCH, import_run
from thuvien.core.progress import is_terminal, progress_bar
from thuvien.network.commands import command_network
from thuvien.screening import ScreeningRefused, screen_upload

MARC_KINDS = frozenset({"marc", "xml", "json"})

_XML_RECORD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?record[\s>]")


def estimate_records(path: str, fmt: str | None) -> int:
    """How many records a file holds, counted fast from its bytes (for the progress bar):
    record terminators in ISO 2709, ``<record>`` elements in MARCXML, leaders in JSON."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(4096)
            fh.seek(0)
            text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
            if fmt == "marcxml" or (fmt is None and text.startswith(b"<")):
                needle: re.Pattern[bytes] | bytes = _XML_RECORD
            elif fmt == "json" or (fmt is None and text[:1] in (b"[", b"{")):
                needle = b'"leader"'
            else:
                needle = b"\x1d"
            count = 0
            tail = b""
            while chunk := fh.read(1 << 20):
                data = tail + chunk
                if isinstance(needle, bytes):
                    count += chunk.count(needle)
                else:
                    count += len(needle.findall(data)) - len(needle.findall(tail))
                    tail = chunk[-64:]
            return count or (1 if size else 0)
    except OSError:
        return 0


class Command(BaseCommand):
    help = (
        "Nhập biểu ghi MARC (ISO 2709, MARCXML, MARC-in-JSON) vào mục lục liên hợp. "
        "(Import MARC records into the union catalogue.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+")
        parser.add_argument("--format", choices=["iso2709", "marcxml", "json"], default=None)
        parser.add_argument("--library", help="mã thư viện nhận bản sao từ 852/952")
        parser.add_argument("--network", help="mã mạng lưới (mặc định: của thư viện)")
        parser.add_argument("--match", default=",".join(DEFAULT_MATCH))
        parser.add_argument("--on-match", choices=["keep", "replace"], default="keep")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--report", help="ghi báo cáo lỗi (CSV) vào tệp này")

    def handle(self, *args, **opts) -> None:
        network, library = command_network(
            network_code=opts["network"], library_code=opts["library"]
        )
        for path in opts["files"]:  # every file is screened before anything is read
            try:
                screen_upload(
                    Path(path),
                    purpose="marc_import",
                    declared_name=os.path.basename(path),
                    allowed_kinds=MARC_KINDS,
                    library_id=library.pk if library is not None else None,
                )
            except ScreeningRefused as refusal:
                raise CommandError(f"{path}: {refusal.message}") from refusal
            except OSError as exc:
                raise CommandError(f"{path}: {exc.strerror or exc}") from exc
        started = time.monotonic()

        shown = bool(opts["verbosity"]) and is_terminal()
        bar = progress_bar(
            total=sum(estimate_records(p, opts["format"]) for p in opts["files"]) if shown else 0,
            desc="Nhập biểu ghi",
            enabled=shown,
        )

        def progress(done: int) -> None:
            bar.to(done)
            if opts["verbosity"] > 1 and not bar.shown:
                self.stderr.write(f"  {done} ...")

        try:
            with bar:  # import_run opens the scope of the library it writes in
                report = import_run(
                    paths=opts["files"], network=network, fmt=opts["format"], library=library,
                    match_rules=opts["match"], dry_run=opts["dry_run"],
                    on_match=opts["on_match"], progress=progress,
                )  # fmt: skip
        except CatalogError as exc:
            raise CommandError(exc.message) from exc
        elapsed = time.monotonic() - started
        mode = " (chạy thử / dry run: nothing written)" if report.dry_run else ""
        self.stdout.write(
            f"Đọc {report.read} biểu ghi trong {elapsed:.1f} s{mode}: "
            f"{report.created} mới, {report.matched} trùng {report.matched_by}, "
            f"{report.replaced} thay thế, {report.items_created} bản sao mới, "
            f"{len(report.errors)} lỗi, quy tắc so trùng: {','.join(report.match_rules)}"
        )
        self.stdout.write(report.summary())
        for issue in report.issues[:50]:
            self.stdout.write(f"  [{issue.level}] {issue.file} #{issue.position}: {issue.reason}")
        if len(report.issues) > 50:
            self.stdout.write(f"  ... và {len(report.issues) - 50} dòng nữa (xem --report)")
        if opts["report"]:
            with open(opts["report"], "w", encoding="utf-8") as out:
                out.write(report.to_csv())
