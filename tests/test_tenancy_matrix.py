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
    "staff/catalog/items/<int:pk>/move/": ("holdings.Item", LIB, {"pk": "pk"}),
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
    "staff/oversight/libraries/<int:pk>/": ("network.Library", NETLIB, {"pk": "pk"}),
    "staff/oversight/evaluations/library/<int:pk>/": ("oversight.Evaluation", LIB, {"pk": "pk"}),
    "staff/oversight/targets/<int:pk>/": ("oversight.Target", NET, {"pk": "pk"}),
    "staff/oversight/stocktakes/<int:pk>/": ("oversight.Stocktake", LIB, {"pk": "pk"}),
    "staff/oversight/stocktakes/<int:pk>/scan/": ("oversight.Stocktake", LIB, {"pk": "pk"}),
    "staff/oversight/stocktakes/<int:pk>/close/": ("oversight.Stocktake", LIB, {"pk": "pk"}),
    "api/v1/memberships/<int:pk>/": ("accounts.Membership", LIB, {"pk": "pk"}),
    # The pages merged on 2026-12-07 (visibility, names found by AI, digital library, training,
    # kept reports, weeding, harvest); who may use each is in MAY below.
    "staff/network/libraries/<str:code>/visibility/": ("network.Library", LIB, {"code": "code"}),
    "staff/catalog/records/<int:pk>/entities/find/": ("catalog.Record", NET, {"pk": "pk"}),
    "staff/catalog/records/<int:pk>/entities/<int:entity_pk>/accept/": (
        "ai.EntityProposal",
        NET,
        {"pk": "record.pk", "entity_pk": "pk"},
    ),
    "staff/catalog/records/<int:pk>/entities/<int:entity_pk>/reject/": (
        "ai.EntityProposal",
        NET,
        {"pk": "record.pk", "entity_pk": "pk"},
    ),
    "staff/digital/<int:pk>/": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/bag": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/page/<int:seq>/": ("digital.Page", LIB, {"pk": "obj.pk", "seq": "seq"}),
    "staff/oversight/training/credential/<int:pk>/scan/": (
        "oversight.Credential",
        LIB,
        {"pk": "pk"},
    ),
    "staff/oversight/reports/schedules/<int:pk>/stop/": (
        "oversight.ReportSchedule",
        NET,
        {"pk": "pk"},
    ),
    "staff/oversight/reports/<int:pk>/file/": ("oversight.KeptReport", NET, {"pk": "pk"}),
    "staff/oversight/weeding/<int:pk>/": ("oversight.Weeding", LIB, {"pk": "pk"}),
    "staff/oversight/weeding/<int:pk>/remove/": ("oversight.Weeding", LIB, {"pk": "pk"}),
    "staff/oversight/weeding/<int:pk>/approve/": ("oversight.Weeding", LIB, {"pk": "pk"}),
    "staff/harvest/<int:pk>/": ("harvest.Partner", NET, {"pk": "pk"}),
    "staff/harvest/<int:pk>/edit/": ("harvest.Partner", NET, {"pk": "pk"}),
    "staff/harvest/<int:pk>/run/": ("harvest.Partner", NET, {"pk": "pk"}),
    "staff/harvest/runs/<int:pk>/": ("harvest.HarvestRun", NET, {"pk": "pk"}),
    # Merged later on 2026-12-07: the digitisation room after ingest (metadata, pages,
    # chapters, collections, grants), online payment and remote copying, a schedule's form.
    "staff/digital/collections/<int:pk>/": ("digital.Collection", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/metadata": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/crosswalk": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/publish": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/pages/": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/pages/move": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/pages/order": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/pages/<int:page_id>/replace": (
        "digital.Page",
        LIB,
        {"pk": "obj.pk", "page_id": "pk"},
    ),
    "staff/digital/<int:pk>/thumbnail": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/structure": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/structure/<int:range_id>/delete": (
        "digital.Range",
        LIB,
        {"pk": "obj.pk", "range_id": "pk"},
    ),
    "staff/digital/<int:pk>/collections": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/grants": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/digital/<int:pk>/grants/<int:grant_id>/delete": (
        "digital.AccessGrant",
        LIB,
        {"pk": "obj.pk", "grant_id": "pk"},
    ),
    "staff/payments/<int:pk>/refund/": ("payments.Order", LIB, {"pk": "pk"}),
    "staff/payments/copies/<int:pk>/decide/": ("digital.CopyRequest", LIB, {"pk": "pk"}),
    "staff/payments/objects/<int:pk>/fees/": ("digital.DigitalObject", LIB, {"pk": "pk"}),
    "staff/oversight/reports/schedules/<int:pk>/": ("oversight.ReportSchedule", NET, {"pk": "pk"}),
    # a receipt's number (BL-<library>-<year>-<n>) names it as an id does, and is guessable
    "staff/payments/receipts/<str:number>/": ("payments.Receipt", LIB, {"number": "number"}),
}

