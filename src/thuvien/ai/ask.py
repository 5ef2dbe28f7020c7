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
    record_id: int | None
    title: str
    passage: str
    obj_id: int | None = None  # a page of a digitised text: its object and page number
    seq: int | None = None


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


def retrieve(
    *, question: str, params: Any, viewer: Any = None, user: Any = None, ip: str | None = None
) -> list[Source]:
    """Pages of digitised texts that answer the question (words and meaning), then the records
    a hybrid search finds for it with a passage of each."""
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
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    for passage, obj in retrieve_passages(question=question, vector=vector, user=user, ip=ip):
        sources.append(Source(len(sources) + 1, obj.record_id, obj.title,
                              passage.text[:PASSAGE_CHARS], obj_id=obj.pk, seq=passage.seq))
    for rid in ids:
        record = records.get(rid)
        if record is None:
            continue
        texts = [str(n) for n in record.notes] or [record.title]
        passage = _best_passage(vector, texts)
        sources.append(Source(len(sources) + 1, rid, record.title, passage[:PASSAGE_CHARS]))
    return sources


MAX_PASSAGES = 3
_QUESTION_WORDS = {
    "la", "gi", "o", "dau", "nao", "the", "sao", "co", "khong", "ai", "bao", "gio", "nhu",
    "va", "cua", "nhung", "cac", "mot", "ve", "tai", "vi", "duoc", "cho", "voi", "trong",
    "what", "is", "are", "was", "where", "who", "of", "a", "an", "in", "how", "why",
    "when", "which", "and", "to", "about", "did", "does", "do",
}  # fmt: skip


def _terms(question: str) -> list[str]:
    from thuvien.core.text import fold

    words = re.findall(r"\w+", fold(question))
    return list(dict.fromkeys(w for w in words if w not in _QUESTION_WORDS and len(w) > 1))


def _lexical_passages(question: str, limit: int = 50) -> list[int]:
    """Passages holding the question's words (tone marks or not), most words first."""
    from django.db.models import Q

    from .models import DigitalPassage

    terms = _terms(question)
    if not terms:
        return []
    match = Q()
    for term in terms:
        match |= Q(text_folded__contains=term)
    scored: list[tuple[float, int]] = []
    for pk, folded in DigitalPassage.objects.filter(match).values_list("pk", "text_folded")[:500]:
        words = set(re.findall(r"\w+", folded))
        hits = sum(1 for t in terms if t in words)
        if hits * 2 >= len(terms):  # at least half the question's words
            scored.append((hits / len(terms), pk))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [pk for _s, pk in scored[:limit]]


def _semantic_passages(vector: np.ndarray, limit: int = 50) -> list[int]:
    """Passages nearest in meaning that stand out from the question's background."""
    from . import vectors
    from .selectors import standing_out

    ranked = vectors.nearest(vector, limit, kind="passages")
    return [pk for pk, _sim in standing_out(vector, ranked, kind="passages")]


def retrieve_passages(
    *, question: str, vector: np.ndarray, user: Any, ip: str | None, limit: int = MAX_PASSAGES
) -> list[tuple[Any, Any]]:
    """(passage, object) of digitised pages that answer the question and that this person may
    open (the digital library's access rule for each object; nothing else is read)."""
    from thuvien.digital.access import Decision, access_decide
    from thuvien.digital.models import DigitalObject

    from .models import DigitalPassage

    fused: dict[int, float] = {}
    for ranked in (_lexical_passages(question), _semantic_passages(vector)):
        for rank, pk in enumerate(ranked):  # reciprocal rank fusion
            fused[pk] = fused.get(pk, 0.0) + 1.0 / (60 + rank)
    order = sorted(fused, key=lambda pk: (-fused[pk], pk))
    passages = DigitalPassage.objects.in_bulk(order[: limit * 10])
    objects = DigitalObject.all_objects.select_related("library", "network").in_bulk(
        {p.obj_id for p in passages.values()}
    )
    allowed: dict[int, bool] = {}
    out: list[tuple[Any, Any]] = []
    for pk in order:
        passage = passages.get(pk)
        obj = objects.get(passage.obj_id) if passage else None
        if passage is None or obj is None:
            continue
        if obj.pk not in allowed:
            allowed[obj.pk] = access_decide(obj=obj, user=user, ip=ip) is Decision.ALLOW
        if allowed[obj.pk]:
            out.append((passage, obj))
        if len(out) >= limit:
            break
    return out


def _generate(question: str, sources: list[Source]) -> str:
    url = getattr(settings, "AI_GENERATION_URL", "")
    if not url or not sources or not url.startswith(("http://", "https://")):
        return ""
    context = "\n".join(
        f"[{s.number}] «{s.title}»{_page_label(s)}: {s.passage}" for s in sources
    )
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


def _page_label(source: Source) -> str:
    return f", trang {source.seq}" if source.seq else ""


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


def ask(
    *, question: str, params: Any, viewer: Any = None, user: Any = None, ip: str | None = None
) -> Answer:
    """``viewer`` decides which records show; ``user`` and ``ip`` which digitised pages (the
    digital library's access rule: staff, registered readers, grants, reading rooms)."""
    question = " ".join(question.split())[:500]
    answer = Answer(question=question)
    if not question:
        return answer
    answer.sources = retrieve(question=question, params=params, viewer=viewer, user=user, ip=ip)
    text = only_cited(_generate(question, answer.sources), answer.sources)
    answer.text, answer.generated = text, bool(text)
    return answer
