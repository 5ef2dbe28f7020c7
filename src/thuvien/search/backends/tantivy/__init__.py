"""The tantivy search backend: an embedded index in ``settings.SEARCH_INDEX_DIR``.

The only package of thuvien that imports ``tantivy`` (``search/tests/test_backend_seam.py``
checks it).
"""

from .index import Engine, TantivyBackend

__all__ = ["Engine", "TantivyBackend"]
