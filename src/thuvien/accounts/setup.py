"""The first run of a real installation: the network, its provincial library, its first admin.

``thuvien setup`` (accounts/management/commands/setup.py) only asks the questions; this service
does the work in one transaction through the network and accounts services, so a half-made
network never stays behind. It converges: run again with the same answers it creates nothing
and says what was already there; an answer that contradicts what exists (a library code taken
by another network, an existing login that is not this network's admin) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.network.models import Library, LibraryType, Network
from thuvien.network.services import library_create, network_create

from .errors import AccountsError, AccountsErrorCode
from .models import Membership, Role, User
from .services import staff_user_create

LANGUAGES = ("vi", "en")


@dataclass
class SetupResult:
    network: Network
    library: Library
    admin: User
    created: list[str] = field(default_factory=list)  # "network", "library", "admin", "role"

    @property
    def changed(self) -> bool:
        return bool(self.created)


def installation_setup(
    *,
    network_code: str,
    network_name: str,
    library_code: str,
    library_name: str,
    admin_username: str,
    admin_email: str,
    admin_password: str | None,
    admin_full_name: str = "",
    province: str = "",
    language: str = "vi",
) -> SetupResult:
    """Create what is missing of (network, provincial library, network administrator).

    ``admin_password`` is needed only when the login is created; an existing login keeps its
    password. Raises ``NetworkError`` / ``AccountsError`` with the field that is wrong.
    """
    if language not in LANGUAGES:
        raise AccountsError(
            AccountsErrorCode.INVALID,
            _("Ngôn ngữ phải là “vi” (Tiếng Việt) hoặc “en” (English)."),
            field="language",
        )
    created: list[str] = []
    with transaction.atomic():
        network = Network.objects.filter(code__iexact=(network_code or "").strip()).first()
        if network is None:
            network = network_create(
                code=network_code, name_vi=network_name, province=province, actor=None
            )
            created.append("network")
        library = Library.objects.filter(code__iexact=(library_code or "").strip()).first()
        if library is not None and library.network_id != network.pk:
            raise AccountsError(
                AccountsErrorCode.INVALID,
                _("Mã thư viện “%(code)s” đã thuộc mạng lưới khác (%(network)s).")
                % {"code": library.code, "network": library.network.code},
                field="library_code",
            )
        if library is None:
            library = library_create(
                network=network,
                code=library_code,
                name_vi=library_name,
                library_type=LibraryType.PROVINCIAL,
                province=province or network.province,
                actor=None,
            )
            created.append("library")
        role = Role.objects.get(code="network_admin")
        admin = User.objects.filter(username__iexact=(admin_username or "").strip()).first()
        if admin is None:
            if not admin_password:
                raise AccountsError(
                    AccountsErrorCode.INVALID,
                    _("Hãy đặt mật khẩu cho người quản trị."),
                    field="password",
                )
            admin = staff_user_create(
                actor=None,
                username=admin_username,
                full_name=admin_full_name,
                email=admin_email,
                password=admin_password,
            )
            admin.preferred_language = language
            admin.save(update_fields=["preferred_language"])
            created.append("admin")
        elif not Membership.objects.filter(
            user=admin, network=network, role=role, library=None
        ).exists():
            raise AccountsError(
                AccountsErrorCode.USERNAME_TAKEN,
                _(
                    "Tên đăng nhập “%(username)s” đã có người dùng nhưng không phải quản trị "
                    "mạng lưới này. Hãy chọn tên khác."
                )
                % {"username": admin.username},
                field="username",
            )
        if not Membership.objects.filter(
            user=admin, network=network, role=role, library=None
        ).exists():
            membership = Membership.objects.create(
                user=admin, network=network, library=None, role=role
            )
            audit_record(
                actor=None,
                action="accounts.membership.added",
                obj=membership,
                network=network,
                changes={"user": [None, admin.username], "role": [None, role.code]},
            )
            created.append("role")
    return SetupResult(network=network, library=library, admin=admin, created=created)
