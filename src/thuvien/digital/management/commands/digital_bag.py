"""``thuvien digital-bag export|import``: BagIt bags of objects or a whole collection."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thuvien.core.scoping import scopes_disabled
from thuvien.digital.bags import bag_export, bag_import
from thuvien.digital.errors import DigitalError
from thuvien.digital.models import Collection, DigitalObject
from thuvien.network.models import Library


class Command(BaseCommand):
    help = (
        "Xuất tài liệu số hoặc cả bộ sưu tập thành gói BagIt, hoặc nhập gói BagIt. "
        "(Export digital objects or a collection as a BagIt bag, or import a bag.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("path", help="thư mục gói (export: phải trống hoặc chưa có)")
        parser.add_argument("--object", type=int, action="append", default=[])
        parser.add_argument("--collection", help="mã bộ sưu tập (export)")
        parser.add_argument("--library", help="mã thư viện nhận (import)")
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args, **opts) -> None:
        with scopes_disabled():
            try:
                if opts["action"] == "export":
                    collection = None
                    objects = list(DigitalObject.all_objects.filter(pk__in=opts["object"]))
                    if opts["collection"]:
                        collection = Collection.objects.filter(code=opts["collection"]).first()
                        if collection is None:
                            raise CommandError(f"Không có bộ sưu tập {opts['collection']}")
                        objects += list(DigitalObject.all_objects.filter(
                            collections=collection, ingest_complete=True))
                    if not objects:
                        raise CommandError("Không có tài liệu nào để xuất")
                    bag = bag_export(objects=objects, target=Path(opts["path"]),
                                     collection=collection)
                    self.stdout.write(str(bag))
                    return
                library = Library.objects.filter(code=opts["library"] or "").first()
                if library is None:
                    raise CommandError("--library: không có thư viện mã này")
                report = bag_import(path=Path(opts["path"]), library=library,
                                    publish=opts["publish"])
            except DigitalError as exc:
                raise CommandError(exc.message) from exc
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
