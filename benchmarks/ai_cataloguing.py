"""DDC suggestion accuracy on held-out real records (Library of Congress records in
../shared/data/marc that carry 082), and the method thuvien ships against two others.

Each record's training passage is what ``ai.selectors.record_passage`` embeds (title, subjects,
notes, series); a held-out record is asked with what a cataloguer has before classifying it:
title, summary (520) and contents (505), no subjects. 80/20 split by a hash of the control
number, so every run holds out the same records.

    .venv/bin/python benchmarks/ai_cataloguing.py
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
import time
import warnings
from pathlib import Path

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


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench-ai")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
    os.environ.setdefault("THUVIEN_SECRET_KEY", "benchmark-only")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    from thuvien.ai.embedding import embed_passages

    rows = records()
    held = [r for r in rows if int(hashlib.md5(r["key"].encode()).hexdigest(), 16) % 5 == 0]
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

    def report(name: str, top3: list[list[str]]) -> None:
        top1 = np.mean([t[0] == y for t, y in zip(top3, yq, strict=True)])
        in3 = np.mean([y in t for t, y in zip(top3, yq, strict=True)])
        main1 = np.mean([t[0][0] == y[0] for t, y in zip(top3, yq, strict=True)])
        print(f"{name:34s} section top-1 {top1:.2f}  top-3 {in3:.2f}  main class top-1 {main1:.2f}")

    cpu = time.process_time()
    lr = LogisticRegression(max_iter=2000, C=10.0).fit(xt, yt)
    fit = time.process_time() - cpu
    probs = lr.predict_proba(xq)
    top3 = [list(lr.classes_[np.argsort(-p)[:3]]) for p in probs]
    report("embeddings + logistic regression", top3)
    print(f"  (fit {fit:.1f} s CPU)")
    sims = xq @ xt.T
    knn = []
    for row in sims:
        scores: dict[str, float] = {}
        for i in np.argsort(-row)[:30]:
            scores[yt[i]] = scores.get(yt[i], 0) + max(row[i] - 0.7, 0) ** 2
        knn.append([k for k, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:3]] or ["000"])
    report("embeddings + neighbours' vote", knn)
    tf = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1)
    svm = LinearSVC().fit(tf.fit_transform([passage(r) for r in train]), yt)
    dec = svm.decision_function(tf.transform([query(r) for r in held]))
    report("TF-IDF + linear SVM", [list(svm.classes_[np.argsort(-d)[:3]]) for d in dec])


if __name__ == "__main__":
    main()
