"""Index N generated records straight from ``search_corpus`` (no database read).

    .venv/bin/python benchmarks/search_index_generated.py --records 1000000

The documents go through the same ``documents.build_document`` and ``Engine.rebuild`` as
``thuvien reindex``; only the database read is left out. ``search_corpus.rows`` is
deterministic, so this index matches the database that ``search_build.py`` fills with the same
count (records, items and ids), and the web benchmark can run on the pair.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--libraries", type=int, default=30)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from search_build import libraries
    from search_corpus import rows

    from thuvien.core.text import vi_sort_string
    from thuvien.search.documents import LibraryFacts, build_document
    from thuvien.search.engine import engine

    libs = [lib.pk for lib in libraries(args.libraries)]
    network_id = 0
    from thuvien.network.models import Network

    network_id = Network.objects.get(code="bench").pk
    facts = LibraryFacts()

    def stream():
        for n, row in enumerate(rows(args.records, libraries=len(libs)), 1):
            items = [(row["id"], libs[lib], status, cn) for lib, status, cn in row.pop("items")]
            row["network_id"] = network_id
            row["title_sort"] = vi_sort_string(row["title"][:80], width=120)
            if n % 100_000 == 0:
                print(f"  {n} documents ({time.perf_counter() - started:.0f} s)", flush=True)
            yield build_document(row, items, facts)

    started = time.perf_counter()
    count = engine().rebuild(stream())
    seconds = time.perf_counter() - started
    print(f"INDEXED {count} generated records in {seconds:.1f} s ({count / seconds:.0f}/s)")


if __name__ == "__main__":
    main()
