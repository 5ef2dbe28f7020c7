"""Fixtures live in ``thuvien.testing.fixtures`` (loaded by the root conftest.py).

``World`` and ``build_world`` are re-exported for suites that build the world themselves.
"""

from thuvien.testing.world import World, build_world  # noqa: F401
