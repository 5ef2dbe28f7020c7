"""Who may do what where. Every view declares its need in one place.

- ``@public_view``: anyone (the public portal, health checks);
- ``@login_required_view``: any logged-in person (a reader's own account pages);
- ``@requires(Capability.X)`` / ``CapabilityRequiredMixin``: staff holding X in the active
  library (``request.library``), or network-wide. An oversight officer passes the read-only
  (GET/HEAD) checks of ``READ_ONLY_FOR_OVERSIGHT`` and no write: never the pages of readers'
  own data (circulation, readers), nor a page declared ``readers_data=True``.

A test walks every URL and fails on a view that declares nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from thuvien.core.access import ACCESS_ATTR as ACCESS_ATTR
from thuvien.core.access import mark_access as _mark
from thuvien.core.access import public_view as public_view

from .capabilities import ALL_CAPABILITIES, READ_ONLY_FOR_OVERSIGHT, Capability

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class StaffAccess:
    """The capabilities a person holds, per library and network-wide, loaded once per request."""

    library_caps: dict[int, frozenset[str]] = field(default_factory=dict)
    library_network: dict[int, int] = field(default_factory=dict)
    network_caps: dict[int, frozenset[str]] = field(default_factory=dict)
    superuser: bool = False
    # The library of the person's first appointment (their oldest library membership): where
    # they start when they have chosen no library yet.
    home_library_id: int | None = None

    def caps_for(self, library: Any) -> frozenset[str]:
        if library is None:
            return frozenset()
        if self.superuser:
            return ALL_CAPABILITIES
        return self.library_caps.get(library.pk, frozenset()) | self.network_caps.get(
            library.network_id, frozenset()
        )

    def network_caps_for(self, network_id: int | None) -> frozenset[str]:
        if self.superuser:
            return ALL_CAPABILITIES
        return self.network_caps.get(network_id, frozenset()) if network_id else frozenset()

    @property
    def is_staff_anywhere(self) -> bool:
        return self.superuser or bool(self.library_caps or self.network_caps)


def staff_access(user: Any) -> StaffAccess:
    """The person's capabilities; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return StaffAccess()
    cached = getattr(user, "_thuvien_access", None)
    if cached is not None:
        return cached
    from .models import Membership

    access = StaffAccess(superuser=bool(user.is_superuser))
    lib: dict[int, set[str]] = {}
    net: dict[int, set[str]] = {}
    rows = (
        Membership.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list("library_id", "network_id", "role__capabilities")
    )
    for library_id, network_id, caps in rows:
        if library_id is None:
            net.setdefault(network_id, set()).update(caps)
        else:
            lib.setdefault(library_id, set()).update(caps)
            access.library_network[library_id] = network_id
            if access.home_library_id is None:
                access.home_library_id = library_id
    access.library_caps = {k: frozenset(v) for k, v in lib.items()}
    access.network_caps = {k: frozenset(v) for k, v in net.items()}
    user._thuvien_access = access
    return access


def _oversight_reads(caps: frozenset[str], cap: str, *, write: bool, readers_data: bool) -> bool:
    """The oversight officer's pass: reading, a capability of ``READ_ONLY_FOR_OVERSIGHT``, and
    nothing that shows readers' personal data."""
    return (
        not write
        and not readers_data
        and Capability.OVERSEE in caps
        and cap in READ_ONLY_FOR_OVERSIGHT
    )


def can(
    user: Any,
    capability: Capability | str,
    library: Any,
    *,
    write: bool = True,
    readers_data: bool = False,
) -> bool:
    """Does ``user`` hold ``capability`` in ``library``? Oversight passes reads only, and no
    read of readers' personal data (``readers_data``)."""
    caps = staff_access(user).caps_for(library)
    cap = str(capability)
    if cap in caps:
        return True
    return _oversight_reads(caps, cap, write=write, readers_data=readers_data)


def can_in_network(
    user: Any,
    capability: Capability | str,
    network_id: int | None,
    *,
    write: bool = True,
    readers_data: bool = False,
) -> bool:
    """Does ``user`` hold ``capability`` network-wide (network admin, oversight officer)?"""
    caps = staff_access(user).network_caps_for(network_id)
    cap = str(capability)
    if cap in caps:
        return True
    return _oversight_reads(caps, cap, write=write, readers_data=readers_data)


