"""Tenancy, attacked from the URL conf: every staff and API URL that takes an object id, for
every role, against an object of another library and of another network, answers exactly as
for an id that does not exist (404; 403 for both when the role may not use the page at all).

The routes come from walking the resolver, so a new URL with an id fails here until it is
described below: which model its id names and whether that model belongs to a library or to a
network. Objects come from the demo network (two networks, a dozen libraries, readers, loans,
holds, fees, payments, postal requests, stocktakes, evaluations, jobs). A URL that shows data
of every network on purpose is listed in NETWORK_WIDE with the reason.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_scopes import scopes_disabled

from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY
from thuvien.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LIB, NET = "library", "network"
NETLIB = "library, read network-wide"  # a library's object on a network-level page
# route -> (model, owner, {url kwarg: attribute of the object})
S = dict[str, tuple[str, str, dict[str, str]]]
LOC = {"code": "library.code", "pk": "pk"}
SPEC: S = {
    "staff/network/libraries/<str:code>/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/edit/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/move/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/status/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/locations/new/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/locations/<int:pk>/": ("network.Location", LIB, LOC),
    "staff/network/libraries/<str:code>/hours/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/closed-days/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/closed-days/<int:pk>/delete/": (
        "network.ClosedDay",
        LIB,
        LOC,
    ),
    "staff/network/libraries/<str:code>/settings/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/featured/": ("network.Library", LIB, {"code": "code"}),
    "staff/network/libraries/<str:code>/featured/<int:pk>/": (
        "network.FeaturedCollection",
        LIB,
        LOC,
    ),
    "staff/network/libraries/<str:code>/featured/<int:pk>/delete/": (
        "network.FeaturedCollection",
        LIB,
        LOC,
    ),
    "staff/network/libraries/<str:code>/featured/<int:pk>/move/": (
        "network.FeaturedCollection",
        LIB,
        LOC,
    ),
    "staff/network/featured/<int:pk>/": ("network.FeaturedCollection", NET, {"pk": "pk"}),
    "staff/network/featured/<int:pk>/delete/": ("network.FeaturedCollection", NET, {"pk": "pk"}),
    "staff/network/featured/<int:pk>/move/": ("network.FeaturedCollection", NET, {"pk": "pk"}),
    "staff/network/groups/<int:pk>/": ("network.LibraryGroup", NET, {"pk": "pk"}),
    "staff/network/closed-days/<int:pk>/delete/": ("network.ClosedDay", NET, {"pk": "pk"}),
    "staff/people/<int:pk>/": ("accounts.Membership", LIB, {"pk": "pk"}),
    "staff/people/<int:pk>/remove/": ("accounts.Membership", LIB, {"pk": "pk"}),
    "staff/people/<int:pk>/reset-2fa/": ("accounts.Membership", LIB, {"pk": "pk"}),
    "staff/jobs/<int:pk>/": ("core.Job", LIB, {"pk": "pk"}),
    "staff/jobs/<int:pk>/report/": ("core.Job", LIB, {"pk": "pk"}),
    "staff/catalog/records/<int:pk>/": ("catalog.Record", NET, {"pk": "pk"}),
    "staff/catalog/records/<int:pk>/form/": ("catalog.Record", NET, {"pk": "pk"}),
    "staff/catalog/records/<int:pk>/marc/": ("catalog.Record", NET, {"pk": "pk"}),
    "staff/catalog/records/<int:record_pk>/items/add/": (
        "catalog.Record",
        NET,
        {"record_pk": "pk"},
    ),
    "staff/catalog/items/<int:pk>/": ("holdings.Item", LIB, {"pk": "pk"}),
    "staff/catalog/authorities/<int:pk>/": ("catalog.Authority", NET, {"pk": "pk"}),
    "staff/circulation/slips/hold/<int:pk>/": ("circulation.Hold", LIB, {"pk": "pk"}),
    "staff/circulation/slips/transit/<int:pk>/": ("circulation.Transit", LIB, {"pk": "pk"}),
    "staff/circulation/patrons/<int:pk>/": ("patrons.Patron", LIB, {"pk": "pk"}),
    "staff/circulation/patrons/<int:pk>/edit/": ("patrons.Patron", LIB, {"pk": "pk"}),
    "staff/circulation/patrons/<int:pk>/card.pdf": ("patrons.Patron", LIB, {"pk": "pk"}),
    "staff/circulation/patrons/<int:pk>/export.json": ("patrons.Patron", LIB, {"pk": "pk"}),
    "staff/circulation/patrons/<int:pk>/fees/<slug:action>/": (
        "patrons.Patron",
        LIB,
        {"pk": "pk", "action": "=pay"},
    ),
    "staff/circulation/patrons/<int:pk>/hold/": ("patrons.Patron", LIB, {"pk": "pk"}),
    "staff/circulation/holds/<int:pk>/cancel/": ("circulation.Hold", LIB, {"pk": "pk"}),
    "staff/circulation/loans/<int:pk>/<slug:kind>/": (
        "circulation.Loan",
        LIB,
        {"pk": "pk", "kind": "=lost"},
    ),
    "staff/circulation/fees/<int:pk>/undo-lost/": ("circulation.Fee", LIB, {"pk": "pk"}),
    "staff/circulation/patrons/<int:pk>/<slug:action>/": (
        "patrons.Patron",
        LIB,
        {"pk": "pk", "action": "=block"},
    ),
    "staff/circulation/receipts/<int:pk>/": ("circulation.Payment", LIB, {"pk": "pk"}),
    "staff/circulation/rules/<int:pk>/delete/": ("circulation.LoanRule", LIB, {"pk": "pk"}),
    "staff/circulation/postal/<int:pk>/<slug:action>/": (
        "circulation.PostalRequest",
        LIB,
        {"pk": "pk", "action": "=pack"},
    ),
    "staff/oversight/evaluations/<int:pk>/": ("oversight.Evaluation", NETLIB, {"pk": "pk"}),
    "staff/oversight/evaluations/library/<int:pk>/": ("oversight.Evaluation", LIB, {"pk": "pk"}),
    "staff/oversight/targets/<int:pk>/": ("oversight.Target", NET, {"pk": "pk"}),
    "staff/oversight/stocktakes/<int:pk>/": ("oversight.Stocktake", LIB, {"pk": "pk"}),
    "staff/oversight/stocktakes/<int:pk>/scan/": ("oversight.Stocktake", LIB, {"pk": "pk"}),
    "staff/oversight/stocktakes/<int:pk>/close/": ("oversight.Stocktake", LIB, {"pk": "pk"}),
    "api/v1/memberships/<int:pk>/": ("accounts.Membership", LIB, {"pk": "pk"}),
}

# URLs with an id that show every network's data on purpose, and why.
NETWORK_WIDE = {
    "api/v1/^networks/(?P<code>[A-Za-z0-9][A-Za-z0-9_-]*)/$": "the public directory of networks",
    "api/v1/^libraries/(?P<code>[A-Za-z0-9][A-Za-z0-9_-]*)/$": "the public directory of libraries",
    "api/v1/^libraries/(?P<code>[A-Za-z0-9][A-Za-z0-9_-]*)/locations/$": (
        "public: where a library's rooms are (opening hours, addresses)"
    ),
    "api/v1/^groups/(?P<pk>[^/.]+)/$": "public: which libraries form a group",
    "api/v1/records/<int:pk>/": "the public union catalogue (the portal shows every record)",
    "api/v1/records/<int:pk>/items/": "public holdings of the union catalogue, as on the portal",
}
# Pages merged on 2026-12-07 (digital library, visibility, oversight, harvest, AI) whose
# cross-library cases are not yet written here: each answers another library's object through
# a selector that takes the library (a 404), tested in its own app; to move into SPEC (issue 17).
NOT_YET_IN_MATRIX = {
    "staff/network/libraries/<str:code>/visibility/",
    "staff/catalog/records/<int:pk>/entities/find/",
    "staff/catalog/records/<int:pk>/entities/<int:entity_pk>/accept/",
    "staff/catalog/records/<int:pk>/entities/<int:entity_pk>/reject/",
    "staff/digital/<int:pk>/",
    "staff/digital/<int:pk>/bag",
    "staff/digital/<int:pk>/page/<int:seq>/",
    "staff/oversight/training/credential/<int:pk>/scan/",
    "staff/oversight/reports/schedules/<int:pk>/stop/",
    "staff/oversight/reports/<int:pk>/file/",
    "staff/oversight/weeding/<int:pk>/",
    "staff/oversight/weeding/<int:pk>/remove/",
    "staff/oversight/weeding/<int:pk>/approve/",
    "staff/harvest/<int:pk>/",
    "staff/harvest/<int:pk>/edit/",
    "staff/harvest/<int:pk>/run/",
    "staff/harvest/runs/<int:pk>/",
    # online payments and remote copying (issue 14): the demo has no digital objects, orders or
    # copy requests yet; another library's id answers 404 in opac/payments/tests
    # (test_refunds, test_copies, test_downloads)
    "staff/payments/<int:pk>/refund/",
    "staff/payments/copies/<int:pk>/decide/",
    "staff/payments/objects/<int:pk>/fees/",
}
# Parameters in an address that are not an object's id.
NOT_AN_ID = {
    "staff/catalog/import/<str:token>/": "an upload's random name, kept in the uploader's session",
    "staff/circulation/reports/<slug:name>/": "a report's name; the library is the session's",
}
ID_PARAM = re.compile(r"<(?:\w+:)?(pk|code|record_pk|token|name|barcode|card_number)>|\(\?P<")

ROLES_NETWORK = ["admin", "thanhtra"]  # network administrator, oversight officer (Hưng Yên)
ROLES_LIBRARY = ["tinh.quantri", "tinh.bienmuc", "tinh.luuthong", "tinh.bandoc", "tinh.sohoa"]
HOME = "HY-TINH"


def _walk(patterns: Any, prefix: str = "") -> Any:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _routes_with_ids() -> list[str]:
    return [
        r
        for r in _walk(get_resolver().url_patterns)
        if r.startswith(("staff/", "api/")) and ID_PARAM.search(r)
    ]


def test_every_url_with_an_id_is_described():
    unknown = [
        r
        for r in _routes_with_ids()
        if r not in SPEC and r not in NETWORK_WIDE and r not in NOT_AN_ID
        and r not in NOT_YET_IN_MATRIX
    ]
    assert not unknown, "describe these URLs in SPEC (or say why they are network-wide):\n" + (
        "\n".join(unknown)
    )


def _attr(obj: Any, path: str) -> Any:
    if path.startswith("="):
        return path[1:]
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _url(route: str, values: dict[str, Any]) -> str:
    def sub(m: re.Match) -> str:
        return str(values[m.group(1)])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", sub, route)


def _missing(kwargs: dict[str, str]) -> dict[str, Any]:
    return {
        k: (v[1:] if v.startswith("=") else ("KHONG-CO" if k == "code" else 987654321))
        for k, v in kwargs.items()
    }


def _foreign(model: Any, owner: str, home: Any, *, other_network: bool) -> Any:
    """An object of another library of the home network, or of the other network."""
    qs = model.objects.all()
    names = {f.name for f in model._meta.get_fields()}
    if model._meta.label == "network.Library":
        lib_path, net_path = "pk", "network"
    elif "library" in names:
        lib_path, net_path = "library", "network" if "network" in names else "library__network"
    else:
        lib_path, net_path = None, "network"
    if lib_path == "library":
        qs = qs.filter(library__isnull=owner == NET)
    if owner == NETLIB:
        owner = NET
    if other_network:
        return qs.exclude(**{net_path: home.network}).order_by("pk").first()
    return (
        qs.filter(**{net_path: home.network})
        .exclude(**{lib_path: home if lib_path != "pk" else home.pk})
        .order_by("pk")
        .first()
    )


def _objects_the_demo_lacks() -> None:
    """What the demo does not make, in a library of each network and in the other network."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from thuvien.catalog.models import Authority
    from thuvien.circulation.models import LoanRule, Payment, PostalRequest, Transit
    from thuvien.core.models import Job
    from thuvien.holdings.models import Item
    from thuvien.network.models import ClosedDay, FeaturedCollection, Library
    from thuvien.oversight.models import Evaluation, Stocktake, Target

    now = timezone.now()
    for code in ("HY-PHOHIEN", "BN-TINH"):
        lib = Library.objects.get(code=code)
        net = lib.network
        item = Item.objects.filter(library=lib).first()
        for library in (lib, None):
            LoanRule.objects.get_or_create(
                network=net, library=library, patron_category="tre-em", item_type="matrix"
            )
            ClosedDay.objects.create(network=net, library=library, date=dt.date(2026, 9, 2))
            FeaturedCollection.objects.create(network=net, library=library, title_vi="Tủ sách")
            Job.objects.create(kind="catalog.import", title="Nhập", network=net, library=library)
        Payment.objects.create(
            library=lib, amount=Decimal("5000"), receipt_number=f"BL-{code}", created_at=now
        )
        PostalRequest.objects.create(library=lib, address="Số 1, Hưng Yên", created_at=now)
        Transit.objects.create(
            library=lib, from_library=lib, item=item, reason="return", sent_at=now
        )
        Evaluation.objects.create(library=lib, year=2026)
        Stocktake.objects.create(library=lib, started_at=now)
        if net.code != "hung-yen":
            Authority.objects.create(
                network=net, kind="personal", heading="Nguyễn Du", heading_folded="nguyen du"
            )
            Target.objects.create(
                network=net, measure="public_linked", deadline=2030, percent=Decimal("50")
            )


