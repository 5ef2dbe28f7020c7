"""``thuvien demo-data``: build a realistic Vietnamese demo network (idempotent)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from thuvien.core.demo import DemoContext, demo_steps
from thuvien.core.scoping import scopes_disabled


class Command(BaseCommand):
    help = "Tạo mạng lưới thư viện mẫu (Build the demo network, its staff, records and readers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--records", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--password", default="thuvien-demo-2026")
        parser.add_argument("--only", nargs="*", help="run only these steps (by name)")

    def handle(self, *args, **options) -> None:
        ctx = DemoContext(
            records=options["records"],
            seed=options["seed"],
            password=options["password"],
            verbosity=options["verbosity"],
        )
        with scopes_disabled():
            for _order, name, step in demo_steps():
                if options["only"] and name not in options["only"]:
                    continue
                started = time.monotonic()
                step(ctx)
                ctx.say(f"  [{name}] {time.monotonic() - started:.1f} s")
        if ctx.logins:
            self.stdout.write(
                f"\nTài khoản mẫu / demo logins (mật khẩu / password: {ctx.password})"
            )
            for username, role, library in ctx.logins:
                self.stdout.write(f"  {username:<24} {role:<28} {library}")