# Models whose owner is reached through another object: label -> (library path, network path).
OWNER_PATHS = {
    "ai.EntityProposal": (None, "record__network"),
    "harvest.HarvestRun": (None, "partner__network"),
}

# The expected answer of each actor, written out (not derived) for the pages above: the roles
# that MAY use the page (every other role gets 403, for its own library's object, another's and
# one that does not exist alike); a role that may gets 404 for another library's or network's
# object and for a missing one, and its own library's object opens (GET: 200 or a redirect; a
# page that only takes POST answers GET with 405 once the capability is passed).
NET_ADMIN = ("admin",)
CATALOGUERS = ("admin", "tinh.quantri", "tinh.bienmuc")
DIGITISERS = ("admin", "thanhtra", "tinh.quantri", "tinh.sohoa")  # thanhtra: reading
OVERSEERS = ("admin", "thanhtra")
# A page that only takes POST: the oversight officer reads (GET passes) but may not write, so
# the POST that follows is refused before the object is looked up.
DIGITISERS_WRITE = ("admin", "tinh.quantri", "tinh.sohoa")
# The pages of readers' own data (who they are, what they borrow and pay): the desk and the
# readers' managers, never the oversight officer (least privilege: an inspection reads figures).
READERS_STAFF = ("admin", "tinh.quantri", "tinh.luuthong", "tinh.bandoc")
MAY: dict[str, tuple[str, ...]] = {
    "staff/network/libraries/<str:code>/visibility/": NET_ADMIN,
    "staff/catalog/records/<int:pk>/entities/find/": CATALOGUERS,
    "staff/catalog/records/<int:pk>/entities/<int:entity_pk>/accept/": CATALOGUERS,
    "staff/catalog/records/<int:pk>/entities/<int:entity_pk>/reject/": CATALOGUERS,
    "staff/digital/<int:pk>/": DIGITISERS,
    "staff/digital/<int:pk>/bag": DIGITISERS,
    "staff/digital/<int:pk>/page/<int:seq>/": DIGITISERS,
    "staff/oversight/training/credential/<int:pk>/scan/": ("admin", "thanhtra", "tinh.quantri"),
    "staff/oversight/reports/schedules/<int:pk>/stop/": OVERSEERS,
    "staff/oversight/reports/<int:pk>/file/": OVERSEERS,
    "staff/oversight/weeding/<int:pk>/": ("admin", "thanhtra", "tinh.quantri", "tinh.bienmuc"),
    "staff/oversight/weeding/<int:pk>/remove/": CATALOGUERS,
    "staff/oversight/weeding/<int:pk>/approve/": ("admin", "tinh.quantri"),
    "staff/harvest/<int:pk>/": NET_ADMIN,
    "staff/harvest/<int:pk>/edit/": NET_ADMIN,
    "staff/harvest/<int:pk>/run/": NET_ADMIN,
    "staff/harvest/runs/<int:pk>/": NET_ADMIN,
    "staff/digital/collections/<int:pk>/": DIGITISERS,
    "staff/digital/<int:pk>/metadata": DIGITISERS,
    "staff/digital/<int:pk>/crosswalk": DIGITISERS_WRITE,
    "staff/digital/<int:pk>/publish": DIGITISERS_WRITE,
    "staff/digital/<int:pk>/pages/": DIGITISERS,
    "staff/digital/<int:pk>/pages/move": DIGITISERS_WRITE,
    "staff/digital/<int:pk>/pages/order": DIGITISERS_WRITE,
    "staff/digital/<int:pk>/pages/<int:page_id>/replace": DIGITISERS,
    "staff/digital/<int:pk>/thumbnail": DIGITISERS_WRITE,
    "staff/digital/<int:pk>/structure": DIGITISERS,
    "staff/digital/<int:pk>/structure/<int:range_id>/delete": DIGITISERS_WRITE,
    "staff/digital/<int:pk>/collections": DIGITISERS,
    "staff/digital/<int:pk>/grants": DIGITISERS_WRITE,  # names the readers granted: not thanhtra
    "staff/digital/<int:pk>/grants/<int:grant_id>/delete": DIGITISERS_WRITE,
    "staff/payments/<int:pk>/refund/": ("admin", "tinh.quantri"),  # can_administer_library
    "staff/payments/copies/<int:pk>/decide/": DIGITISERS_WRITE,
    "staff/payments/objects/<int:pk>/fees/": DIGITISERS,
    "staff/oversight/reports/schedules/<int:pk>/": OVERSEERS,
    "staff/oversight/libraries/<int:pk>/": OVERSEERS,
    # A receipt names the reader who paid: readers' data, which the inspector does not read.
    "staff/payments/receipts/<str:number>/": ("admin", "tinh.quantri", "tinh.luuthong"),
    "staff/circulation/patrons/<int:pk>/": READERS_STAFF,
    "staff/circulation/patrons/<int:pk>/card.pdf": READERS_STAFF,
    "staff/circulation/patrons/<int:pk>/export.json": ("admin", "tinh.quantri", "tinh.bandoc"),
    "staff/circulation/slips/hold/<int:pk>/": ("admin", "tinh.quantri", "tinh.luuthong"),
    "staff/circulation/receipts/<int:pk>/": ("admin", "tinh.quantri", "tinh.luuthong"),
}

