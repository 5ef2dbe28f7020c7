"""``thuvien import-marc FILE... [--format] [--library CODE] [--match isbn,035,001] [--dry-run]``"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.services import DEFAULT_MATCH, import_run
from thuvien.core.scoping import scopes_disabled


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
        from thuvien.network.models import Library, Network

        library = network = None
        if opts["library"]:
            library = Library.objects.filter(code=opts["library"]).first()
            if library is None:
                raise CommandError(f"Không có thư viện mã {opts['library']}.")
            network = library.network
        if opts["network"]:
            network = Network.objects.filter(code=opts["network"]).first()
            if network is None:
                raise CommandError(f"Không có mạng lưới mã {opts['network']}.")
        if network is None:
            networks = list(Network.objects.filter(is_active=True)[:2])
            if len(networks) != 1:
                raise CommandError("Hãy chọn --network hoặc --library.")
            network = networks[0]
        started = time.monotonic()

        def progress(done: int) -> None:
            if opts["verbosity"] > 1:
                self.stderr.write(f"  {done} ...")

        try:
            with scopes_disabled():
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
