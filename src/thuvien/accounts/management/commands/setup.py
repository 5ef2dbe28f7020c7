"""``thuvien setup``: the first run of a real installation (not the demo).

After ``thuvien migrate`` it creates the library network, its provincial library and the first
network administrator. On a terminal it asks; in a script every answer is a flag::

    thuvien setup --no-input --network-code hung-yen --network-name "Mạng lưới thư viện tỉnh
      Hưng Yên" --library-code HY-TINH --library-name "Thư viện tỉnh Hưng Yên"
      --admin-username quantri --admin-email quantri@example.vn --admin-password-file pw.txt

The password comes from ``--admin-password-file`` or ``THUVIEN_ADMIN_PASSWORD`` (never from a
flag, which would stay in the shell history and the process list). The work is done by
``accounts.setup.installation_setup``; this command only asks and reports.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from thuvien.accounts.setup import installation_setup
from thuvien.core.errors import ThuvienError
from thuvien.core.scoping import scopes_disabled

PASSWORD_ENV = "THUVIEN_ADMIN_PASSWORD"  # noqa: S105 - the name of a variable, not a password

# (answer key, flag, prompt, required)
QUESTIONS = [
    ("network_code", "--network-code", "Mã mạng lưới (network code, vd. hung-yen)", True),
    ("network_name", "--network-name", "Tên mạng lưới (network name)", True),
    ("province", "--province", "Tỉnh/thành phố (province)", False),
    (
        "library_code",
        "--library-code",
        "Mã thư viện tỉnh (provincial library code, vd. HY-TINH)",
        True,
    ),
    ("library_name", "--library-name", "Tên thư viện tỉnh (provincial library name)", True),
    (
        "admin_username",
        "--admin-username",
        "Tên đăng nhập quản trị mạng lưới (admin username)",
        True,
    ),
    ("admin_full_name", "--admin-full-name", "Họ và tên người quản trị (full name)", False),
    ("admin_email", "--admin-email", "Thư điện tử người quản trị (admin e-mail)", True),
    ("language", "--language", "Ngôn ngữ của người quản trị: vi hoặc en (language)", False),
]
# The service's error fields, mapped to the answer to ask again.
FIELD_ANSWER = {
    "library_code": "library_code",
    "username": "admin_username",
    "email": "admin_email",
    "password": "admin_password",
    "language": "language",
    "name_vi": None,
}


def _guess_province(name: str) -> str:
    lowered = name.lower()
    for word in ("thành phố ", "tỉnh "):
        at = lowered.rfind(word)
        if at >= 0:
            return name[at + len(word) :].strip()
    return ""


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = (
        "Thiết lập lần đầu: tạo mạng lưới, thư viện tỉnh và người quản trị mạng lưới đầu tiên. "
        "(First run: create the network, the provincial library and the first network admin.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        for key, flag, prompt, _required in QUESTIONS:
            parser.add_argument(flag, dest=key, help=prompt)
        parser.add_argument(
            "--admin-password-file",
            help=f"tệp chứa mật khẩu người quản trị (hoặc biến môi trường {PASSWORD_ENV})",
        )
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive",
            help="không hỏi gì; thiếu thông tin thì dừng với thông báo lỗi",
        )  # fmt: skip

    # --- asking -------------------------------------------------------------------------

    def _ask(self, prompt: str, default: str = "") -> str:
        suffix = f" [{default}]" if default else ""
        self.stdout.write(f"{prompt}{suffix}: ", ending="")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise CommandError("Đã dừng: không còn dữ liệu nhập. (Input ended.)")
        return line.strip() or default

    def _ask_secret(self, prompt: str) -> str:
        if self.stdin is sys.stdin and sys.stdin.isatty():
            return getpass.getpass(f"{prompt}: ")
        self.stdout.write(f"{prompt}: ", ending="")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise CommandError("Đã dừng: không còn dữ liệu nhập. (Input ended.)")
        return line.rstrip("\r\n")

    def _check(self, key: str, value: str, answers: dict[str, Any]) -> str | None:
        """A Vietnamese message when ``value`` cannot be the answer to ``key``."""
        from thuvien.network.services._common import valid_code

        try:
            if key in ("network_code", "library_code"):
                valid_code(value)
            elif key == "admin_email" and value:
                validate_email(value)
            elif key == "language" and value not in ("vi", "en"):
                return "Hãy gõ vi (Tiếng Việt) hoặc en (English)."
        except ThuvienError as exc:
            return exc.message
        except ValidationError:
            return "Địa chỉ thư điện tử không hợp lệ."
        return None

    def _password(self, answers: dict[str, Any]) -> str:
        from thuvien.accounts.models import User

        probe = User(username=answers.get("admin_username") or "",
                     email=answers.get("admin_email") or "",
                     full_name=answers.get("admin_full_name") or "")  # fmt: skip
        for _attempt in range(5):
            first = self._ask_secret("Mật khẩu (password, ít nhất 10 ký tự)")
            try:
                validate_password(first, probe)
            except ValidationError as exc:
                self.stderr.write(" ".join(exc.messages))
                continue
            if self._ask_secret("Nhập lại mật khẩu (confirm password)") != first:
                self.stderr.write("Hai lần nhập mật khẩu không khớp. Hãy nhập lại.")
                continue
            return first
        raise CommandError("Đã dừng sau 5 lần nhập mật khẩu không hợp lệ.")

    def _fill(self, answers: dict[str, Any], interactive: bool) -> None:
        defaults: dict[str, Callable[[], str]] = {
            "province": lambda: (
                _guess_province(answers.get("library_name") or "")
                or _guess_province(answers.get("network_name") or "")
            ),
            "language": lambda: "vi",
        }
        for key, flag, prompt, required in QUESTIONS:
            value = (answers.get(key) or "").strip()
            problem = self._check(key, value, answers) if value else None
            if value and not problem:
                answers[key] = value
                continue
            if not interactive:
                if problem:
                    raise CommandError(f"{flag}: {problem}")
                if required:
                    raise CommandError(f"Thiếu {flag} ({prompt}).")
                answers[key] = defaults[key]() if key in defaults else ""
                continue
            if problem:
                self.stderr.write(problem)
            while True:
                value = self._ask(prompt, defaults[key]() if key in defaults else "")
                problem = self._check(key, value, answers) if value else None
                if problem:
                    self.stderr.write(problem)
                elif required and not value:
                    self.stderr.write("Không được để trống.")
                else:
                    break
            answers[key] = value

    # --- running ------------------------------------------------------------------------

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            self._handle(opts)
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a password prompt
            self.stdout.write("")
            raise CommandError("Đã huỷ; chưa tạo gì. (Cancelled; nothing was created.)") from None

    def _handle(self, opts: dict[str, Any]) -> None:
        interactive = opts["interactive"]
        self.stdin = opts.get("stdin") or sys.stdin
        if interactive and "stdin" not in opts and not sys.stdin.isatty():
            interactive = False  # in a pipe or a script: no questions, flags only
        answers: dict[str, Any] = {key: opts.get(key) for key, *_rest in QUESTIONS}
        password = None
        if opts.get("admin_password_file"):
            try:
                with open(opts["admin_password_file"], encoding="utf-8") as fh:
                    password = fh.read().rstrip("\r\n")
            except OSError as exc:
                raise CommandError(
                    f"Không đọc được tệp mật khẩu {opts['admin_password_file']}: {exc.strerror}"
                ) from exc
        elif os.environ.get(PASSWORD_ENV):
            password = os.environ[PASSWORD_ENV]
        answers["admin_password"] = password
        if interactive:
            self.stdout.write(
                "Thiết lập thuvien lần đầu. Nhấn Enter để nhận giá trị trong [ngoặc vuông].\n"
                "(First-run set-up. Press Enter to accept the value in [brackets].)"
            )
        for _round in range(10):
            self._fill(answers, interactive)
            if not answers["admin_password"] and self._admin_missing(answers):
                if not interactive:
                    raise CommandError(
                        f"Thiếu mật khẩu: dùng --admin-password-file TỆP hoặc biến môi trường "
                        f"{PASSWORD_ENV}. (Missing the admin password.)"
                    )
                answers["admin_password"] = self._password(answers)
            try:
                with scopes_disabled():
                    result = installation_setup(**answers)
            except ThuvienError as exc:
                key = FIELD_ANSWER.get(exc.field or "")
                if not interactive or key is None:
                    raise CommandError(exc.message) from exc
                self.stderr.write(exc.message)
                answers[key] = None
                continue
            self._report(result)
            return
        raise CommandError("Đã dừng: quá nhiều câu trả lời không hợp lệ.")

    def _admin_missing(self, answers: dict[str, Any]) -> bool:
        from thuvien.accounts.models import User

        return not User.objects.filter(username__iexact=answers["admin_username"]).exists()

    def _report(self, result: Any) -> None:
        net, lib, admin = result.network, result.library, result.admin
        if result.changed:
            made = {
                "network": f"mạng lưới {net.code} ({net.name_vi})",
                "library": f"thư viện {lib.code} ({lib.name_vi})",
                "admin": f"người quản trị {admin.username}",
                "role": f"vai trò quản trị mạng lưới cho {admin.username}",
            }
            self.stdout.write(self.style.SUCCESS(
                "Đã tạo: " + "; ".join(made[k] for k in result.created) + "."
            ))  # fmt: skip
        else:
            self.stdout.write(
                f"Mạng lưới {net.code}, thư viện {lib.code} và người quản trị {admin.username} "
                "đã có từ trước; không thay đổi gì. (Already set up; nothing changed.)"
            )
        self.stdout.write(
            "\nBước tiếp theo / Next steps:\n"
            f"  1. Chạy máy chủ web / start the server:  thuvien serve  "
            "(mặc định 127.0.0.1:8000, đặt sau nginx: xem docs/operations.md)\n"
            f"  2. Đăng nhập tại /accounts/login/ bằng {admin.username} và bật xác thực hai bước "
            "(bắt buộc với quản trị mạng lưới) tại /accounts/two-factor/setup/ "
            "/ log in and set up two-step verification.\n"
            f"  3. Nhập mục lục / import the catalogue:  thuvien import-marc TỆP.mrc "
            f"--library {lib.code}\n"
            "  4. Thêm thư viện xã/phường, trường học và cán bộ tại /staff/network/ và "
            "/staff/people/ / add the other libraries and staff."
        )
