"""``thuvien sip2-account --library CODE --username NAME [--password P]``: a kiosk login."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from thuvien.accounts.services import kiosk_account_ensure
from thuvien.core.errors import ThuvienError
from thuvien.network.commands import no_network_error
from thuvien.network.selectors import libraries_exist, library_by_code


class Command(BaseCommand):
    help = "Tạo tài khoản cho máy mượn trả tự động (SIP2) với vai trò lưu thông tại một thư viện."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--library", required=True, help="library code, e.g. HY-TINH")
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", default=None, help="random when left out")

    def handle(self, *args: Any, library: str, username: str, password: str | None, **o: Any):
        with scopes_disabled():
            lib = library_by_code(code=library, ignore_case=True)
            if lib is None:
                if not libraries_exist():
                    raise no_network_error()
                raise CommandError(f"no library with code {library!r}")
            try:
                user, created_password = kiosk_account_ensure(
                    library=lib, username=username, password=password
                )
            except ThuvienError as exc:
                raise CommandError(exc.message) from exc
        if created_password:
            self.stdout.write(
                f"created {user.username} in {lib.code}; password: {created_password}"
            )
        else:
            self.stdout.write(f"{user.username} already exists; circulation role in {lib.code}")