# Pages whose POST takes a second id in the form rather than the address: route -> (form
# field, model of that id, other fields). The home library's own object with another library's
# (or network's) child id in the form answers 404 too, to a role that may write there (the
# others get 403: the oversight officer only reads).
FORM_IDS: dict[str, tuple[str, str, dict[str, str]]] = {
    "staff/digital/<int:pk>/pages/move": ("page", "digital.Page", {"direction": "down"}),
    "staff/digital/<int:pk>/thumbnail": ("page", "digital.Page", {}),
    "staff/digital/<int:pk>/collections": ("collection", "digital.Collection", {"op": "add"}),
}
FORM_WRITERS = DIGITISERS_WRITE

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
# Parameters in an address that are not an object's id.
NOT_AN_ID = {
    "staff/catalog/import/<str:token>/": "an upload's random name, kept in the uploader's session",
    "staff/circulation/reports/<slug:name>/": "a report's name; the library is the session's",
}
ID_PARAM = re.compile(
    r"<(?:\w+:)?(pk|code|record_pk|token|name|barcode|card_number|number)>|\(\?P<"
)

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
    elif model._meta.label in OWNER_PATHS:
        lib_path, net_path = OWNER_PATHS[model._meta.label]
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


def _objects_of_the_new_pages() -> None:
    """Objects of the pages merged on 2026-12-07, in the home library, another library of the
    home network and a library of the other network (and in each network)."""
    import datetime as dt
    import hashlib
    import io

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone
    from PIL import Image

    from thuvien.ai.models import EntityProposal
    from thuvien.catalog.models import Record
    from thuvien.digital.models import DigitalFile, DigitalObject, Page
    from thuvien.harvest.models import HarvestRun, Partner
    from thuvien.network.models import Library
    from thuvien.oversight.models import (
        Credential,
        KeptReport,
        ReportSchedule,
        StaffPerson,
        Weeding,
    )

    now = timezone.now()
    png = io.BytesIO()
    Image.new("RGB", (60, 80), (240, 240, 230)).save(png, "PNG")
    image = png.getvalue()
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    for code in (HOME, "HY-PHOHIEN", "BN-TINH"):
        lib = Library.objects.get(code=code)
        net = lib.network
        obj = DigitalObject.objects.create(
            library=lib, network=net, title=f"Hồ sơ {code}", ingest_complete=True
        )  # its one page follows
        name = default_storage.save(f"digital/matrix/{code}/0001.png", ContentFile(image))
        dfile = DigitalFile.objects.create(
            library=lib, obj=obj, name="0001.png", storage_name=name, mime="image/png",
            kind="image", size=len(image), sha256=hashlib.sha256(image).hexdigest(),
        )  # fmt: skip
        Page.objects.create(library=lib, obj=obj, file=dfile, seq=1, width=60, height=80)
        person = StaffPerson.objects.create(library=lib, full_name="Nguyễn Thị Hoa")
        credential = Credential(person=person, library=lib, kind="diploma", name="Cử nhân")
        credential.scan.save(f"{lib.pk}-{person.pk}.pdf", ContentFile(pdf), save=False)
        credential.save()
        Weeding.objects.create(library=lib, created_at=now)
        if code == "HY-PHOHIEN":
            continue  # the rest belongs to a network, one each
        record = Record.objects.filter(network=net).order_by("pk").first()
        EntityProposal.objects.create(record=record, kind="person", name="Nguyễn Du")
        partner = Partner.objects.create(
            network=net, name=f"Kho {code}", base_url="https://kho.example.org/oai"
        )
        HarvestRun.objects.create(partner=partner)
        ReportSchedule.objects.create(
            network=net, scope="network", kind="monthly", fmt="xlsx", library=None
        )
        kept = KeptReport(
            network=net, title="Báo cáo tháng", unit=net.name_vi, start=dt.date(2026, 11, 1),
            end=dt.date(2026, 11, 30), fmt="xlsx", sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf), made_at=now,
        )  # fmt: skip
        kept.file.save(f"bao-cao-{code}.xlsx", ContentFile(pdf), save=False)
        kept.save()


