"""Project-wide test fixtures: the shared ones come from thuvien.testing.fixtures; plus roles."""

import pytest


@pytest.fixture
def builtin_roles(transactional_db):
    """Transactional tests (live server, real worker) empty the tables, roles included."""
    from thuvien.accounts.services import builtin_roles_ensure

    builtin_roles_ensure()