def login_required_view(view: Callable) -> Callable:
    """Declare a view for any logged-in person (e.g. a reader's own account)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return view(request, *args, **kwargs)

    return _mark(wrapped, "authenticated")


def check_capability(
    request: HttpRequest,
    capability: Capability | str,
    *,
    network_wide: bool = False,
    readers_data: bool = False,
) -> None:
    """Raise PermissionDenied unless the request may exercise ``capability``."""
    if not request_may(
        request, (capability,), network_wide=network_wide, readers_data=readers_data
    ):
        raise PermissionDenied


def request_may(
    request: HttpRequest,
    capabilities: tuple[Capability | str, ...],
    *,
    network_wide: bool = False,
    method: str | None = None,
    readers_data: bool = False,
) -> bool:
    """May this request's user exercise any of ``capabilities`` (with ``method``, by default
    the request's own) in the active library, or network-wide? ``readers_data``: the page
    shows readers' personal data, which no oversight officer reads."""
    write = (method or request.method or "GET").upper() not in SAFE_METHODS
    for capability in capabilities:
        if network_wide:
            network = getattr(request, "network", None)
            ok = can_in_network(
                request.user,
                capability,
                network.pk if network else None,
                write=write,
                readers_data=readers_data,
            )
        else:
            ok = can(
                request.user,
                capability,
                getattr(request, "library", None),
                write=write,
                readers_data=readers_data,
            )
        if ok:
            return True
    return False


@dataclass(frozen=True)
class Requirement:
    """What a view declared: any one of ``capabilities``, in the library or network-wide;
    ``readers_data``: the page shows readers' personal data (closed to oversight);
    ``for_writing``: the page is a form that writes, opened only by who may write."""

    capabilities: tuple[str, ...]
    network_wide: bool = False
    readers_data: bool = False
    for_writing: bool = False


REQUIREMENT_ATTR = "thuvien_requirement"


def requires(
    *capabilities: Capability | str,
    network_wide: bool = False,
    readers_data: bool = False,
    for_writing: bool = False,
) -> Callable:
    """Declare that a function view needs one of ``capabilities`` in the active library (or
    network). ``readers_data=True``: the page shows readers' personal data (names, contacts,
    loans, payments, requests) under a capability an oversight officer otherwise reads with;
    he is refused it. ``for_writing=True``: the page exists to write (a new record, an edit
    form, an import): even opening it needs the capability to write, so a read-only role is
    neither shown the form nor a link to it. Pages read the same declaration to show only what
    a person may use (``view_allowed``)."""
    if not capabilities:
        raise TypeError("requires() needs at least one capability")
    caps = tuple(str(c) for c in capabilities)

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not request_may(
                request,
                caps,
                network_wide=network_wide,
                readers_data=readers_data,
                method="POST" if for_writing else None,
            ):
                from .security import permission_denial_record

                permission_denial_record(
                    user=request.user,
                    network=getattr(request, "network", None),
                    path=request.path,
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        setattr(
            wrapped,
            REQUIREMENT_ATTR,
            Requirement(caps, network_wide, readers_data, for_writing),
        )
        return _mark(wrapped, "capability:" + "|".join(caps))

    return decorate


def view_allowed(request: HttpRequest, path: str, *, method: str = "GET") -> bool:
    """Would the view behind ``path`` let this request's user in with ``method``?

    Read from the view's own declaration (``requires`` / ``CapabilityRequiredMixin``), so a
    button is shown exactly when pressing it is allowed: there is no second copy of the rule.
    A view that checks more after its declaration (an object-level rule) offers that check
    to its templates itself."""
    from django.urls import Resolver404, resolve

    if not getattr(request.user, "is_authenticated", False):
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    view = match.func
    requirement = getattr(view, REQUIREMENT_ATTR, None)
    if requirement is None:
        view_class = getattr(view, "view_class", None)
        cap = getattr(view_class, "required_capability", None)
        if cap is None:
            return getattr(view, ACCESS_ATTR, None) in ("public", "authenticated")
        requirement = Requirement(
            (str(cap),),
            bool(getattr(view_class, "network_wide", False)),
            bool(getattr(view_class, "readers_data", False)),
        )
    return request_may(
        request,
        requirement.capabilities,
        network_wide=requirement.network_wide,
        method="POST" if requirement.for_writing else method,
        readers_data=requirement.readers_data,
    )


class CapabilityRequiredMixin:
    """For class-based views: set ``required_capability`` (and ``network_wide``,
    ``readers_data`` if so)."""

    required_capability: Capability | str | None = None
    network_wide: bool = False
    readers_data: bool = False

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable:
        if cls.required_capability is None:
            raise TypeError(f"{cls.__name__} must declare required_capability")
        view = super().as_view(**initkwargs)  # type: ignore[misc]
        return _mark(view, f"capability:{cls.required_capability}")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        check_capability(
            request,
            self.required_capability,
            network_wide=self.network_wide,
            readers_data=self.readers_data,
        )
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
