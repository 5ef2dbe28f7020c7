"""``thuvien admin_units import FILE``: load a CSV of old communes and the new communes they
went into (Decision 19/2025/QĐ-TTg codes); ``thuvien admin_units map CODE --from old|new``:
the other era's units of a commune or province; ``thuvien admin_units guess --network CODE``:
place the network's libraries in their communes by the commune names they carry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thuvien.network.models import Network
from thuvien.oversight.errors import OversightError
from thuvien.oversight.units import (
    admin_units_import,
    library_units_guess,
    units_new_for,
    units_old_for,
)


class Command(BaseCommand):
    help = "Đơn vị hành chính trước và sau 01/7/2025: nhập bảng chuyển đổi, tra cứu hai chiều."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "map", "guess"])
        parser.add_argument("value", nargs="?", help="tệp CSV (import) hoặc mã đơn vị (map)")
        parser.add_argument("--from", dest="era", choices=["old", "new"], default="old")
        parser.add_argument("--level", choices=["commune", "province"], default="commune")
        parser.add_argument("--network", help="mã mạng lưới (guess)")

    def handle(self, *args: Any, **options: Any) -> None:
        action, value = options["action"], options["value"]
        try:
            if action == "import":
                if not value:
                    raise CommandError("Cần đường dẫn tệp CSV.")
                try:
                    data = Path(value).read_bytes()
                except OSError as error:
                    raise CommandError(f"Không đọc được {value}: {error.strerror}") from error
                result = admin_units_import(data=data)
                self.stdout.write(
                    f"{result.lines} dòng: {result.units} đơn vị, {result.links} liên kết mới."
                )
            elif action == "map":
                if not value:
                    raise CommandError("Cần mã đơn vị.")
                find = units_new_for if options["era"] == "old" else units_old_for
                units = find(code=value.strip(), level=options["level"])
                if not units:
                    raise CommandError(
                        f"Không có đơn vị mã {value!r} hoặc chưa có bảng chuyển đổi."
                    )
                for unit in units:
                    self.stdout.write(f"{unit.code}\t{unit.name}")
            else:
                network = Network.objects.filter(code__iexact=options["network"] or "").first()
                if network is None:
                    raise CommandError("Cần --network với mã một mạng lưới.")
                placed = library_units_guess(network=network, actor=None)
                self.stdout.write(f"Đã gắn đơn vị hành chính cho {placed} thư viện.")
        except OversightError as error:
            raise CommandError(error.message) from error
