"""Named capabilities. Roles are sets of them; views and API classes declare the one they need."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Capability(models.TextChoices):
    ADMINISTER_NETWORK = "can_administer_network", _("Quản trị mạng lưới")
    OVERSEE = "can_oversee", _("Thanh tra, giám sát (chỉ đọc)")
    ADMINISTER_LIBRARY = "can_administer_library", _("Quản trị thư viện")
    CATALOGUE = "can_catalogue", _("Biên mục")
    CIRCULATE = "can_circulate", _("Lưu thông")
    # Lend or renew past a rule (loan limit, expired card, ...) with a typed reason: Koha's
    # ``force_checkout``. Library and network administrators hold it; a desk role may be given it.
    OVERRIDE_CIRCULATION = "can_override_circulation", _("Bỏ qua quy định lưu thông (có lý do)")
    MANAGE_PATRONS = "can_manage_patrons", _("Quản lý bạn đọc")
    DIGITISE = "can_digitise", _("Số hóa")


ALL_CAPABILITIES: frozenset[str] = frozenset(c.value for c in Capability)

# The capabilities whose work is with readers themselves: who they are, how to reach them, what
# they borrow, hold, pay and ask for. Their pages show readers' personal data (Decree 13/2023,
# Law 91/2025), which an inspection under Decision 206 does not need: it reads figures, targets,
# evaluations and reports, never a reader's name, contacts or loans.
READERS_DATA_CAPABILITIES: frozenset[str] = frozenset(
    {Capability.CIRCULATE, Capability.OVERRIDE_CIRCULATION, Capability.MANAGE_PATRONS}
)

# Capabilities that an oversight officer may exercise for reading (GET) in every library: every
# page but the network's administration and the readers' own data (least privilege). A page
# declared with another capability that still shows readers' data says so
# (``requires(..., readers_data=True)``) and is closed to the officer too.
READ_ONLY_FOR_OVERSIGHT: frozenset[str] = (
    ALL_CAPABILITIES - {Capability.ADMINISTER_NETWORK} - READERS_DATA_CAPABILITIES
)

# The roles every network starts with: code -> (Vietnamese name, English name, capabilities,
# network-wide?). Network-wide roles are held at network level, the others per library.
BUILTIN_ROLES: dict[str, tuple[str, str, frozenset[str], bool]] = {
    "network_admin": ("Quản trị mạng lưới", "Network administrator", ALL_CAPABILITIES, True),
    "oversight_officer": (
        "Cán bộ quản lý nhà nước",
        "Oversight officer",
        frozenset({Capability.OVERSEE}),
        True,
    ),
    "library_admin": (
        "Quản trị thư viện",
        "Library administrator",
        ALL_CAPABILITIES - {Capability.ADMINISTER_NETWORK, Capability.OVERSEE},
        False,
    ),
    "cataloguer": ("Cán bộ biên mục", "Cataloguer", frozenset({Capability.CATALOGUE}), False),
    "circulation": (
        "Cán bộ lưu thông",
        "Circulation librarian",
        frozenset({Capability.CIRCULATE}),
        False,
    ),
    "circulation_lead": (
        "Cán bộ lưu thông chính (được bỏ qua quy định)",
        "Lead circulation librarian (may override rules)",
        frozenset({Capability.CIRCULATE, Capability.OVERRIDE_CIRCULATION}),
        False,
    ),
    "patron_manager": (
        "Cán bộ quản lý bạn đọc",
        "Patron manager",
        frozenset({Capability.MANAGE_PATRONS}),
        False,
    ),
    "digitiser": ("Cán bộ số hóa", "Digitisation staff", frozenset({Capability.DIGITISE}), False),
}
