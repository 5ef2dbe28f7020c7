"""Liveness, readiness, metrics and logs, as monitoring and an operator meet them."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.test import Client

from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY
from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.ops.logging import JsonFormatter, PersonalDataFilter

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_readyz_checks_each_part(client, settings, tmp_path):
    from thuvien.search.indexing import reindex_all

    reindex_all()
    r = client.get("/readyz")
    assert r.status_code == 200, r.json()
    assert r.json()["checks"] == {"database": "ok", "queue": "ok", "index": "ok", "disk": "ok"}


def test_readyz_names_the_failing_part(client, settings, tmp_path):
    settings.OPS_MIN_FREE_DISK_MB = 10**12  # more than any disk
    settings.SEARCH_INDEX_DIR = tmp_path / "no-index-here"
    r = client.get("/readyz")
    assert r.status_code == 503
    body = r.json()
    assert body["failing"] == ["disk", "index"]
    assert "MB free" in body["checks"]["disk"] and body["checks"]["database"] == "ok"


def test_metrics_are_not_public(client, settings):
    settings.OPS_METRICS_ALLOW = ["10.9.9.0/24"]
    settings.OPS_METRICS_TOKEN = "tok-" + "x" * 20
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 404
    assert (
        client.get(
            "/metrics", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION="Bearer wrong"
        ).status_code
        == 404
    )
    ok = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION="Bearer tok-" + "x" * 20
    )
    assert ok.status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.9.9.7").status_code == 200


def test_metrics_report_latency_per_view_and_the_system_state(client, world):
    from thuvien.core.audit import audit_record
    from thuvien.core.models import Job, OutboxEntry

    client.get("/healthz")
    client.get("/libraries/")
    OutboxEntry.objects.create(topic="catalog.record", object_id=1)
    Job.objects.create(kind="catalog.import", title="x", status=Job.Status.FAILED)
    audit_record(actor=None, action="backup.completed", changes={"snapshot": "abc"})
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert (
        'thuvien_http_request_duration_seconds_count{method="GET",status="200",view="ops:healthz"}'
        in text
    )
    assert 'view="opac:libraries:directory"' in text or "directory" in text
    for name in (
        "thuvien_queue_depth",
        "thuvien_outbox_pending 1.0",
        "thuvien_outbox_lag_seconds",
        'thuvien_jobs_failed{kind="catalog.import"} 1.0',
        "thuvien_backup_last_success_timestamp_seconds",
        "thuvien_disk_free_bytes",
    ):
        assert name in text, name
    assert "/libraries/" not in text  # paths (which carry ids) never become labels


def test_logs_are_json_and_carry_no_personal_data(world, settings):
    """Log in, lend, and misuse a few pages with personal data in the address; the log output
    holds none of the reader's card number, name, e-mail or phone."""
    settings.DEBUG = False
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        patron = make_patron(
            world.provincial,
            full_name="Phạm Thị Riêng Tư",
            email="rieng.tu@example.org",
            phone="0912345678",
        )
        item = make_item(world.provincial)
        client = Client()
        r = client.post(
            "/accounts/login/",
            {"username": "tinh_circulation", "password": "mat-khau-dai-123"},
        )
        assert r.status_code in (200, 302)
        client.force_login(world.users["tinh_circulation"])
        session = client.session
        session[ACTIVE_LIBRARY_SESSION_KEY] = world.provincial.pk
        session.save()
        out = "/staff/circulation/checkout/"
        client.post(out, {"card_number": patron.card_number})
        client.post(out, {"card_number": patron.card_number, "barcode": item.barcode})
        assert Loan.all_objects.filter(item=item, patron=patron).exists()
        # Addresses that carry personal data and end in 404s (logged by django.request).
        client.get(f"/staff/patrons/{patron.card_number}/nope/")
        client.get(f"/nothing/{patron.email}/{patron.phone}/")
        # A third party logging a value it was given.
        logging.getLogger("somelib").warning(
            "could not deliver to %s (%s), card %s", patron.email, patron.phone, patron.card_number
        )
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    output = stream.getvalue()
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert lines and all({"level", "logger", "message", "timestamp"} <= set(x) for x in lines)
    assert any(x["logger"] == "django.request" for x in lines)
    for secret in (patron.card_number, patron.full_name, patron.email, patron.phone, "Riêng Tư"):
        assert secret not in output, secret


def _configured_filters() -> list[logging.Filter]:
    """The filters settings.LOGGING puts on the console handler (the one every line goes to)."""
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, PersonalDataFilter) for f in handler.filters):
            return list(handler.filters)  # type: ignore[arg-type]
    raise AssertionError("settings.LOGGING's console handler is not installed")


def test_a_refused_page_logs_one_line_not_a_traceback(world, settings):
    """A reader or a curious staff member opening a page they may not see is routine: the log
    gets one warning line naming the route, not the 30-line PermissionDenied traceback that
    buried the real errors in the server log (30 of them in one audit session)."""
    settings.DEBUG = False
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    for f in _configured_filters():
        handler.addFilter(f)
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client = Client()
        client.force_login(world.users["tinh_circulation"])
        refused = client.get("/staff/people/audit/")
        missing = client.get("/staff/patrons/no-such-reader/nope/")
    finally:
        logger.removeHandler(handler)
    assert refused.status_code == 403 and missing.status_code == 404
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert all(x["level"] == "WARNING" for x in lines)
    assert not any("exc_info" in x or "Traceback" in json.dumps(x) for x in lines), lines


def test_a_server_error_still_logs_its_traceback():
    """Only client errors lose the traceback: a 500 keeps it (it is what the operator reads)."""
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",), None
    )
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    record.status_code = 500
    for f in _configured_filters():
        assert f.filter(record)
    assert record.exc_text and "RuntimeError: boom" in record.exc_text