def _objects_of_the_editing_and_payment_pages() -> None:
    """Objects of the digitisation room after ingest, online payment and remote copying, made
    by their services as staff and readers make them, in the home library, another library of
    the home network and a library of the other network: the object published, a chapter over
    its page, a collection of the library holding it, a reader of the library granted it, a copy
    request waiting for the library, and another approved and paid by the reader at the sandbox
    gateway (a paid order, with its receipt). The reader is the demo's, with an account."""
    from django.urls import reverse

    from thuvien.digital import editing
    from thuvien.digital.copies import copy_request_create, copy_request_decide
    from thuvien.digital.models import CopyStatus, DigitalObject
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron
    from thuvien.payments.models import Order, OrderStatus
    from thuvien.payments.tests.conftest import pay_at_sandbox

    for code in (HOME, "HY-PHOHIEN", "BN-TINH"):
        lib = Library.objects.get(code=code)
        obj = DigitalObject.all_objects.get(library=lib, title=f"Hồ sơ {code}")
        editing.object_publish(obj=obj, published=True, actor=None)
        editing.range_create(obj=obj, label="Chương 1", first_seq=1, last_seq=1, actor=None)
        collection = editing.collection_create(
            network=lib.network, library=lib, code=f"anh-tu-lieu-{code.lower()}",
            title_vi=f"Ảnh tư liệu {lib.name_vi}", actor=None,
        )  # fmt: skip
        editing.collection_membership(collection=collection, obj=obj, add=True, actor=None)
        patron = (
            Patron.all_objects.filter(library=lib, user__isnull=False, is_anonymised=False)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        assert patron is not None, f"the demo has no reader with an account in {code}"
        reader = patron.user
        editing.grant_add(obj=obj, card_number=patron.card_number, until=None, actor=None)
        purpose = "Nghiên cứu địa chí"
        copy_request_create(obj=obj, user=reader, pages="1", purpose=purpose)  # waits
        paid = copy_request_create(obj=obj, user=reader, pages="1", purpose=purpose)
        paid = copy_request_decide(request=paid, staff=None, approve=True)
        assert paid.status == CopyStatus.AWAITING_PAYMENT, paid.status
        browser = Client()
        browser.force_login(reader)
        to_gateway = browser.post(reverse("opac_payments:copy_pay", args=[paid.pk]))
        assert to_gateway.status_code == 302, to_gateway.content[:300]
        pay_at_sandbox(browser, to_gateway["Location"])
        order = Order.all_objects.get(library=lib)
        assert order.status == OrderStatus.PAID and order.receipt, order.status


def _own(model: Any, owner: str, home: Any) -> Any:
    names = {f.name for f in model._meta.get_fields()}
    qs = model.objects.all()
    if model._meta.label == "network.Library":
        return home
    if model._meta.label in OWNER_PATHS:
        return qs.filter(**{OWNER_PATHS[model._meta.label][1]: home.network}).order_by("pk").first()
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
        _objects_of_the_new_pages()
        _objects_of_the_editing_and_payment_pages()
        cases: list[tuple[str, str, dict[str, Any], dict[str, Any], bool]] = []
        controls: list[str] = []
        own_urls: dict[str, str] = {}
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
                if own is not None and _mixable(kwargs):
                    # The home's own parent (library, record) with the other one's child id.
                    mixed = {k: _attr(obj if v == "pk" else own, v) for k, v in kwargs.items()}
                    cases.append((route, label + " (own parent)", mixed, _missing(kwargs),
                                  other_network))  # fmt: skip
            own = _own(model, owner, home)
            if own is not None:
                controls.append(_url(route, {k: _attr(own, v) for k, v in kwargs.items()}))
                own_urls[route] = controls[-1]
        form_cases: list[tuple[str, str, dict[str, Any], bool]] = []
        form_controls: dict[str, dict[str, Any]] = {}
        for route, (field, label, extra) in FORM_IDS.items():
            model = apps.get_model(label)
            for other_network in (False, True):
                child = _foreign(model, LIB, home, other_network=other_network)
                if child is None:
                    absent.append(f"{label} ({'network' if other_network else 'library'})")
                    continue
                form_cases.append((route, label, {field: child.pk, **extra}, other_network))
            own_child = _own(model, LIB, home)
            form_controls[route] = {field: own_child.pk, **extra}
        users = {
            u.username: u for u in User.objects.filter(username__in=ROLES_NETWORK + ROLES_LIBRARY)
        }
    assert not absent, "the demo lacks objects for: " + ", ".join(sorted(set(absent)))
    assert set(users) == set(ROLES_NETWORK + ROLES_LIBRARY)
    assert set(MAY) <= set(SPEC) and set(MAY) <= set(own_urls), set(MAY) - set(own_urls)
    assert set(FORM_IDS) <= set(own_urls), set(FORM_IDS) - set(own_urls)

    # The control: the network administrator opens the home network's own objects, so the
    # addresses are right and a 404 above means "refused", not "mistyped".
    admin = Client()
    admin.force_login(users["admin"])
    answers = {url: admin.get(url).status_code for url in controls}
    opened = [url for url, status in answers.items() if status in (200, 302)]
    gets = [url for url, status in answers.items() if status != 405]  # 405: a POST-only page
    assert len(controls) > 30 and len(opened) > len(gets) * 0.8, set(gets) - set(opened)

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
            expected = {404 if username in MAY[route] else 403} if route in MAY else {absent_status}
            if got not in expected or absent_status not in expected or got not in (403, 404):
                leaks.append(
                    f"{username}: {_url(route, values)} ({label} of another "
                    f"{'network' if other_network else 'library'}) -> {got}, "
                    f"a missing one -> {absent_status}, expected {expected}"
                )
        # The own object with another library's child id in the form.
        for route, label, data, other_network in form_cases:
            if username in ROLES_NETWORK and not other_network:
                continue
            status = client.post(own_urls[route], data).status_code
            expected_status = 404 if username in FORM_WRITERS else 403
            if status != expected_status:
                leaks.append(
                    f"{username}: POST {own_urls[route]} {data} ({label} of another "
                    f"{'network' if other_network else 'library'}) -> {status}, "
                    f"expected {expected_status}"
                )
        # Their own library's object: open to those who may, 403 to the others.
        for route, roles in MAY.items():
            status = client.get(own_urls[route]).status_code
            if status == 405 and username not in roles:  # refused before it could act
                status = client.post(own_urls[route], {}).status_code
            ok = {200, 302, 405} if username in roles else {403}
            if status not in ok:
                leaks.append(f"{username}: own {own_urls[route]} -> {status}, expected {ok}")
    assert not leaks, "\n".join(leaks)
    # The control of the form ids: the own object with its own child is taken (the page
    # answers with a redirect), so a 404 above means "refused", not a misnamed field.
    for route, data in form_controls.items():
        status = admin.post(own_urls[route], data).status_code
        assert status == 302, (route, data, status)


def _mixable(kwargs: dict[str, str]) -> bool:
    """An address with a parent (library code, record) and a child id of its own."""
    return "pk" in kwargs.values() and any("." in v for v in kwargs.values())
