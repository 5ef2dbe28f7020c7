"""``thuvien export-marc [--format iso2709|marcxml|json] [--library CODE] [--query Q] [-o FILE]``"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.services import export_run


class Command(BaseCommand):
    help = "Xuất biểu ghi MARC (Export MARC records: all, a library's holdings, or a search)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["iso2709", "marcxml", "json"], default="iso2709")
        parser.add_argument("--library", help="chỉ các biểu ghi thư viện này có bản sao")
        parser.add_argument("--network", help="mã mạng lưới")
        parser.add_argument("--query", help="ISBN hoặc từ trong nhan đề")
        parser.add_argument("-o", "--output", help="tệp ra (mặc định: stdout)")

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
            networks = list(Network.objects.filter(is_active=True)[:2])
            if len(networks) != 1:
                raise CommandError("Hãy chọn --network hoặc --library.")
            network = networks[0]
        out = open(opts["output"], "wb") if opts["output"] else sys.stdout.buffer  # noqa: SIM115
        try:
            count, skipped = export_run(
                out=out, network=network, fmt=opts["format"], library=library,
                query=opts["query"],
            )  # fmt: skip
        except CatalogError as exc:
            raise CommandError(exc.message) from exc
        finally:
            if opts["output"]:
                out.close()
        self.stderr.write(f"Đã xuất {count} biểu ghi.")
        if skipped:
            self.stderr.write(f"Bỏ qua {len(skipped)} biểu ghi dài quá 99.999 byte: {skipped[:20]}")
