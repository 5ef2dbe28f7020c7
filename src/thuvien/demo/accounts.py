"""Demo data of the accounts app: a staff account for each role in the demo networks (the
step runs after the network step, which builds the libraries they work in)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from thuvien.accounts.models import Membership, Role, User
from thuvien.core.demo import DemoContext
from thuvien.network.models import Library, Network

# (username, full name, role code, library code or None for the network, network code)
STAFF = [
    ("admin", "Nguyễn Văn Quản", "network_admin", None, "hung-yen"),
    ("thanhtra", "Trần Thị Thanh", "oversight_officer", None, "hung-yen"),
    ("tinh.quantri", "Phạm Minh Tuấn", "library_admin", "HY-TINH", "hung-yen"),
    ("tinh.bienmuc", "Lê Thị Mai", "cataloguer", "HY-TINH", "hung-yen"),
    ("tinh.luuthong", "Đỗ Văn Hùng", "circulation", "HY-TINH", "hung-yen"),
    ("tinh.bandoc", "Vũ Thị Lan", "patron_manager", "HY-TINH", "hung-yen"),
    ("tinh.sohoa", "Hoàng Văn Nam", "digitiser", "HY-TINH", "hung-yen"),
    ("thaibinh.quantri", "Bùi Thị Hoa", "library_admin", "TB-TINH", "hung-yen"),
    ("thaibinh.bienmuc", "Đặng Văn Long", "cataloguer", "TB-TINH", "hung-yen"),
    ("thaibinh.luuthong", "Ngô Thị Hạnh", "circulation", "TB-TINH", "hung-yen"),
    ("phohien.quantri", "Trịnh Văn Bình", "library_admin", "HY-PHOHIEN", "hung-yen"),
    ("phohien.luuthong", "Lương Thị Thu", "circulation", "HY-PHOHIEN", "hung-yen"),
    ("tienlu.luuthong", "Cao Văn Đức", "circulation", "HY-TIENLU", "hung-yen"),
    ("truong.quantri", "Mai Thị Ngọc", "library_admin", "HY-THPT-CHUYEN", "hung-yen"),
    # the provincial Military Command's library: its holdings are shown to its own staff only
    ("bchqs.bienmuc", "Đinh Văn Quân", "cataloguer", "HY-BCHQS", "hung-yen"),
    ("bacninh.admin", "Nguyễn Thị Kim", "network_admin", None, "bac-ninh"),
    ("bacninh.bienmuc", "Tạ Văn Sơn", "cataloguer", "BN-TINH", "bac-ninh"),
    ("bacninh.luuthong", "Lý Thị Yến", "circulation", "BN-TINH", "bac-ninh"),
]


def demo_staff(ctx: DemoContext) -> None:
    """The demo networks' staff accounts, one per role (after the network step)."""
    with scopes_disabled():
        _staff(ctx)


def _staff(ctx: DemoContext) -> None:
    roles = {r.code: r for r in Role.objects.all()}
    for username, full_name, role_code, lib_code, net_code in STAFF:
        network = Network.objects.get(code=net_code)
        library = Library.objects.get(code=lib_code) if lib_code else None
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=ctx.password,
                full_name=full_name,
                email=f"{username}@thuvien.example.vn",
            )
        Membership.objects.get_or_create(
            user=user, network=network, library=library, role=roles[role_code]
        )
        where = library.name_vi if library else network.name_vi
        ctx.logins.append((username, roles[role_code].name_vi, where))
