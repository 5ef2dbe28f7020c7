"""Writes of the accounts app: staff accounts, memberships and the TOTP second factor.

Every service checks that the actor may manage the library (or the network) it touches, writes
in one transaction and records an audit entry. A library administrator manages the memberships
of his own library; a network administrator those of every library of his network and the
network-wide roles.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import check_password, make_password
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
from .models import Membership, RecoveryCode, Role, User
from .permissions import can, can_in_network
from .totp import totp_matches

if TYPE_CHECKING:
    from thuvien.network.models import Library, Network


def may_manage_library(actor: User | None, library: Library) -> bool:
    return can(actor, Capability.ADMINISTER_LIBRARY, library) or can(
        actor, Capability.ADMINISTER_NETWORK, library
    )


def may_manage_network(actor: User | None, network: Network) -> bool:
    return can_in_network(actor, Capability.ADMINISTER_NETWORK, network.pk)


def _check_target(
    *, actor: User | None, role: Role, library: Library | None, network: Network
) -> None:
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
    *, actor: User | None, username: str, full_name: str, email: str, password: str
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
    *, actor: User | None, user: User, role: Role, network: Network, library: Library | None = None
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


def staff_member_add(
    *,
    actor: User | None,
    role: Role,
    network: Network,
    library: Library | None,
    username: str,
    create: bool = False,
    full_name: str = "",
    email: str = "",
    password: str = "",
) -> tuple[User, Membership]:
    """Give a person ``role`` in ``library`` (or network-wide): an existing account named
    ``username``, or with ``create`` a new one. All or nothing: a new account whose membership
    is refused is not kept. ``user_not_found`` when the account does not exist."""
    with transaction.atomic():
        if create:
            user = staff_user_create(
                actor=actor, username=username, full_name=full_name, email=email, password=password
            )
        else:
            found = User.objects.filter(username__iexact=username.strip()).first()
            if found is None:
                raise AccountsError(
                    AccountsErrorCode.USER_NOT_FOUND,
                    _("Không có tài khoản nào tên %(username)s. Chọn “Tạo tài khoản mới” để tạo.")
                    % {"username": username},
                    field="username",
                )
            user = found
        membership = membership_add(
            actor=actor, user=user, role=role, network=network, library=library
        )
    return user, membership


def network_admin_for(library: Library) -> User | None:
    """An active account that administers the library's network (the actor of writes made by
    the operator's commands and the demo), else the first superuser."""
    superuser = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    for membership in (
        Membership.objects.filter(network=library.network, library__isnull=True)
        .filter(user__is_active=True)
        .select_related("role", "user")
        .order_by("pk")
    ):
        if membership.role.grants(Capability.ADMINISTER_NETWORK):
            return membership.user
    return superuser


def kiosk_account_ensure(
    *, library: Library, username: str, password: str | None = None, actor: User | None = None
) -> tuple[User, str | None]:
    """Create (or find) the self-check kiosk account ``username`` with the circulation role in
    ``library``: a kiosk logs in (SIP2 message 93) like a librarian and its transactions are
    recorded under that account. Written as a network administrator of the library's network.

    Returns (user, password) — the password only when the account was created now (a random
    one unless given). Idempotent: running it again changes nothing.
    """
    actor = actor or network_admin_for(library)
    if actor is None:
        raise AccountsError(
            AccountsErrorCode.NO_ACTOR,
            _("Chưa có quản trị mạng lưới để tạo tài khoản; hãy tạo trên trang cán bộ."),
        )
    with transaction.atomic():
        user = User.objects.filter(username__iexact=username).first()
        created_password = None
        if user is None:
            created_password = password or secrets.token_urlsafe(12)
            user = staff_user_create(
                actor=actor,
                username=username,
                full_name=f"Máy tự phục vụ {library.name_vi}",
                email="",
                password=created_password,
            )
        role = Role.objects.get(code="circulation")
        if not Membership.objects.filter(user=user, library=library, role=role).exists():
            membership_add(
                actor=actor, user=user, role=role, network=library.network, library=library
            )
    return user, created_password


def _check_not_self_demotion(*, actor: User | None, membership: Membership) -> None:
    admin_caps = {Capability.ADMINISTER_LIBRARY, Capability.ADMINISTER_NETWORK}
    if membership.user_id == getattr(actor, "pk", None) and admin_caps & set(
        membership.role.capabilities
    ):
        raise AccountsError(
            AccountsErrorCode.LAST_ADMIN,
            _("Bạn không thể tự bỏ quyền quản trị của chính mình."),
        )


def membership_change_role(*, actor: User | None, membership: Membership, role: Role) -> Membership:
    if role.pk == membership.role_id:
        return membership
    _check_target(
        actor=actor, role=membership.role, library=membership.library, network=membership.network
    )
    _check_target(actor=actor, role=role, library=membership.library, network=membership.network)
    _check_not_self_demotion(actor=actor, membership=membership)
    same = Membership.objects.filter(
        user_id=membership.user_id, role=role, network_id=membership.network_id
    )
    if membership.library_id is None:
        same = same.filter(library__isnull=True)
    else:
        same = same.filter(library_id=membership.library_id)
    if same.exists():
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