def _own(model: Any, owner: str, home: Any) -> Any:
    names = {f.name for f in model._meta.get_fields()}
    qs = model.objects.all()
    if model._meta.label == "network.Library":
        return home
    if "library" in names and owner != NET:
        return qs.filter(library=home).order_by("pk").first()
    if "library" in names:
        qs = qs.filter(library__isnull=True)
    return qs.filter(network=home.network).order_by("pk").first()


def _ask(client: Client, url: str) -> int:
    status = client.get(url).status_code
    if status == 405:
        status = client.post(url, {}).status_code
    return status


def test_no_role_reaches_an_object_of_another_library_or_network(django_db_blocker):
    with scopes_disabled():
        call_command("demo_data", records=40, verbosity=0)
        from thuvien.network.models import Library

        home = Library.objects.get(code=HOME)
        _objects_the_demo_lacks()
        cases: list[tuple[str, str, dict[str, Any], dict[str, Any], bool]] = []
        controls: list[str] = []
        absent = []
        for route, (label, owner, kwargs) in SPEC.items():
            model = apps.get_model(label)
            for other_network in (False, True):
                if owner in (NET, NETLIB) and not other_network:
                    continue  # a network's objects are every library's of that network
                obj = _foreign(model, owner, home, other_network=other_network)
                if obj is None:
                    absent.append(f"{label} ({'network' if other_network else 'library'})")
                    continue
                values = {k: _attr(obj, v) for k, v in kwargs.items()}
                cases.append((route, label, values, _missing(kwargs), other_network))
            own = _own(model, owner, home)
            if own is not None:
                controls.append(_url(route, {k: _attr(own, v) for k, v in kwargs.items()}))
        users = {
            u.username: u for u in User.objects.filter(username__in=ROLES_NETWORK + ROLES_LIBRARY)
        }
    assert not absent, "the demo lacks objects for: " + ", ".join(sorted(set(absent)))
    assert set(users) == set(ROLES_NETWORK + ROLES_LIBRARY)

    # The control: the network administrator opens the home network's own objects, so the
    # addresses are right and a 404 above means "refused", not "mistyped".
    admin = Client()
    admin.force_login(users["admin"])
    opened = [url for url in controls if admin.get(url).status_code in (200, 302)]
    assert len(controls) > 30 and len(opened) > len(controls) * 0.8, set(controls) - set(opened)

    leaks = []
    for username in ROLES_NETWORK + ROLES_LIBRARY:
        client = Client()
        client.force_login(users[username])
        session = client.session
        session[ACTIVE_LIBRARY_SESSION_KEY] = home.pk
        session.save()
        for route, label, values, missing, other_network in cases:
            if username in ROLES_NETWORK and not other_network:
                continue  # network-wide roles read every library of their network
            got = _ask(client, _url(route, values))
            absent_status = _ask(client, _url(route, missing))
            if got != absent_status or got not in (403, 404):
                leaks.append(
                    f"{username}: {_url(route, values)} ({label} of another "
                    f"{'network' if other_network else 'library'}) -> {got}, "
                    f"a missing one -> {absent_status}"
                )
    assert not leaks, "\n".join(leaks)
