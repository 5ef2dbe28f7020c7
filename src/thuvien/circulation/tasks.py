"""Circulation's background work: notices, hold-shelf expiry, anonymising loan history."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task(retries=2, retry_delay=60)
def hold_ready_notice_task(hold_id: int) -> int:
    from .services.notices import notice_hold_ready

    return len(notice_hold_ready(hold_id=hold_id))


@db_task(retries=2, retry_delay=60)
def fee_notice_task(fee_id: int) -> int:
    from .services.notices import notice_fee

    return len(notice_fee(fee_id=fee_id))


@db_periodic_task(crontab(hour="7", minute="5"))
def notices_daily() -> dict:
    from .services.notices import notices_run

    return notices_run()


@db_periodic_task(crontab(hour="0", minute="30"))
def hold_shelf_daily() -> int:
    from .services.holds import holds_expire

    return holds_expire()


@db_periodic_task(crontab(hour="1", minute="15"))
def history_anonymise_daily() -> int:
    from .privacy import loan_history_anonymise

    return loan_history_anonymise()
