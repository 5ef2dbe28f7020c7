"""``thuvien report annual --library CODE | --network CODE --year YYYY --format xlsx|pdf|csv
-o FILE``: the annual report of a library or a network, as the inspector's page makes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from thuvien.network.models import Library, Network
from thuvien.oversight.reports import FORMATS, PERIODS, annual_report


class Command(BaseCommand):
    help = "Báo cáo thống kê năm của một thư viện hoặc một mạng lưới (XLSX, PDF, CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["annual"], help="loại báo cáo: annual (năm)")
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--library", help="mã thư viện")
        scope.add_argument("--network", help="mã mạng lưới")
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--period", choices=PERIODS, default="calendar",
                            help="calendar: 01/01–31/12; evaluation: 01/12 năm trước–30/11 "
                            "(Thông tư 05/2020)")  # fmt: skip
        parser.add_argument("--format", choices=sorted(FORMATS), default="xlsx")
        parser.add_argument("-o", "--output", required=True, help="tệp ghi ra")
        parser.add_argument("--language", choices=["vi", "en"], default="vi")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"Năm không hợp lệ: {year}")
        library = network = None
        if options["library"]:
            library = Library.objects.filter(code__iexact=options["library"]).first()
            if library is None:
                raise CommandError(f"Không có thư viện mã {options['library']!r}.")
        else:
            network = Network.objects.filter(code__iexact=options["network"]).first()
            if network is None:
                raise CommandError(f"Không có mạng lưới mã {options['network']!r}.")
        write, _mime = FORMATS[options["format"]]
        with translation.override(options["language"]):
            report = annual_report(
                year=year, library=library, network=network, period=options["period"]
            )
            data = write(report)
        output = Path(options["output"])
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Không ghi được {output}: {error.strerror}") from error
        self.stdout.write(f"{report.title} — {report.unit}: {output} ({len(data):,} byte)")
