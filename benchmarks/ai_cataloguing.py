"""DDC suggestion accuracy on held-out real records (Library of Congress records in
../shared/data/marc that carry 082), and the method thuvien ships against two others.

Each record's training passage is what ``ai.selectors.record_passage`` embeds (title, subjects,
notes, series); a held-out record is asked with what a cataloguer has before classifying it:
title, summary (520) and contents (505), no subjects. 80/20 split by a hash of the control
number, so every run holds out the same records.

``--demo N`` measures the same on the demo catalogue instead: N demo records (demo.catalog
step) loaded into a fresh data dir, those that carry an 082 split 80/20 by the same hash of
their control number and class, and the shipped code itself run on them: the worker embeds
every record (``ai.services.record_embeddings_refresh``, i.e. ``record_passage``), the vectors
of the held-out records are removed, ``ai.cataloguing.ddc_train`` fits the network's model on
the rest, and each held-out record is asked with ``ddc_propose`` from its title and notes (the
demo records carry no summary or contents), no subjects. Main class top-3 counts a hit when
the record's main class is that of one of the three sections proposed.

Take the demo figures for what they are: most demo titles are composed from a small
vocabulary for their subject (catalog/demo_vocab.py), each subject goes with one DDC class,
and a title's words give its class away. Accuracy there shows the pipeline runs end to end on
a Vietnamese catalogue; it says little about real cataloguing, which the LoC figures measure.

    .venv/bin/python benchmarks/ai_cataloguing.py
    .venv/bin/python benchmarks/ai_cataloguing.py --demo 3000
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "marc"


def records() -> list[dict]:
    import logging

    import pymarc

    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    out, seen = [], set()
    for path in sorted(glob.glob(str(DATA / "**" / "*.mrc"), recursive=True)) + sorted(
        glob.glob(str(DATA / "**" / "*.dat"), recursive=True)
    ):
        with open(path, "rb") as fh:
            reader = pymarc.MARCReader(fh, to_unicode=True, force_utf8=False, permissive=True)
            for rec in reader:
                if rec is None or not rec.get_fields("082") or not rec.get_fields("245"):
                    continue
                ddc = (rec.get_fields("082")[0].get_subfields("a") or [""])[0]
                if not ddc[:3].isdigit():
                    continue
                title = " ".join(rec.get_fields("245")[0].get_subfields("a", "b")).strip(" /:;")
                key = (rec["001"].data if rec["001"] else title) + ddc
                if key in seen:
                    continue
                seen.add(key)
                subjects = [
                    " -- ".join(f.get_subfields("a", "x", "z")) for f in rec.get_fields("650")
                ]
                summary = " ".join(" ".join(f.get_subfields("a")) for f in rec.get_fields("520"))
                toc = " ".join(" ".join(f.get_subfields("a")) for f in rec.get_fields("505"))
                out.append({"key": key, "ddc": ddc[:3], "title": title, "subjects": subjects,
                            "summary": summary, "toc": toc})
    return out


def held_out(key: str) -> bool:
    """One record in five, by a hash of its key: every run holds out the same records."""
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % 5 == 0


def report(name: str, top3: list[list[str]], truth: list[str]) -> None:
    top1 = np.mean([t[0] == y for t, y in zip(top3, truth, strict=True)])
    in3 = np.mean([y in t for t, y in zip(top3, truth, strict=True)])
    main1 = np.mean([t[0][0] == y[0] for t, y in zip(top3, truth, strict=True)])
    main3 = np.mean([y[0] in {c[0] for c in t} for t, y in zip(top3, truth, strict=True)])
    print(f"{name:34s} section top-1 {top1:.2f}  top-3 {in3:.2f}  "
          f"main class top-1 {main1:.2f}  top-3 {main3:.2f}")  # fmt: skip


def demo(count: int) -> None:
    """The shipped DDC model on the demo catalogue (see the module's docstring)."""
    from catalog_common import network_and_library, setup_django

    data = setup_django("bench-ddcdemo")
    from thuvien.ai.cataloguing import MIN_EXAMPLES, ddc_propose, ddc_section, ddc_train
    from thuvien.ai.embedding import embed_passages
    from thuvien.ai.models import RecordEmbedding
    from thuvien.ai.services import record_embeddings_refresh
    from thuvien.catalog.models import Record
    from thuvien.core.demo import DemoContext
    from thuvien.core.scoping import scopes_disabled
    from thuvien.demo.catalog import demo_catalog

    network, library = network_and_library()
    cpu = time.process_time()
    if not Record.objects.exists():
        ctx = DemoContext(records=count, verbosity=0)
        ctx.networks, ctx.libraries = [network], [library]
        with scopes_disabled():
            demo_catalog(ctx)
    loaded = Record.objects.filter(network=network, is_deleted=False).count()
    print(f"demo catalogue: {loaded:,} records in {data} "
          f"({time.process_time() - cpu:.1f} s CPU to load)")  # fmt: skip
    cpu = time.process_time()
    embedded = record_embeddings_refresh()
    if embedded:
        print(f"worker embedded {embedded:,} records, "
              f"{(time.process_time() - cpu) * 1000 / embedded:.1f} ms CPU a record")  # fmt: skip

    rows: list[dict[str, Any]] = []
    for pk, number, ddc, title, notes in Record.objects.filter(
        network=network, is_deleted=False
    ).exclude(ddc="").values_list("pk", "control_number", "ddc", "title", "notes"):
        section = ddc_section(ddc)
        if section is not None:
            text = ". ".join([title, *(n for n in notes if isinstance(n, str) and n)])
            rows.append({"pk": pk, "key": (number or title) + ddc, "ddc": section, "query": text})
    held = [r for r in rows if held_out(r["key"])]
    RecordEmbedding.objects.filter(record_id__in=[r["pk"] for r in held]).delete()
    counts: dict[str, int] = {}
    for r in rows:
        if not held_out(r["key"]):
            counts[r["ddc"]] = counts.get(r["ddc"], 0) + 1
    cpu = time.process_time()
    trained = ddc_train(network_id=network.pk)
    fit = time.process_time() - cpu
    print(f"{len(rows):,} records with 082 ({len(set(r['ddc'] for r in rows))} sections); "
          f"trained on {trained:,} "
          f"({sum(1 for c in counts.values() if c >= MIN_EXAMPLES)} sections, "
          f"{len({k[0] for k, c in counts.items() if c >= MIN_EXAMPLES})} main classes), "
          f"held out {len(held):,} "
          f"({len({r['ddc'] for r in held})} sections, "
          f"{len({r['ddc'][0] for r in held})} main classes); fit {fit:.1f} s CPU")  # fmt: skip
    cpu = time.process_time()
    vectors = embed_passages([r["query"] for r in held])
    top3 = [[p.value for p in ddc_propose(network_id=network.pk, vector=v)] for v in vectors]
    per = (time.process_time() - cpu) / max(len(held), 1)
    report("shipped: embeddings + log. regr.", top3, [r["ddc"] for r in held])
    print(f"  ({per * 1000:.1f} ms CPU a held-out record, embedding and proposing)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", type=int, metavar="N", help="N demo records instead of LoC's")
    args = parser.parse_args()
    if args.demo:
        demo(args.demo)
        return
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench-ai")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
    os.environ.setdefault("THUVIEN_SECRET_KEY", "benchmark-only")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    from thuvien.ai.embedding import embed_passages

    rows = records()
    held = [r for r in rows if held_out(r["key"])]
    train = [r for r in rows if r not in held]
    counts: dict[str, int] = {}
    for r in train:
        counts[r["ddc"]] = counts.get(r["ddc"], 0) + 1
    train = [r for r in train if counts[r["ddc"]] >= 2]
    def passage(r: dict) -> str:
        return ". ".join(x for x in [r["title"], "; ".join(r["subjects"]), r["summary"]] if x)

    def query(r: dict) -> str:
        return ". ".join(x for x in [r["title"], r["summary"], r["toc"]] if x)

    cpu = time.process_time()
    xt = embed_passages([passage(r) for r in train])
    xq = embed_passages([query(r) for r in held])
    per = (time.process_time() - cpu) / (len(train) + len(held))
    yt = np.array([r["ddc"] for r in train])
    yq = np.array([r["ddc"] for r in held])
    print(f"{len(rows)} records with 082; trained on {len(train)}, held out {len(held)}; "
          f"{len(set(yt))} sections; embedding {per * 1000:.1f} ms CPU a record")

    cpu = time.process_time()
    lr = LogisticRegression(max_iter=2000, C=10.0).fit(xt, yt)
    fit = time.process_time() - cpu
    probs = lr.predict_proba(xq)
    top3 = [list(lr.classes_[np.argsort(-p)[:3]]) for p in probs]
    report("embeddings + logistic regression", top3, list(yq))
    print(f"  (fit {fit:.1f} s CPU)")
    sims = xq @ xt.T
    knn = []
    for row in sims:
        scores: dict[str, float] = {}
        for i in np.argsort(-row)[:30]:
            scores[yt[i]] = scores.get(yt[i], 0) + max(row[i] - 0.7, 0) ** 2
        knn.append([k for k, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:3]] or ["000"])
    report("embeddings + neighbours' vote", knn, list(yq))
    tf = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1)
    svm = LinearSVC().fit(tf.fit_transform([passage(r) for r in train]), yt)
    dec = svm.decision_function(tf.transform([query(r) for r in held]))
    report("TF-IDF + linear SVM", [list(svm.classes_[np.argsort(-d)[:3]]) for d in dec], list(yq))


if __name__ == "__main__":
    main()
