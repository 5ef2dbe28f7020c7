"""Writes of the accounts app: staff accounts, memberships and the TOTP second factor.

Every service checks that the actor may manage the library (or the network) it touches, writes
in one transaction and records an audit entry. A library administrator manages the memberships
of his own library; a network administrator those of every library of his network and the
network-wide roles.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.errors import NotFound

from .capabilities import Capability
from .errors import AccountsError, AccountsErrorCode
from .models import Membership, Role, User
from .permissions import can, can_in_network
from .totp import totp_matches


def may_manage_library(actor: Any, library: Any) -> bool:
    return can(actor, Capability.ADMINISTER_LIBRARY, library) or can(
        actor, Capability.ADMINISTER_NETWORK, library
    )


def may_manage_network(actor: Any, network: Any) -> bool:
    return can_in_network(actor, Capability.ADMINISTER_NETWORK, network.pk)


def _check_target(*, actor: Any, role: Role, library: Any, network: Any) -> None:
    """Refuse a role at the wrong level, or a place the actor does not manage (404)."""
    if role.network_wide:
        if library is not None:
            raise AccountsError(
                AccountsErrorCode.ROLE_NOT_ALLOWED,
                _("Vai trò này áp dụng cho cả mạng lưới, không gắn với một thư viện."),
                field="role",
            )
        if not may_manage_network(actor, network):
            raise AccountsError(
                AccountsErrorCode.ROLE_NOT_ALLOWED,
                _("Chỉ quản trị mạng lưới mới giao được vai trò cấp mạng lưới."),
                field="role",
            )
        return
    if library is None:
        raise AccountsError(
            AccountsErrorCode.ROLE_NOT_ALLOWED,
            _("Vai trò này phải gắn với một thư viện."),
            field="role",
        )
    if not may_manage_library(actor, library):
        raise NotFound("not_found", _("Không tìm thấy thư viện."))


def staff_user_create(
    *, actor: Any, username: str, full_name: str, email: str, password: str
) -> User:
    """Create a login for a new staff member (memberships are added separately)."""
    username = (username or "").strip()
    email = (email or "").strip()
    if not username:
        raise AccountsError(
            AccountsErrorCode.INVALID, _("Hãy nhập tên đăng nhập."), field="username"
        )
    if User.objects.filter(username__iexact=username).exists():
        raise AccountsError(
            AccountsErrorCode.USERNAME_TAKEN,
            _("Tên đăng nhập này đã có người dùng."),
            field="username",
        )
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise AccountsError(
                AccountsErrorCode.INVALID, _("Địa chỉ thư điện tử không hợp lệ."), field="email"
            ) from exc
    user = User(username=username, full_name=(full_name or "").strip(), email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountsError(
            AccountsErrorCode.INVALID, " ".join(exc.messages), field="password"
        ) from exc
    user.set_password(password)
    with transaction.atomic():
        user.save()
        audit_record(actor=actor, action="accounts.user.created", obj=user)
    return user


def membership_add(
    *, actor: Any, user: User, role: Role, network: Any, library: Any | None = None
) -> Membership:
    """Give ``user`` ``role`` in ``library`` (or network-wide when the role is)."""
    if library is not None and library.network_id != network.pk:
        raise NotFound("not_found", _("Không tìm thấy thư viện."))
    _check_target(actor=actor, role=role, library=library, network=network)
    exists = Membership.objects.filter(user=user, role=role, network=network, library=library)
    if exists.exists():
        raise AccountsError(
            AccountsErrorCode.MEMBERSHIP_EXISTS,
            _("Người này đã có vai trò này ở đây."),
            field="role",
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, role=role, network=network, library=library
            )
            audit_record(
                actor=actor,
                action="accounts.membership.added",
                obj=membership,
                library=library,
                network=network,
                changes={"user": [None, user.username], "role": [None, role.code]},
            )
    except IntegrityError as exc:  # a concurrent add of the same membership
        raise AccountsError(
            AccountsErrorCode.MEMBERSHIP_EXISTS,
            _("Người này đã có vai trò này ở đây."),
            field="role",
        ) from exc
    return membership


def _check_not_self_demotion(*, actor: Any, membership: Membership) -> None:
    admin_caps = {Capability.ADMINISTER_LIBRARY, Capability.ADMINISTER_NETWORK}
    if membership.user_id == getattr(actor, "pk", None) and admin_caps & set(
        membership.role.capabilities
    ):
        raise AccountsError(
            AccountsErrorCode.LAST_ADMIN,
            _("Bạn không thể tự bỏ quyền quản trị của chính mình."),
        )


def membership_change_role(*, actor: Any, membership: Membership, role: Role) -> Membership:
    if role.pk == membership.role_id:
        return membership
    _check_target(
        actor=actor, role=membership.role, library=membership.library, network=membership.network
    )
    _check_target(actor=actor, role=role, library=membership.library, network=membership.network)
    _check_not_self_demotion(actor=actor, membership=membership)
    if Membership.objects.filter(
        user_id=membership.user_id,
        role=role,
        network_id=membership.network_id,
        library_id=membership.library_id,
    ).exists():
        raise AccountsError(
            AccountsErrorCode.MEMBERSHIP_EXISTS,
            _("Người này đã có vai trò này ở đây."),
            field="role",
        )
    old = membership.role.code
    with transaction.atomic():
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action="accounts.membership.role_changed",
            obj=membership,
            library=membership.library,
            network=membership.network,
            changes={"role": [old, role.code]},
        )
    return membership


def membership_remove(*, actor: Any, membership: Membership) -> None:
    _check_target(
        actor=actor, role=membership.role, library=membership.library, network=membership.network
    )
    _check_not_self_demotion(actor=actor, membership=membership)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="accounts.membership.removed",
            obj=membership,
            library=membership.library,
            network=membership.network,
            changes={
                "user": [membership.user.username, None],
                "role": [membership.role.code, None],
            },
        )
        membership.delete()


def user_set_working_library(*, user: User, library: Any) -> None:
    """Remember the library ``user`` chose to work for, for this and later logins.

    Only a library the person may act for is kept (the caller offers those alone)."""
    from .middleware import staff_libraries

    if library.pk not in {lib.pk for lib in staff_libraries(user)}:
        raise NotFound("not_found", _("Không tìm thấy thư viện."))
    if user.working_library_id == library.pk:
        return
    user.working_library = library
    user.save(update_fields=["working_library"])


def totp_enable(*, user: User, secret: str, code: str) -> None:
    """Store the secret once the person proved it with a valid code."""
    if not totp_matches(secret, code):
        raise AccountsError(
            AccountsErrorCode.TOTP_INVALID,
            _("Mã xác thực không đúng. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng."),
            field="code",
        )
    with transaction.atomic():
        user.totp_secret = secret
        user.totp_confirmed_at = timezone.now()
        user.save(update_fields=["totp_secret", "totp_confirmed_at"])
        audit_record(actor=user, action="accounts.user.totp_enabled", obj=user)


def totp_disable(*, user: User, actor: Any) -> None:
    with transaction.atomic():
        user.totp_secret = ""
        user.totp_confirmed_at = None
        user.save(update_fields=["totp_secret", "totp_confirmed_at"])
        audit_record(actor=actor, action="accounts.user.totp_disabled", obj=user)


def builtin_roles_ensure(*, using: str = "default") -> None:
    """Create the built-in roles that are missing.

    The data migration makes them; this runs again after every ``migrate`` and ``flush`` (the
    ``post_migrate`` signal, as Django does for permissions), so tests that empty the tables
    get them back."""
    from .capabilities import BUILTIN_ROLES

    for code, (name_vi, name_en, caps, network_wide) in BUILTIN_ROLES.items():
        Role.objects.using(using).get_or_create(
            code=code,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "capabilities": sorted(caps),
                "network_wide": network_wide,
            },
        )