def membership_remove(*, actor: User | None, membership: Membership) -> None:
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


def user_set_working_library(*, user: User, library: Library) -> None:
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


def totp_disable(*, user: User, actor: User | None) -> None:
    with transaction.atomic():
        user.totp_secret = ""
        user.totp_confirmed_at = None
        user.save(update_fields=["totp_secret", "totp_confirmed_at"])
        RecoveryCode.objects.filter(user=user).delete()
        audit_record(actor=actor, action="accounts.user.totp_disabled", obj=user)


# --- Recovery codes and the lost-phone procedure (docs/guides/accounts.md) --------------------

RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: codes are copied from paper. 10 characters of 31 carry about 49 bits.
_RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def recovery_code_normalise(text: Any) -> str:
    """What a person typed, as stored: lower case, without spaces or hyphens."""
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


def recovery_code_looks_like(text: Any) -> bool:
    code = recovery_code_normalise(text)
    return len(code) == 10 and all(ch in _RECOVERY_ALPHABET for ch in code)


def recovery_codes_generate(*, user: User, actor: User | None) -> list[str]:
    """Make ten new single-use codes for ``user`` (the old ones stop working) and return them
    for showing once, as ``abcde-fghij``; only their password hashes are kept."""
    if not user.has_totp:
        raise AccountsError(
            AccountsErrorCode.TOTP_NOT_ENROLLED,
            _("Hãy bật xác thực hai bước trước khi tạo mã khôi phục."),
        )
    plain = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _i in range(10))
        for _n in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            [RecoveryCode(user=user, code_hash=make_password(code)) for code in plain]
        )
        audit_record(
            actor=actor,
            action="accounts.user.recovery_codes_generated",
            obj=user,
            changes={"recovery_codes": [None, RECOVERY_CODE_COUNT]},
        )
    return [f"{code[:5]}-{code[5:]}" for code in plain]


def recovery_code_use(*, user: User, code: Any) -> bool:
    """Spend one of ``user``'s unused codes; False if ``code`` is none of them.

    The user's row is locked while the codes are compared, so one code cannot log in twice
    from two requests at once. Every use is audited with the number of codes left.
    """
    typed = recovery_code_normalise(code)
    if not recovery_code_looks_like(typed):
        return False
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        unused = list(RecoveryCode.objects.filter(user=user, used_at__isnull=True))
        match = next((row for row in unused if check_password(typed, row.code_hash)), None)
        if match is None:
            return False
        match.used_at = timezone.now()
        match.save(update_fields=["used_at"])
        audit_record(
            actor=user,
            action="accounts.user.recovery_code_used",
            obj=user,
            changes={"recovery_codes_left": [len(unused), len(unused) - 1]},
        )
    return True


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def may_reset_second_factor(actor: Any, user: User) -> bool:
    """A superuser, or a network administrator of every network where ``user`` has a role
    (so the administrator of one province cannot weaken a person who also works in another)."""
    if not getattr(actor, "is_authenticated", False) or actor.pk == user.pk:
        return False
    if actor.is_superuser:
        return True
    networks = set(Membership.objects.filter(user=user).values_list("network_id", flat=True))
    return bool(networks) and all(
        can_in_network(actor, Capability.ADMINISTER_NETWORK, pk) for pk in networks
    )


def totp_reset(*, user: User, actor: User | None, reason: str, by_operator: bool = False) -> None:
    """Turn off ``user``'s second factor and recovery codes for a person who lost the phone
    and every code, after the administrator has checked who is asking (the reason says how).

    The person then logs in with the password and enrols again (a network administrator is
    sent to enrolment at once). ``by_operator`` is the last resort of ``thuvien totp-reset``,
    run on the server by whoever operates it (the only network administrator lost the phone).
    """
    if not by_operator and not may_reset_second_factor(actor, user):
        raise AccountsError(
            AccountsErrorCode.TOTP_RESET_FORBIDDEN,
            _(
                "Chỉ quản trị mạng lưới của người này (hoặc quản trị hệ thống) mới được đặt lại "
                "xác thực hai bước."
            ),
        )
    reason = " ".join(str(reason or "").split())[:300]
    if not reason:
        raise AccountsError(
            AccountsErrorCode.REASON_REQUIRED,
            _("Hãy ghi lý do và cách đã xác minh người yêu cầu."),
            field="reason",
        )
    with transaction.atomic():
        user.totp_secret = ""
        user.totp_confirmed_at = None
        user.save(update_fields=["totp_secret", "totp_confirmed_at"])
        RecoveryCode.objects.filter(user=user).delete()
        membership = Membership.objects.filter(user=user).select_related("network").first()
        audit_record(
            actor=actor,
            action="accounts.user.totp_reset",
            obj=user,
            network=membership.network if membership else None,
            changes={
                "two_factor": [True, False],
                "reason": [None, reason],
                "by": [None, "operator" if by_operator else "administrator"],
            },
        )


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


def api_token_issue(*, user: User) -> str:
    """The user's REST API token, made the first time it is asked for (the token endpoint
    checks the credentials first)."""
    from rest_framework.authtoken.models import Token

    token, _created = Token.objects.get_or_create(user=user)
    return str(token.key)
