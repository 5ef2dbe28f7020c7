"""REST: checkout/checkin/renew with token + X-Library; readers' own loans; scoping."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from thuvien.circulation.tests.factories import make_item, make_patron

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    token = Token.objects.create(user=world.users["tinh_circulation"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_LIBRARY="HY-TINH")
    return client


def _due_in(item, days):
    """The copy's open loan falls due in ``days`` (as if lent some days ago)."""
    import datetime as dt

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from thuvien.circulation.models import Loan

    with scopes_disabled():
        Loan.all_objects.filter(item=item, returned_at__isnull=True).update(
            due_on=timezone.localdate() + dt.timedelta(days=days)
        )


def test_checkout_checkin_renew(world, api):
    patron = make_patron(world.provincial)
    item = make_item(world.provincial)
    r = api.post("/api/v1/circulation/checkout/", {"card_number": patron.card_number,
                 "barcode": item.barcode}, format="json")  # fmt: skip
    assert r.status_code == 201, r.content
    assert r.json()["barcode"] == item.barcode
    r = api.post("/api/v1/circulation/checkout/", {"card_number": patron.card_number,
                 "barcode": item.barcode}, format="json")  # fmt: skip
    assert r.status_code == 409 and r.json()["code"] == "item_already_on_loan"
    assert r.json()["detail"]
    r = api.post("/api/v1/circulation/renew/", {"barcode": item.barcode}, format="json")
    # lent today: a renewal would not move the due date, and uses up nothing
    assert r.status_code == 409 and r.json()["code"] == "renewal_too_soon", r.content
    _due_in(item, 2)
    r = api.post("/api/v1/circulation/renew/", {"barcode": item.barcode}, format="json")
    assert r.status_code == 200 and r.json()["renewals"] == 1
    r = api.post("/api/v1/circulation/renew/", {"barcode": item.barcode}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "renewal_too_soon"
    r = api.post("/api/v1/circulation/checkin/", {"barcode": item.barcode}, format="json")
    assert r.status_code == 200 and r.json()["loan"]["returned_at"]
    r = api.post("/api/v1/circulation/checkin/", {"barcode": item.barcode}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "item_not_on_loan"
    r = api.post("/api/v1/circulation/checkout/", {"barcode": ""}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "invalid"
    r = api.post("/api/v1/circulation/checkout/", {"card_number": "X", "barcode": "Y"},
                 format="json")  # fmt: skip
    assert r.status_code == 404


def test_library_header_and_capability(world, api):
    api.credentials(
        HTTP_AUTHORIZATION=api._credentials["HTTP_AUTHORIZATION"], HTTP_X_LIBRARY="HY-TIENLU"
    )
    r = api.post("/api/v1/circulation/checkin/", {"barcode": "x"}, format="json")
    assert r.status_code == 403
    # Another network's copy is unknown here.
    api.credentials(
        HTTP_AUTHORIZATION=api._credentials["HTTP_AUTHORIZATION"], HTTP_X_LIBRARY="HY-TINH"
    )
    other = make_item(world.bn_provincial)
    r = api.post("/api/v1/circulation/checkin/", {"barcode": other.barcode}, format="json")
    assert r.status_code == 404
    assert APIClient().post("/api/v1/circulation/checkin/", {"barcode": "x"}).status_code in (
        401,
        403,
    )


def test_my_loans(world, api):
    patron = make_patron(world.provincial, password="mat-khau-ban-doc")
    other = make_patron(world.provincial, password="mat-khau-ban-doc")
    item = make_item(world.provincial)
    api.post("/api/v1/circulation/checkout/", {"card_number": other.card_number,
             "barcode": item.barcode}, format="json")  # fmt: skip
    me = APIClient()
    me.force_authenticate(patron.user)
    assert me.get("/api/v1/circulation/my/loans/").json() == []
    me.force_authenticate(other.user)
    assert [x["barcode"] for x in me.get("/api/v1/circulation/my/loans/").json()] == [item.barcode]
    assert me.get("/api/v1/circulation/my/fees/").json()["balance"] == "0"
    assert me.get("/api/v1/circulation/my/holds/").status_code == 200
    staff = APIClient()
    staff.force_authenticate(world.users["tinh_circulation"])
    assert staff.get("/api/v1/circulation/my/loans/").status_code == 403


def test_desk_api_pins_its_queries(world, api, settings, django_assert_max_num_queries):
    """The REST desk path, as the benchmark drives it (benchmarks/circulation_desk.py)."""
    from thuvien.circulation.desk_cache import desk_cache_clear

    settings.THUVIEN_DESK_CACHE_SECONDS = 30  # as in production: library, rules, calendar cached
    desk_cache_clear()
    patron = make_patron(world.provincial)
    items = [make_item(world.provincial) for _ in range(2)]
    api.post("/api/v1/circulation/checkout/", {"card_number": patron.card_number,
             "barcode": items[0].barcode}, format="json")  # fmt: skip
    # patron, [savepoint], copy locked with record and library, counts+holds, insert loan,
    # item status, the two audit entries and the outbox row in one insert (two on SQLite),
    # [release]. Was 25 (token, memberships, X-Library, copy read twice, record read for the
    # answer, rules, calendar, 4 counts), then 10.
    with django_assert_max_num_queries(9):
        r = api.post("/api/v1/circulation/checkout/", {"card_number": patron.card_number,
                     "barcode": items[1].barcode}, format="json")  # fmt: skip
    assert r.status_code == 201 and r.json()["title"]
    # [savepoint], copy, open loan with the next hold's id, close it, item status, audit
    # entries and outbox row (one insert; two on SQLite), [release]. Was 18, then 10.
    with django_assert_max_num_queries(8):
        r = api.post("/api/v1/circulation/checkin/", {"barcode": items[1].barcode}, format="json")
    assert r.status_code == 200 and r.json()["loan"]["title"]
    api.post("/api/v1/circulation/checkout/", {"card_number": patron.card_number,
             "barcode": items[1].barcode}, format="json")  # fmt: skip
    _due_in(items[1], 2)
    # [savepoint], copy locked, open loan, holds+debt, update, audit, [release]. Was 9
    # (the copy read twice, the loan twice, holds and debt apart).
    with django_assert_max_num_queries(7):
        r = api.post("/api/v1/circulation/renew/", {"barcode": items[1].barcode}, format="json")
    assert r.status_code == 200 and r.json()["renewals"] == 1
    idle = make_item(world.provincial)  # on the shelf: nothing to renew
    r = api.post("/api/v1/circulation/renew/", {"barcode": idle.barcode}, format="json")
    assert r.status_code == 404 and r.json()["code"] == "item_not_on_loan"
    desk_cache_clear()


def test_desk_throttle_counts_per_user(world, api, monkeypatch):
    from django.core.cache import cache

    from thuvien.api.circulation.views import DeskRateThrottle

    cache.clear()
    monkeypatch.setattr(DeskRateThrottle, "THROTTLE_RATES", {"user": "2/min"})
    monkeypatch.setattr(DeskRateThrottle, "timer", lambda self: 6030.0)  # mid-window
    for _ in range(2):
        r = api.post("/api/v1/circulation/checkin/", {"barcode": "NOPE"}, format="json")
        assert r.status_code == 404
    r = api.post("/api/v1/circulation/checkin/", {"barcode": "NOPE"}, format="json")
    assert r.status_code == 429 and int(r["Retry-After"]) == 30
    cache.clear()


def test_desk_token_cache_forgets_revoked_access(world, api, settings):
    """Cached credentials (desk cache on, as in production) stop at once when the token is
    deleted, the user deactivated or the membership removed."""
    from thuvien.accounts.models import Membership
    from thuvien.circulation.desk_cache import desk_cache_clear

    settings.THUVIEN_DESK_CACHE_SECONDS = 30
    desk_cache_clear()
    url = "/api/v1/circulation/checkin/"
    assert api.post(url, {"barcode": "NOPE"}, format="json").status_code == 404
    assert api.post(url, {"barcode": "NOPE"}, format="json").status_code == 404  # cached
    user = world.users["tinh_circulation"]
    Membership.objects.filter(user=user).first().delete()
    assert api.post(url, {"barcode": "NOPE"}, format="json").status_code == 403
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert api.post(url, {"barcode": "NOPE"}, format="json").status_code in (401, 403)
    user.is_active = True
    user.save(update_fields=["is_active"])
    user.auth_token.delete()
    assert api.post(url, {"barcode": "NOPE"}, format="json").status_code in (401, 403)
    desk_cache_clear()


@pytest.mark.redis
def test_desk_throttle_on_redis(world, api, monkeypatch, settings):
    """The production path: DRF gives the throttle Django's default cache, a proxy; behind it
    is Redis, which counts with one pipelined INCR+EXPIRE per request (never Django's
    ``incr``: EXISTS, then INCRBY). Only this test's key is deleted: Redis is shared."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCacheClient

    from thuvien.api.circulation.views import DeskRateThrottle, _redis_client

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": "circperf-test",
        }
    }
    client = _redis_client(DeskRateThrottle.cache)
    assert client is not None  # the Redis backend is seen through the proxy

    def two_round_trips(*args, **kwargs):
        raise AssertionError("the desk throttle used Django's incr")

    monkeypatch.setattr(RedisCacheClient, "incr", two_round_trips)
    monkeypatch.setattr(DeskRateThrottle, "THROTTLE_RATES", {"user": "3/min"})
    monkeypatch.setattr(DeskRateThrottle, "timer", lambda self: 6000.0)  # one fixed window
    key = caches["default"].make_and_validate_key(
        f"throttle_user_{world.users['tinh_circulation'].pk}:100"
    )
    client.delete(key)
    try:
        codes = [
            api.post("/api/v1/circulation/checkin/", {"barcode": "NOPE"}, format="json").status_code
            for _ in range(4)
        ]
        assert codes == [404, 404, 404, 429]
        assert 0 < client.ttl(key) <= 61
    finally:
        client.delete(key)


def test_desk_rules_shared_with_the_staff_desk(world, api):
    """Barcodes whatever their case, whom a copy is lent to, and deliberate overrides."""
    from thuvien.circulation.models import Loan, LoanRule

    patron, other = make_patron(world.provincial), make_patron(world.provincial)
    item = make_item(world.provincial, barcode="DM0010000000582")
    r = api.post("/api/v1/circulation/checkout/", {"card_number": patron.card_number.lower(),
                 "barcode": "dm0010000000582"}, format="json")  # fmt: skip
    assert r.status_code == 201, r.content
    due = r.json()["due_on"]
    r = api.post("/api/v1/circulation/checkout/", {"card_number": other.card_number,
                 "barcode": item.barcode}, format="json")  # fmt: skip
    assert r.status_code == 409
    assert r.json()["card_number"] == patron.card_number and r.json()["due_on"] == due
    LoanRule.objects.create(network=world.hung_yen, item_type="reference", loan_days=0)
    ref = make_item(world.provincial, item_type="reference")
    body = {"card_number": other.card_number, "barcode": ref.barcode,
            "override_reason": "Giáo viên mượn photo"}  # fmt: skip
    r = api.post("/api/v1/circulation/checkout/", body, format="json")
    assert r.status_code == 403 and r.json()["code"] == "override_forbidden"
    admin = APIClient()
    token = Token.objects.create(user=world.users["tinh_library_admin"])
    admin.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_LIBRARY="HY-TINH")
    r = admin.post("/api/v1/circulation/checkout/", {**body, "override_reason": item.barcode},
                   format="json")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "override_reason_invalid"
    r = admin.post("/api/v1/circulation/checkout/", body, format="json")
    assert r.status_code == 201
    assert Loan.all_objects.get(item=ref).override_reason == "Giáo viên mượn photo"


def test_a_copy_another_reader_waits_for_answers_its_own_code_and_lends_on_override(world, api):
    """409 ``item_wanted_by_other`` with the waiting reader's card and queue position; the same
    request with ``override_reason`` by staff who may override lends it (audited)."""
    from django_scopes import scopes_disabled

    from thuvien.circulation.services import hold_place
    from thuvien.circulation.tests.factories import make_record

    record = make_record(world.hung_yen)
    item = make_item(world.provincial, record=record)
    waiting = make_patron(world.provincial)
    with scopes_disabled():
        hold_place(patron=waiting, pickup_library=world.provincial, actor=None, record=record)
    patron = make_patron(world.provincial)
    body = {"card_number": patron.card_number, "barcode": item.barcode}
    r = api.post("/api/v1/circulation/checkout/", body, format="json")
    assert r.status_code == 409, r.content
    assert r.json()["code"] == "item_wanted_by_other"
    assert r.json()["card_number"] == waiting.card_number
    assert r.json()["queue_position"] == 1
    reason = {**body, "override_reason": "Bạn đọc cần gấp, đã báo người đặt"}
    r = api.post("/api/v1/circulation/checkout/", reason, format="json")
    assert r.status_code == 403 and r.json()["code"] == "override_forbidden"
    lead = Token.objects.create(user=world.users["tinh_library_admin"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {lead.key}", HTTP_X_LIBRARY="HY-TINH")
    r = api.post("/api/v1/circulation/checkout/", reason, format="json")
    assert r.status_code == 201 and r.json()["card_number"] == patron.card_number
