"""Ask the library: answers made of the library's own records and texts.

A question is answered by retrieval: the records a hybrid search finds (words first, meaning
filling in) and, in each, the passage of its text nearest to the question. Those are shown with
their source. Where the province has configured a generation service it hosts
(``AI_GENERATION_URL``: an OpenAI-compatible ``/v1/chat/completions``), a short answer is written
from those passages only, each claim citing one as [n]; a citation of anything else is removed
and an answer that cites nothing is dropped. Without the service (the default: no instruction-
following model ships in a package we can reach) only the passages are shown.

``thuvien ai_llm_sandbox`` serves a stand-in that speaks the same protocol (it quotes the first
sentence of the best passage with its citation), for the tests and for trying the page.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings

log = logging.getLogger(__name__)
MAX_SOURCES = 5
PASSAGE_CHARS = 600
_CITE = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

SYSTEM_PROMPT = (
    "Bạn là thủ thư. Chỉ trả lời bằng thông tin trong các đoạn trích được đánh số dưới đây; "
    "mỗi ý phải ghi nguồn dạng [n]. Nếu các đoạn trích không đủ để trả lời, hãy nói vậy. "
    "Trả lời ngắn gọn, bằng ngôn ngữ của câu hỏi."
)


@dataclass
class Source:
    number: int
    record_id: int
    title: str
    passage: str


@dataclass
class Answer:
    question: str
    sources: list[Source] = field(default_factory=list)
    text: str = ""  # the generated answer, "" when none was written
    generated: bool = False


def _best_passage(question_vector: np.ndarray, texts: list[str]) -> str:
    """The window of the text nearest to the question (sentences grouped to ~PASSAGE_CHARS)."""
    from .embedding import embed_passages

    windows: list[str] = []
    for text in texts:
        current = ""
        for sentence in _SENTENCE.split(text):
            if current and len(current) + len(sentence) > PASSAGE_CHARS:
                windows.append(current)
                current = ""
            current = f"{current} {sentence}".strip()
        if current:
            windows.append(current)
    if not windows:
        return ""
    if len(windows) == 1:
        return windows[0]
    scores = embed_passages(windows[:40]) @ question_vector
    return windows[int(np.argmax(scores))]


def retrieve(*, question: str, params: Any, viewer: Any = None) -> list[Source]:
    """The records a hybrid search finds for the question and a passage of each."""
    from django.http import QueryDict

    from thuvien.catalog.models import Record

    from .embedding import embed_query
    from .selectors import hybrid_page

    query = QueryDict(mutable=True)
    for key in ("network", "library"):
        if params.get(key):
            query[key] = params.get(key)
    query["q"] = question
    from thuvien.holdings.visibility import ANONYMOUS

    viewer = viewer if viewer is not None else ANONYMOUS
    page = hybrid_page(params=query, facets=False, viewer=viewer)
    if page.error or not page.rows:
        query["mode"] = "semantic"
        from .selectors import semantic_page

        page = semantic_page(params=query, facets=False, viewer=viewer)
    ids = [row.record.pk for row in page.rows][:MAX_SOURCES]
    records = Record.objects.in_bulk(ids)
    vector = embed_query(question)
    sources: list[Source] = []
    for rid in ids:
        record = records.get(rid)
        if record is None:
            continue
        texts = [str(n) for n in record.notes] or [record.title]
        passage = _best_passage(vector, texts)
        sources.append(Source(len(sources) + 1, rid, record.title, passage[:PASSAGE_CHARS]))
    return sources


def _generate(question: str, sources: list[Source]) -> str:
    url = getattr(settings, "AI_GENERATION_URL", "")
    if not url or not sources or not url.startswith(("http://", "https://")):
        return ""
    context = "\n".join(f"[{s.number}] «{s.title}»: {s.passage}" for s in sources)
    body = {
        "model": getattr(settings, "AI_GENERATION_MODEL", "") or "local",
        "temperature": 0,
        "max_tokens": 300,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Các đoạn trích:\n{context}\n\nCâu hỏi: {question}"},
        ],
    }
    request = urllib.request.Request(  # noqa: S310 - the operator's own service, http(s) only
        url.rstrip("/") + "/v1/chat/completions",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    key = getattr(settings, "AI_GENERATION_KEY", "")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=settings.AI_GENERATION_TIMEOUT) as reply:  # noqa: S310
            data = json.loads(reply.read().decode())
        return str(data["choices"][0]["message"]["content"])
    except (urllib.error.URLError, TimeoutError, ValueError, KeyError, IndexError, OSError):
        log.warning("ai: the generation service did not answer; showing passages only")
        return ""


def only_cited(text: str, sources: list[Source]) -> str:
    """Keep sentences that cite a given passage; drop citations of anything else."""
    valid = {s.number for s in sources}

    def keep_valid(found: re.Match[str]) -> str:
        return found.group(0) if int(found.group(1)) in valid else ""

    kept = []
    for sentence in _SENTENCE.split(text.strip()):
        cited = {int(n) for n in _CITE.findall(sentence)}
        if cited & valid:
            kept.append(_CITE.sub(keep_valid, sentence))
    return " ".join(s.strip() for s in kept if s.strip())


def ask(*, question: str, params: Any, viewer: Any = None) -> Answer:
    question = " ".join(question.split())[:500]
    answer = Answer(question=question)
    if not question:
        return answer
    answer.sources = retrieve(question=question, params=params, viewer=viewer)
    text = only_cited(_generate(question, answer.sources), answer.sources)
    answer.text, answer.generated = text, bool(text)
    return answer
