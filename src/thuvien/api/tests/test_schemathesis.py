"""The API against its own OpenAPI schema (schemathesis): generated requests to every operation,
anonymously and with a staff token; no answer may be a 5xx or differ from the schema.

Bounded for ``make test`` (``THUVIEN_SCHEMATHESIS_EXAMPLES`` examples per operation, 5 by
default); run it longer with e.g. ``THUVIEN_SCHEMATHESIS_EXAMPLES=500 pytest this file``.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

EXAMPLES = int(os.environ.get("THUVIEN_SCHEMATHESIS_EXAMPLES", "5"))



def _load_schema() -> schemathesis.schemas.BaseSchema:
    """The schema that /api/v1/schema/ serves, generated without a request (collection time
    has no database), run against the WSGI application in this process."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    from thuvien.config.wsgi import application

    raw = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(raw)))
    loaded.app = application
    return loaded


schema = _load_schema()


@pytest.fixture(autouse=True)
def _data(world, make_record):
    """A record to find, and the test's database connection kept open across requests: the
    WSGI handler closes it after each request (Django's test client switches that off too)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài", isbn="9786042088213")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)

# Operations whose schema-valid input is still refused for a reason a schema cannot express:
# wrong credentials, a MARC record that breaks a cataloguing rule, an unknown barcode.
SEMANTIC = {
    ("POST", "/api/v1/auth/token/"),
    ("POST", "/api/v1/records/"),
    ("PUT", "/api/v1/records/{id}/"),
    ("POST", "/api/v1/libraries/"),
    ("PATCH", "/api/v1/libraries/{code}/"),
    ("POST", "/api/v1/circulation/checkout/"),
    ("POST", "/api/v1/circulation/checkin/"),
    ("POST", "/api/v1/circulation/renew/"),
}


def _excluded(case) -> list:
    # ``ignored_auth`` replays the request with made-up credentials and expects a refusal:
    # public reads rightly answer anyway, and the token test sends its own valid token
    # (test_an_invalid_token_is_refused below checks the refusal itself).
    excluded = [ignored_auth]
    # A NUL character in the query is refused on purpose (core NulInQueryMiddleware: PostgreSQL
    # cannot store it, it was a 500 there); a schema cannot say "text without NUL".
    has_nul = any("\x00" in str(v) for v in (case.query or {}).values())
    if (case.operation.method.upper(), case.operation.path) in SEMANTIC or has_nul:
        excluded.append(positive_data_acceptance)
    return excluded


BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_anonymous_requests_stay_within_the_schema(case, _data):
    case.call_and_validate(excluded_checks=_excluded(case))


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_requests_with_a_staff_token_stay_within_the_schema(case, world):
    token, _ = Token.objects.get_or_create(user=world.users["tinh_library_admin"])
    case.call_and_validate(
        headers={"Authorization": f"Token {token.key}", "X-Library": world.provincial.code},
        excluded_checks=_excluded(case),
    )


@pytest.mark.django_db
def test_an_invalid_token_is_refused(client):
    for path in ("/api/v1/me/", "/api/v1/records/", "/api/v1/memberships/"):
        response = client.get(path, HTTP_AUTHORIZATION="Token not-a-token")
        assert response.status_code in (401, 403), path
        assert response.json()["detail"]
