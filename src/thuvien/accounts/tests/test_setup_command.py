"""``thuvien setup``: a province's first run on its own server, not the demo.

The slow tests run the real ``thuvien`` command in fresh data directories: after ``migrate``,
``import-marc`` says how to make a network; ``setup`` (by flags, and answering questions on a
real terminal, a pty) makes one; then ``import-marc`` works. The quick ones drive the questions
through a fake stdin.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thuvien.accounts.models import Membership, User
from thuvien.network.models import Library, Network
from thuvien.testing.terminal import run_in_pty

SRC = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parents[5] / "shared" / "data" / "marc"
MRC = DATA / "mrrc-testbed" / "bibliographic__sample.mrc"
FLAGS = [
    "--network-code", "hung-yen",
    "--network-name", "Mạng lưới thư viện tỉnh Hưng Yên",
    "--library-code", "HY-TINH",
    "--library-name", "Thư viện tỉnh Hưng Yên",
    "--admin-username", "quantri",
    "--admin-email", "quantri@thuvien.example.vn",
]  # fmt: skip
PASSWORD = "Phố-Hiến-2026-bảo-mật"  # noqa: S105


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    env.update(THUVIEN_DATA_DIR=str(data_dir), PYTHONPATH=str(SRC), PYTHONUNBUFFERED="1")
    return env


def _thuvien(data_dir: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "thuvien.cli", *args],
        env={**_env(data_dir), **kw.pop("env", {})},
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """An empty installation after ``thuvien migrate`` (copied by each test)."""
    template = tmp_path_factory.mktemp("migrated")
    done = _thuvien(template, "migrate", "--noinput", "-v", "0")
    assert done.returncode == 0, done.stderr
    return template


def _fresh(migrated: Path, tmp_path: Path) -> Path:
    data = tmp_path / "var"
    shutil.copytree(migrated, data)
    return data


@pytest.mark.slow
def test_setup_by_flags_on_an_empty_database_then_import_marc_works(migrated, tmp_path):
    data = _fresh(migrated, tmp_path)
    before = _thuvien(data, "import-marc", str(MRC))
    assert before.returncode != 0
    assert "Chưa có mạng thư viện nào" in before.stderr and "thuvien setup" in before.stderr
    export = _thuvien(data, "export-marc", "-o", str(tmp_path / "out.mrc"))
    assert export.returncode != 0 and "thuvien setup" in export.stderr

    secret = tmp_path / "admin-password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    missing = _thuvien(data, "setup", "--no-input", *FLAGS)  # no password given
    assert missing.returncode != 0 and "--admin-password-file" in missing.stderr
    done = _thuvien(data, "setup", "--no-input", *FLAGS, "--admin-password-file", str(secret))
    assert done.returncode == 0, done.stderr
    assert "Đã tạo" in done.stdout and "HY-TINH" in done.stdout
    assert "two-factor" in done.stdout and "import-marc" in done.stdout  # the next steps
    again = _thuvien(data, "setup", "--no-input", *FLAGS)
    assert again.returncode == 0 and "không thay đổi gì" in again.stdout

    imported = _thuvien(data, "import-marc", str(MRC), "--library", "HY-TINH")
    assert imported.returncode == 0, imported.stderr
    assert "385 mới" in imported.stdout
    # In a pipe nothing is drawn: no bar, no carriage returns.
    assert "%|" not in imported.stderr and "\r" not in imported.stderr
    # The admin really is the network's administrator, with the password from the file.
    check = _thuvien(
        data, "shell", "-c",
        "from thuvien.accounts.models import User, Membership;"
        "u = User.objects.get(username='quantri');"
        f"print(u.check_password({PASSWORD!r}), u.preferred_language,"
        " list(Membership.objects.filter(user=u).values_list('role__code', 'library')))",
    )  # fmt: skip
    assert check.stdout.splitlines()[-1] == "True vi [('network_admin', None)]"


@pytest.mark.slow
def test_setup_asks_on_a_terminal_and_long_commands_draw_a_bar(migrated, tmp_path):
    """Answering ``thuvien setup`` on a real terminal (a pty: getpass, no echo); then
    import-marc, export-marc and reindex draw a bar with the rate and the time left."""
    data = _fresh(migrated, tmp_path)
    env = _env(data)
    cmd = [sys.executable, "-m", "thuvien.cli"]
    answers = [
        ("Mã mạng lưới", "Hung Yen"),  # not a code: asked again
        ("Mã chỉ gồm", "hung-yen"),
        ("Tên mạng lưới", "Mạng lưới thư viện tỉnh Hưng Yên"),
        ("Tỉnh/thành phố", ""),
        ("Mã thư viện tỉnh", "HY-TINH"),
        ("Tên thư viện tỉnh", "Thư viện tỉnh Hưng Yên"),
        ("Tên đăng nhập", "quantri"),
        ("Họ và tên", "Nguyễn Thị Hoa"),
        ("Thư điện tử", "không-phải-email"),
        ("không hợp lệ", "hoa@thuvien.example.vn"),
        ("Ngôn ngữ", ""),
        ("Mật khẩu", "ngan"),  # too short: asked again
        ("Mật khẩu", PASSWORD),
        ("Nhập lại", "khác hẳn-2026-xyz"),  # does not match: asked again
        ("Mật khẩu", PASSWORD),
        ("Nhập lại", PASSWORD),
    ]
    rc, out = run_in_pty([*cmd, "setup"], env=env, answers=answers)
    assert rc == 0, out
    assert "không khớp" in out and "Đã tạo" in out
    assert PASSWORD not in out  # never echoed
    assert "[Hưng Yên]" in out  # the province guessed from the library's name
    check = _thuvien(
        data, "shell", "-c",
        "from thuvien.accounts.models import User;"
        "u = User.objects.get(username='quantri');"
        f"print(u.check_password({PASSWORD!r}), u.email)",
    )  # fmt: skip
    assert check.stdout.splitlines()[-1] == "True hoa@thuvien.example.vn"

    rc, out = run_in_pty([*cmd, "import-marc", str(MRC), "--library", "HY-TINH"], env=env)
    assert rc == 0, out
    assert "Nhập biểu ghi" in out and "%|" in out and "biểu ghi/s" in out and "còn" in out
    assert "386/386" in out and "385 mới" in out
    rc, out = run_in_pty([*cmd, "export-marc", "-o", str(tmp_path / "all.mrc")], env=env)
    assert rc == 0, out
    assert "Xuất biểu ghi" in out and "385/385" in out and "biểu ghi/s" in out
    rc, out = run_in_pty([*cmd, "reindex", "--workers", "1"], env=env)
    assert rc == 0, out
    assert "Lập chỉ mục" in out and "385/385" in out and "biểu ghi/s" in out
    piped = _thuvien(data, "reindex", "--workers", "1")
    assert piped.returncode == 0 and "%|" not in piped.stdout + piped.stderr


# --- the questions, through a fake stdin (quick) ----------------------------------------


def _run(*args: str, stdin: str | None = None, **opts) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command("setup", *args, stdout=out, stderr=err, **extra, **opts)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_setup_questions_through_stdin_create_the_network_library_and_admin():
    answers = "\n".join([
        "ha-noi", "Mạng lưới thư viện thành phố Hà Nội", "",  # province guessed: Hà Nội
        "HN-TP", "Thư viện Hà Nội", "quantri.hn", "Trần Văn Bình",
        "binh@thuvien.example.vn", "en", PASSWORD, PASSWORD,
    ]) + "\n"  # fmt: skip
    out, err = _run(stdin=answers)
    network = Network.objects.get(code="ha-noi")
    assert network.province == "Hà Nội"
    library = Library.objects.get(code="HN-TP")
    assert library.network == network and library.library_type == "provincial"
    admin = User.objects.get(username="quantri.hn")
    assert admin.check_password(PASSWORD) and admin.preferred_language == "en"
    assert admin.full_name == "Trần Văn Bình"
    membership = Membership.objects.get(user=admin)
    assert membership.role.code == "network_admin" and membership.library is None
    assert membership.network == network
    assert "Đã tạo" in out and "two-factor" in out


@pytest.mark.django_db
def test_setup_refuses_what_contradicts_the_existing_installation(world, tmp_path):
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD, encoding="utf-8")
    flags = ["--no-input", "--network-code", "mien-nui", "--network-name", "Mạng lưới miền núi",
             "--library-name", "Thư viện tỉnh", "--admin-email", "a@thuvien.example.vn",
             "--admin-password-file", str(secret)]  # fmt: skip
    # The library code belongs to another network.
    with pytest.raises(CommandError, match="thuộc mạng lưới khác"):
        _run(*flags, "--library-code", world.provincial.code, "--admin-username", "moi")
    assert not Network.objects.filter(code="mien-nui").exists()  # nothing half-made
    # The login exists and is not this network's administrator.
    User.objects.create_user(username="dacoroi", password="x" * 12)
    with pytest.raises(CommandError, match="đã có người dùng"):
        _run(*flags, "--library-code", "MN-TINH", "--admin-username", "dacoroi")
    assert not Network.objects.filter(code="mien-nui").exists()
    with pytest.raises(CommandError, match="--network-code"):
        _run("--no-input", "--network-code", "có dấu", *flags[3:])
    with pytest.raises(CommandError, match="Thiếu --library-code"):
        _run(*flags, "--admin-username", "moi")


@pytest.mark.django_db
def test_setup_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("THUVIEN_ADMIN_PASSWORD", PASSWORD)
    _run("--no-input", *FLAGS)
    assert User.objects.get(username="quantri").check_password(PASSWORD)
    assert Library.objects.get(code="HY-TINH").network.code == "hung-yen"


@pytest.mark.django_db
def test_import_marc_on_a_fresh_install_says_how_to_make_a_network():
    with pytest.raises(CommandError, match="thuvien setup"):
        call_command("import_marc", str(MRC))
    with pytest.raises(CommandError, match="thuvien setup"):
        call_command("export_marc", output=os.devnull)


@pytest.mark.django_db
def test_sip2_account_on_a_fresh_install_says_how_to_make_a_network():
    with pytest.raises(CommandError, match="thuvien setup"):
        call_command("sip2_account", library="HY-TINH", username="kiosk")
