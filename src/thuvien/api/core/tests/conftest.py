import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Used TOTP codes are remembered in the cache; primary keys repeat between tests."""
    cache.clear()
    yield
    cache.clear()
