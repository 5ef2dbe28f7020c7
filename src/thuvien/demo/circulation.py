"""Demo data for circulation: reader categories, loan rules, readers in every library, some
loans (one overdue), holds and fees. Idempotent: a library that already has readers is left
alone. ``--records >= 100000`` gives about 20,000 readers, written in batches."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.core.text import fold

FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh"]
LAST = ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương", "Sơn", "Tú"]
CATEGORY_MIX = ["adult"] * 5 + ["pupil"] * 2 + ["student"] * 2 + ["staff", "armed_forces", "guest"]


def _name(rng: Any) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(MIDDLE)} {rng.choice(LAST)}"


def _rules(network: Any) -> None:
    from thuvien.circulation.models import LoanRule

    defaults = [
        ("", "", {"loan_days": 14, "max_loans": 5}),
        ("child", "", {"loan_days": 7, "max_loans": 3, "fine_per_day": 500, "fine_cap": 20000}),
        ("pupil", "textbook", {"loan_days": 120, "max_loans": 10, "renewals_allowed": 0}),
        ("", "reference", {"loan_days": 0, "holds_allowed": False}),
        ("", "rare", {"loan_days": 0, "holds_allowed": False}),
        ("guest", "", {"loan_days": 7, "max_loans": 1, "max_holds": 1}),
    ]
    for category, item_type, values in defaults:
        LoanRule.objects.get_or_create(
            network=network,
            library=None,
            patron_category=category,
            item_type=item_type,
            defaults=values,
        )


def _readers(library: Any, count: int, cats: dict[str, Any], ctx: Any) -> list[Any]:
    from thuvien.patrons.models import Consent, ConsentPurpose, Patron
    from thuvien.patrons.services import card_number_next

    today = timezone.localdate()
    now = timezone.now()
    rows = []
    first_number = card_number_next(library=library)
    prefix = first_number[:-6]
    start = int(first_number[-6:])
    for i in range(count):
        category = cats[ctx.rng.choice(CATEGORY_MIX)]
        name = _name(ctx.rng)
        rows.append(
            Patron(
                library=library,
                network_id=library.network_id,
                card_number=f"{prefix}{start + i:06d}",
                full_name=name,
                name_folded=fold(name),
                category=category,
                birth_year=ctx.rng.randint(1950, 2008),
                email=f"bandoc.{library.code.lower()}.{start + i}@example.org",
                phone=f"09{ctx.rng.randint(10000000, 99999999)}",
                address=f"{library.commune or library.province}",
                registered_on=today,
                expires_on=today + dt.timedelta(days=365),
                keep_history=ctx.rng.random() < 0.3,
            )
        )
    for chunk in range(0, len(rows), 1000):
        Patron.all_objects.bulk_create(rows[chunk : chunk + 1000])
    created = list(Patron.all_objects.filter(library=library).order_by("pk"))
    Consent.objects.bulk_create(
        [Consent(patron=p, purpose=ConsentPurpose.REGISTRATION, given_at=now) for p in created],
        batch_size=1000,
    )
    seq = library.card_sequence
    seq.next_number = start + count
    seq.save(update_fields=["next_number"])
    return created


LOGINS_PER_LIBRARY = 20


def _reader_login(patron: Any, library: Any) -> tuple[str, str, str]:
    return (patron.card_number, "reader", f"{library.code} · {patron.email}")


def _reader_logins(readers: list[Any], *, password: str) -> None:
    """Portal logins for demo readers in one insert, the password hashed once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from thuvien.patrons.models import Patron

    user_model = get_user_model()
    hashed = make_password(password)
    users = user_model.objects.bulk_create(
        [
            user_model(
                username=f"reader-{p.card_number.lower()}",
                password=hashed,
                email=p.email,
                full_name=p.full_name,
            )
            for p in readers
            if p.user_id is None
        ]
    )
    by_username = {u.username: u for u in users}
    if not all(u.pk for u in users):  # a backend that returns no ids from bulk inserts
        by_username = {
            u.username: u for u in user_model.objects.filter(username__in=list(by_username))
        }
    for p in readers:
        user = by_username.get(f"reader-{p.card_number.lower()}")
        if user is not None:
            p.user = user
    Patron.all_objects.bulk_update([p for p in readers if p.user_id], ["user"], batch_size=500)


def demo_circulation(ctx: Any) -> None:
    from thuvien.circulation.models import Loan
    from thuvien.circulation.services import fee_create, hold_place, loan_checkout
    from thuvien.holdings.models import Item, ItemStatus
    from thuvien.patrons.models import Patron
    from thuvien.patrons.services import categories_ensure, patron_set_password

    with scopes_disabled():
        libraries = list(ctx.libraries)
        if not libraries:
            return
        per_library = 20
        if ctx.records >= 100_000:
            per_library = max(20, 20_000 // len(libraries))
        for network in {lib.network_id: lib.network for lib in libraries}.values():
            categories_ensure(network=network)
            _rules(network)
        for library in libraries:
            if Patron.all_objects.filter(library=library).exists():
                known = (
                    Patron.all_objects.filter(library=library, user__isnull=False)
                    .order_by("pk")
                    .first()
                )
                if known is not None:  # a re-run still lists the reader login
                    ctx.logins.append(_reader_login(known, library))
                continue
            cats = categories_ensure(network=library.network)
            readers = _readers(library, per_library, cats, ctx)
            ctx.say(f"  {library.code}: {len(readers)} readers")
            reader = readers[0]
            patron_set_password(patron=reader, password=ctx.password, actor=None)
            # Every demo reader a newcomer meets (those with loans, holds and fees are among
            # the first twenty) can log in by card number or e-mail with the demo password:
            # before, only the first could, and the others' e-mail "did not work".
            _reader_logins(readers[1:LOGINS_PER_LIBRARY], password=ctx.password)
            ctx.logins.append(_reader_login(reader, library))
            staff = None
            items = list(
                Item.objects.filter(library=library, status=ItemStatus.AVAILABLE)
                .exclude(item_type__in=["reference", "rare"])
                .order_by("pk")[:8]
            )
            for n, item in enumerate(items[:5]):
                patron = readers[(n * 3) % len(readers)]
                try:
                    loan = loan_checkout(item=item, patron=patron, library=library, staff=staff)
                except Exception:  # noqa: BLE001, S112 - a demo rule may refuse; skip that copy
                    continue
                if n == 0:  # one overdue loan for the reports and notices
                    Loan.all_objects.filter(pk=loan.pk).update(
                        due_on=timezone.localdate() - dt.timedelta(days=10)
                    )
            for item in items[:2]:
                try:
                    hold_place(
                        patron=readers[-1], pickup_library=library, actor=None, record=item.record
                    )
                except Exception:  # noqa: BLE001
                    break
            fee_create(
                patron=readers[1 % len(readers)],
                library=library,
                kind="card",
                amount=20000,
                staff=None,
                description="Cấp lại thẻ",
            )
