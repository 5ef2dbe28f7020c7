"""A paid digital object of the provincial library, readers with cards, and helpers that act
as the reader's browser does: follow the redirect to the sandbox gateway, pick a test card or
cancel, and come back by the signed return URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.digital.tests.conftest import search_index_dir  # noqa: F401

PASSWORD = "mat-khau-dai-123"


def make_reader(world: Any, username: str, library: Any = None) -> Any:
    from thuvien.accounts.models import User
    from thuvien.circulation.tests.factories import make_patron

    with scopes_disabled():
        patron = make_patron(library or world.provincial)
        user = User.objects.create_user(username=username, password=PASSWORD,
                                        full_name="Bạn đọc", email=f"{username}@example.org")
        patron.user = user
        patron.save(update_fields=["user"])
    return user


def make_object(world: Any, tmp_path: Any, *, title: str = "Địa chí Hưng Yên (bản số)",
                access: str = "paid", price: int | None = 20000, pages: int = 1,
                rights: str = "in_copyright", library: Any = None) -> Any:
    from thuvien.digital.models import DigitalObject
    from thuvien.digital.paid import object_fees_set
    from thuvien.digital.services import digital_ingest, object_update
    from thuvien.digital.tests.booklet import page_image

    paths = [page_image(f"Trang {n} của {title}", tmp_path / f"{title[:8]}-{n}.png",
                        size=(320, 240), font_size=20) for n in range(1, pages + 1)]
    with scopes_disabled():
        report = digital_ingest(paths=paths, library=library or world.provincial, publish=True,
                                title=title)
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        object_update(obj=obj, actor=None, access=access, rights_status=rights)
        object_fees_set(obj=obj, actor=None, price=price, download_limit=None)
        obj.refresh_from_db()
    return obj


@dataclass
class Paths:
    obj: Any

    @property
    def viewer(self) -> str:
        return f"/digital/{self.obj.pk}/"

    @property
    def tile(self) -> str:
        return f"/iiif/3/image/{self.obj.pk}-1/0,0,256,240/256,/0/default.jpg"

    @property
    def manifest(self) -> str:
        return f"/iiif/3/{self.obj.pk}/manifest"

    @property
    def pdf(self) -> str:
        return f"/digital/{self.obj.pk}/pdf"


def minutes_pass(txn_ref: str, minutes: int) -> None:
    """Time passes for the library and the gateway alike: the order was made ``minutes``
    earlier, and so was the sandbox's record of it (querydr asks by reference and date)."""
    from datetime import timedelta

    from thuvien.payments import vnpay
    from thuvien.payments.models import Order, SandboxTransaction

    with scopes_disabled():
        order = Order.all_objects.get(txn_ref=txn_ref)
        before = vnpay.vn_time(order.created_at)
        order.created_at -= timedelta(minutes=minutes)
        Order.all_objects.filter(pk=order.pk).update(created_at=order.created_at)
        SandboxTransaction.objects.filter(txn_ref=txn_ref, create_date=before).update(
            create_date=vnpay.vn_time(order.created_at))


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def pay_at_sandbox(client: Client, checkout: str, *, card: str = "ncb-ok",
                   cancel: bool = False) -> Any:
    """From the gateway URL the library redirected to: open the sandbox's page, choose, submit,
    and follow the redirect back to the library. Returns the final response."""
    page = client.get(local(checkout))
    assert page.status_code == 200, page.content[:500]
    query = page.context["query"]
    data = {"query": query, **({"cancel": "1"} if cancel else {"card": card, "pay": "1"})}
    back = client.post("/sandbox/vnpay/paymentv2/submit", data)
    assert back.status_code == 302, back.content[:500]
    return client.get(local(back["Location"]), follow=True)


@pytest.fixture
def reader(world):
    user = make_reader(world, "ban_doc_tra_phi")
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def paid_obj(world, tmp_path):
    return make_object(world, tmp_path)
