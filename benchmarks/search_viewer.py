"""CPU time of one catalogue search with facets, per kind of viewer (issue 19).

    THUVIEN_DATA_DIR=/tmp/tv-demo .venv/bin/python benchmarks/search_viewer.py [N]

Runs N searches (default 300) over the reader queries of ``search_corpus`` through
``search.selectors.search_catalogue`` (engine, facets, result rows; no web layer) as an
anonymous visitor, a logged-in reader of the first network, and the staff of its first
non-public library, and prints the CPU milliseconds per search (``time.process_time``). Each
signed-in viewer is run twice: as the code runs, and with the aggregation of the values some
viewers see only (``vfc``, ``documents.tiered_facets``) left out, to show what it costs. Build a
data dir with ``thuvien demo-data --records 20000`` (its Military Command library is hidden).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ["DJANGO_SETTINGS_MODULE"] = "thuvien.config.settings.base"
os.environ["THUVIEN_DEBUG"] = "0"


def main() -> None:
    import django

    django.setup()
    from search_corpus import queries

    from thuvien.holdings.visibility import ANONYMOUS, Viewer
    from thuvien.network.models import Library, Network
    from thuvien.search.backends.tantivy import run
    from thuvien.search.selectors import search_catalogue

    network = Network.objects.order_by("pk").first()
    hidden = Library.objects.filter(network=network).exclude(visibility="public").first()
    if network is None or hidden is None:
        raise SystemExit("no network with a library that is not public: build the demo data")
    viewers = {
        "anonymous": ANONYMOUS,
        "reader": Viewer(reader_networks=frozenset({network.pk})),
        "own staff": Viewer(
            staff_networks=frozenset({network.pk}), own_libraries=frozenset({hidden.pk})
        ),
    }
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    n = int(args[0]) if args else 300
    qs = queries()
    spec = run._agg_spec

    def without_tiered(req):  # noqa: ANN001, ANN202
        out = spec(req)
        out.pop("vfc", None)
        return out

    def measure(viewer: Viewer) -> float:
        for q in qs[:40]:  # warm: index, caches
            search_catalogue(params={"q": q}, viewer=viewer)
        started = time.process_time()
        for i in range(n):
            search_catalogue(params={"q": qs[i % len(qs)]}, viewer=viewer)
        return (time.process_time() - started) * 1000 / n

    for name, viewer in viewers.items():
        line = f"{name:10s} {measure(viewer):.2f} ms CPU a search"
        if name != "anonymous":
            run._agg_spec = without_tiered  # type: ignore[assignment]
            line += f" (without the tiered facets {measure(viewer):.2f} ms)"
            run._agg_spec = spec  # type: ignore[assignment]
        print(line)
    print(f"{n} searches each; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
