"""People who log in, roles as sets of capabilities, and staff memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .capabilities import Capability


class User(AbstractUser):
    """A person who logs in: staff, reader, or both.

    Readers may log in with their card number or e-mail (the patrons app adds the backend).
    """

    email = models.EmailField(_("thư điện tử"), blank=True, db_index=True)
    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    preferred_language = models.CharField(
        _("ngôn ngữ"), max_length=5, default="vi", choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )
    # Lock-out after repeated failed logins.
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # TOTP second factor (RFC 6238); the secret is only stored once confirmed.
    totp_secret = models.CharField(max_length=64, blank=True)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True)
    # The library a person chose to work for (staff of several libraries, network admins):
    # kept across logins, since a session starts empty at each login.
    working_library = models.ForeignKey(
        "network.Library",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("thư viện đang làm việc"),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        """The name people call this person by (Vietnamese names are one field, not first and
        last): the header shows it instead of a login such as ``reader-hytinh000001``."""
        return self.full_name or super().get_full_name()

    def get_short_name(self) -> str:
        return self.full_name or super().get_short_name()

    @property
    def has_totp(self) -> bool:
        return bool(self.totp_secret and self.totp_confirmed_at)


class Role(models.Model):
    """A named set of capabilities. Built-in roles are created by a data migration."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=100)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=100, blank=True)
    capabilities = models.JSONField(_("quyền"), default=list)
    network_wide = models.BooleanField(
        _("toàn mạng lưới"),
        default=False,
        help_text=_("Vai trò cấp mạng lưới áp dụng cho mọi thư viện của mạng lưới."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi

    def grants(self, capability: Capability | str) -> bool:
        return str(capability) in self.capabilities


class Membership(models.Model):
    """Person × library × role. With ``library`` empty the role holds across the network."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey(
        "network.Library",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "library", "role"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["user", "network", "role"],
                condition=models.Q(library__isnull=True),
                name="membership_network_unique",
            ),
        ]
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")

    def __str__(self) -> str:
        where = self.library or self.network
        return f"{self.user} · {self.role} · {where}"


class RecoveryCode(models.Model):
    """One single-use code that stands in for the second factor when the phone is lost.

    Ten are made at enrolment (and again on request, replacing the rest) and shown once; only a
    hash made with the project's password hasher is kept, so a copy of the database gives
    nobody a way in. ``used_at`` is set when a code is spent.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã khôi phục")
        verbose_name_plural = _("mã khôi phục")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
