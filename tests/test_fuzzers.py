"""Bounded fuzzing runs (atheris / libFuzzer) of every parser that reads what strangers send:
MARC ISO 2709, MARCXML and MARC-in-JSON readers, the search query parser, the SIP2 message
parser, the OAI-PMH argument parser and SRU's CQL parser (with its translation). Each runs a
few seconds from a seed corpus made of the real files in ../shared/data; any exception other
than the parser's own clean error, or an input that takes longer than the time-out (a hang),
fails the test and the crashing input is shown.
Long runs: ``python scripts/fuzz.py TARGET -max_total_time=3600``."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from thuvien.testing.fuzzing import TARGETS, seed_corpus

SECONDS = int(os.environ.get("THUVIEN_FUZZ_SECONDS", "4"))
# Nothing here touches the suite's database: run once, in the SQLite pass of ``make test``.
pytestmark = pytest.mark.skipif(
    os.environ.get("THUVIEN_DATABASE_URL", "").startswith("postgres"),
    reason="database-independent; runs in the SQLite pass",
)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzzing_finds_no_crash_and_no_hang(target, tmp_path):
    pytest.importorskip("atheris")
    corpus = seed_corpus(target, tmp_path / "corpus")
    done = subprocess.run(
        [
            sys.executable, "-m", "thuvien.testing.fuzzing", target,
            f"-max_total_time={SECONDS}", "-runs=200000", "-timeout=10", "-rss_limit_mb=2048",
            f"-artifact_prefix={tmp_path}/", "-print_final_stats=1", str(corpus),
        ],
        cwd=tmp_path, capture_output=True, text=True, timeout=SECONDS + 120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.test"},
    )  # fmt: skip
    found = ("crash-", "timeout-", "oom-")
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(found))
    shown = [(tmp_path / name).read_bytes()[:300] for name in crashes]
    assert done.returncode == 0 and not crashes, (shown, done.stderr[-4000:])
    assert "stat::number_of_executed_units" in done.stderr  # it did run
