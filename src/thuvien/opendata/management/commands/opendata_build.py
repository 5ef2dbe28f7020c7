"""``thuvien opendata-build``: rebuild the open-data files now (the worker does it daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thuvien.opendata.build import opendata_build


class Command(BaseCommand):
    help = "Tạo lại các tệp dữ liệu mở (Rebuild the open-data dumps and their manifest)."

    def handle(self, *args, **options) -> None:
        manifest = opendata_build()
        for data in manifest["datasets"]:
            for dist in data["distributions"]:
                self.stdout.write(f"{dist['file']:<32} {dist['items']:>8} {dist['bytes']:>12}")
