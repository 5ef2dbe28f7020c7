"""``thuvien totp-reset USERNAME --reason "..."``: the last resort of the lost-phone procedure.

For when nobody who may reset a person's second factor on the web can log in (the only network
administrator lost the phone and every recovery code). It runs on the server, so whoever can run
it already controls the installation; it is audited like the web action.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thuvien.accounts.errors import AccountsError
from thuvien.accounts.models import User
from thuvien.accounts.services import totp_reset


class Command(BaseCommand):
    help = "Tắt xác thực hai bước của một tài khoản (mất điện thoại và mã khôi phục)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="lý do và cách đã xác minh người đó")

    def handle(self, *args: Any, username: str, reason: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}” (no such account).")
        if not user.has_totp:
            self.stdout.write(f"“{username}” chưa bật xác thực hai bước; không có gì để đặt lại.")
            return
        try:
            totp_reset(user=user, actor=None, reason=reason, by_operator=True)
        except AccountsError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Đã tắt xác thực hai bước của “{username}”. Người đó đăng nhập bằng mật khẩu và "
            "bật lại ngay (quản trị mạng lưới bắt buộc)."
        )
