"""Cataloguing suggestions: a DDC class and subject headings for a record being written.

Learnt from the network's own catalogue, from the same meaning vectors the search uses:
- DDC: a logistic regression (scikit-learn) over the vectors of records that carry a class,
  to the three-digit section ("634" of "634.1"), trained nightly and when a cataloguer first
  asks; measured on held-out Library of Congress records (benchmarks/ai_cataloguing.py);
- subject headings: the headings of the nearest records in meaning, weighted by similarity
  (a vote of neighbours needs no training and follows the catalogue as it grows).

Suggestions are only ever proposed: the top three with a confidence, which the cataloguer
accepts with a click (staff/catalog); nothing is written to a record here.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from . import vectors
from .embedding import MODEL_NAME

_SECTION = re.compile(r"^\s*(\d{3})")
MIN_EXAMPLES = 2  # a class seen once is not learnt (it cannot be told from noise)
_cache: dict[int, tuple[float, Any]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Proposal:
    value: str
    confidence: float  # 0–1


def ddc_section(ddc: str) -> str | None:
    """"634" from "634.1", "634.1/4" or "634"; None when it does not start with a class."""
    found = _SECTION.match(ddc or "")
    return found.group(1) if found else None


def _model_path(network_id: int) -> Path:
    return vectors.vector_dir() / f"ddc-{network_id}.joblib"


def ddc_train(*, network_id: int, vectors_by_record: dict[int, np.ndarray] | None = None) -> int:
    """Fit the DDC model of a network from its records' vectors; return how many examples."""
    from sklearn.linear_model import LogisticRegression

    from .selectors import ddc_training_rows

    rows = ddc_training_rows(network_id=network_id, vectors_by_record=vectors_by_record)
    labels = [label for label, _v in rows]
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    kept = [(label, v) for label, v in rows if counts[label] >= MIN_EXAMPLES]
    if len({label for label, _v in kept}) < 2:
        _model_path(network_id).unlink(missing_ok=True)
        return 0
    x = np.vstack([v for _label, v in kept])
    y = np.asarray([label for label, _v in kept])
    model = LogisticRegression(max_iter=2_000, C=10.0)
    model.fit(x, y)
    path = _model_path(network_id)
    tmp = path.with_suffix(".tmp")
    joblib.dump({"model": model, "embedding": MODEL_NAME}, tmp)
    tmp.replace(path)
    _cache.pop(network_id, None)
    return len(kept)


def _load(network_id: int) -> Any | None:
    path = _model_path(network_id)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    with _lock:
        held = _cache.get(network_id)
        if held is None or held[0] != mtime:
            saved = joblib.load(path)
            model = saved["model"] if saved.get("embedding") == MODEL_NAME else None
            _cache[network_id] = (mtime, model)
            held = _cache[network_id]
    return held[1]


def ddc_propose(*, network_id: int, vector: np.ndarray, top: int = 3) -> list[Proposal]:
    """The ``top`` most likely DDC sections; the neighbours' vote when no model is trained."""
    model = _load(network_id)
    if model is None:
        return []
    probs = model.predict_proba(vector.reshape(1, -1))[0]
    order = np.argsort(-probs)[:top]
    return [Proposal(str(model.classes_[i]), round(float(probs[i]), 3)) for i in order]


def vote(weighted: list[tuple[str, float]], *, top: int = 3) -> list[Proposal]:
    """Sum the weights of each value; confidences are shares of the total weight."""
    total = sum(w for _v, w in weighted) or 1.0
    scores: dict[str, float] = {}
    for value, weight in weighted:
        scores[value] = scores.get(value, 0.0) + weight
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Proposal(value, round(score / total, 3)) for value, score in best]


