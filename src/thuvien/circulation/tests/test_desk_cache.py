"""The desk cache (loan rules, closed days, libraries by code) never lends against a changed
rule: a save or delete empties it at once, another process follows the shared generation, and
writes that send no signal are caught by the time limit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from thuvien.circulation import desk_cache
from thuvien.circulation.loan_policy import DEFAULT_RULE, due_date, rule_for
from thuvien.circulation.models import LoanRule
from thuvien.network.models import ClosedDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(settings):
    settings.THUVIEN_DESK_CACHE_SECONDS = 30
    desk_cache.desk_cache_clear()
    yield
    desk_cache.desk_cache_clear()


def test_rule_change_applies_at_once(world, on, django_assert_num_queries):
    lib = world.provincial
    assert rule_for(library=lib, category="adult", item_type="book") == DEFAULT_RULE
    with django_assert_num_queries(0):  # cached
        assert rule_for(library=lib, category="adult", item_type="book") == DEFAULT_RULE
    rule = LoanRule.objects.create(network=world.hung_yen, item_type="book", loan_days=7)
    assert rule_for(library=lib, category="adult", item_type="book").loan_days == 7
    own = LoanRule.objects.create(
        network=world.hung_yen, library=lib, patron_category="adult", loan_days=3
    )
    assert rule_for(library=lib, category="adult", item_type="book").loan_days == 3
    assert rule_for(library=world.commune_a, category="adult", item_type="book").loan_days == 7
    own.loan_days = 0
    own.save(update_fields=["loan_days"])
    assert not rule_for(library=lib, category="adult", item_type="book").for_loan
    own.delete()
    rule.delete()
    assert rule_for(library=lib, category="adult", item_type="book") == DEFAULT_RULE


def test_other_process_follows_the_shared_generation(world, on, monkeypatch):
    lib = world.provincial
    assert rule_for(library=lib, category="adult", item_type="book") == DEFAULT_RULE
    # Another process saved a rule: its signal fired there, not here. Here only the shared
    # generation moves (and this process's cache still holds the old matrix).
    LoanRule.objects.bulk_create([LoanRule(network=world.hung_yen, loan_days=9)])  # no signal
    assert rule_for(library=lib, category="adult", item_type="book") == DEFAULT_RULE
    if cache.add(desk_cache.GENERATION_KEY, 1, timeout=None) is False:
        cache.incr(desk_cache.GENERATION_KEY)
    monkeypatch.setitem(desk_cache._state, "checked_at", 0.0)  # a second has passed
    assert rule_for(library=lib, category="adult", item_type="book").loan_days == 9


def test_time_limit_catches_writes_without_signal(world, on, monkeypatch):
    lib = world.provincial
    LoanRule.objects.create(network=world.hung_yen, loan_days=9)
    assert rule_for(library=lib, category="adult", item_type="").loan_days == 9
    LoanRule.objects.filter(network=world.hung_yen).update(loan_days=4)  # no signal
    assert rule_for(library=lib, category="adult", item_type="").loan_days == 9
    later = desk_cache.time.monotonic() + 31
    monkeypatch.setattr(desk_cache.time, "monotonic", lambda: later)
    assert rule_for(library=lib, category="adult", item_type="").loan_days == 4


def test_closed_day_moves_the_due_date_at_once(world, on):
    lib = world.provincial
    today = timezone.localdate()
    day = today + dt.timedelta(days=14)
    assert due_date(library=lib, start=today, days=14) == day
    ClosedDay.objects.create(network=world.hung_yen, date=day, reason="Tết")
    assert due_date(library=lib, start=today, days=14) == day + dt.timedelta(days=1)
    # Far beyond the cached window the calendar is asked directly.
    far = due_date(library=lib, start=today, days=1000)
    assert far == today + dt.timedelta(days=1000)


def test_off_means_off(world, settings, django_assert_num_queries):
    settings.THUVIEN_DESK_CACHE_SECONDS = 0
    rule_for(library=world.provincial, category="adult", item_type="book")
    with django_assert_num_queries(1):
        rule_for(library=world.provincial, category="adult", item_type="book")


def test_a_login_does_not_empty_the_cache(world, on, django_assert_num_queries):
    from django.contrib.auth.models import update_last_login

    rule_for(library=world.provincial, category="adult", item_type="book")
    update_last_login(None, world.users["tinh_circulation"])  # what every login does
    with django_assert_num_queries(0):
        rule_for(library=world.provincial, category="adult", item_type="book")
