"""``thuvien export-marc [--format iso2709|marcxml|json] [--library CODE] [--query Q] [-o FILE]``"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.services import export_run
from thuvien.catalog.services.exporting import export_queryset
from thuvien.core.progress import is_terminal, progress_bar
from thuvien.core.scoping import scopes_disabled
from thuvien.network.commands import command_network


class Command(BaseCommand):
    help = "Xuất biểu ghi MARC (Export MARC records: all, a library's holdings, or a search)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["iso2709", "marcxml", "json"], default="iso2709")
        parser.add_argument("--library", help="chỉ các biểu ghi thư viện này có bản sao")
        parser.add_argument("--network", help="mã mạng lưới")
        parser.add_argument("--query", help="ISBN hoặc từ trong nhan đề")
        parser.add_argument("-o", "--output", help="tệp ra (mặc định: stdout)")

    def handle(self, *args, **opts) -> None:
        network, library = command_network(
            network_code=opts["network"], library_code=opts["library"]
        )
        bar = progress_bar(total=0, desc="Xuất biểu ghi", enabled=False)
        if opts["verbosity"] and is_terminal():
            with scopes_disabled():
                total = export_queryset(
                    network=network, library=library, query=opts["query"]
                ).count()
            bar = progress_bar(total=total, desc="Xuất biểu ghi")
        out = open(opts["output"], "wb") if opts["output"] else sys.stdout.buffer  # noqa: SIM115
        try:
            count, skipped = export_run(
                out=out, network=network, fmt=opts["format"], library=library,
                query=opts["query"], progress=bar.to,
            )  # fmt: skip
        except CatalogError as exc:
            raise CommandError(exc.message) from exc
        finally:
            bar.close()
            if opts["output"]:
                out.close()
        # On stderr, since stdout may carry the records; not in the red of an error.
        self.stderr.write(f"Đã xuất {count} biểu ghi.", style_func=str)
        if skipped:
            self.stderr.write(
                f"Bỏ qua {len(skipped)} biểu ghi không ghi được (dài quá 99.999 byte, hoặc dữ liệu "
                f"lưu không phải biểu ghi MARC): {skipped[:20]}",
                style_func=str,
            )
