"""Fixtures of the project-wide tests: the shared ones of src/thuvien/conftest.py, plus roles."""

import pytest

from thuvien.conftest import chromium, page, staff_client, world  # noqa: F401 - shared fixtures


@pytest.fixture
def builtin_roles(transactional_db):
    """Transactional tests (live server, real worker) empty the tables, roles included."""
    from thuvien.accounts.services import builtin_roles_ensure

    builtin_roles_ensure()
