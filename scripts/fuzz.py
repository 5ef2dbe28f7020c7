#!/usr/bin/env python3
"""Long fuzzing runs: ``python scripts/fuzz.py TARGET [libFuzzer options]``.

TARGET is one of iso2709, marcxml, marcjson, query, sip2, oai. The corpus grows in
var/fuzz/TARGET (seeded from ../shared/data on the first run); crashing inputs are saved as
var/fuzz/crash-*. Example: ``python scripts/fuzz.py marcxml -max_total_time=3600 -jobs=2``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from thuvien.testing.fuzzing import TARGETS, main, seed_corpus  # noqa: E402

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options]")
    work = ROOT / "var" / "fuzz"
    corpus = work / sys.argv[1]
    if not corpus.is_dir():
        seed_corpus(sys.argv[1], corpus)
    os.chdir(work)
    main([sys.argv[0], sys.argv[1], f"-artifact_prefix={work}/", *sys.argv[2:], str(corpus)])
