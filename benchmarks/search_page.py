"""CPU time of one result page rendered in-process (no web server, no concurrency).

    THUVIEN_DATA_DIR=/tmp/tv20k .venv/bin/python benchmarks/search_page.py [N] [-p]

Calls the WSGI application as gunicorn does (DEBUG off, the base settings, no cookies: an
anonymous reader's first page) for N pages (default 300) over the reader queries of
``search_corpus`` and prints the CPU milliseconds per page (``time.process_time``, so a loaded
machine inflates it less than wall time), split into the engine call (``Engine.search``,
tantivy) and the rest (Django: database reads, rendering, middleware). ``-p`` adds a cProfile
of N pages sorted by own time. Build a data dir with ``benchmarks/search_build.py`` or
``THUVIEN_DATA_DIR=/tmp/tv20k thuvien demo-data --records 20000``.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ["DJANGO_SETTINGS_MODULE"] = "thuvien.config.settings.base"
os.environ["THUVIEN_DEBUG"] = "0"


def main() -> None:
    from search_corpus import queries

    from thuvien.config.wsgi import application
    from thuvien.search.engine import SearchBackend as Engine

    engine_cpu = [0.0]
    search = Engine.search

    def timed_search(self, req):  # noqa: ANN001, ANN202 - wraps Engine.search as it is
        started = time.process_time()
        try:
            return search(self, req)
        finally:
            engine_cpu[0] += time.process_time() - started

    Engine.search = timed_search  # type: ignore[method-assign]

    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        assert status.startswith("200"), status  # noqa: S101

    def page(q: str) -> bytes:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/search/",
            "QUERY_STRING": urlencode({"q": q}),
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        return b"".join(application(environ, start_response))

    qs = queries()
    found = sum(b'class="ritem"' in page(q) for q in qs[:40])  # warm: index, templates
    if found < 20:
        raise SystemExit(f"only {found} of 40 warm-up queries found records: is the index empty?")
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    n = int(args[0]) if args else 300
    engine_cpu[0] = 0.0
    started = time.process_time()
    for i in range(n):
        page(qs[i % len(qs)])
    cpu = (time.process_time() - started) * 1000 / n
    engine = engine_cpu[0] * 1000 / n
    print(
        f"result page: {cpu:.2f} ms CPU per page over {n} pages: engine {engine:.2f} ms, "
        f"the rest (Django) {cpu - engine:.2f} ms; load {os.getloadavg()[0]:.1f}"
    )
    if "-p" in sys.argv:
        profile = cProfile.Profile()
        profile.enable()
        for i in range(n):
            page(qs[i % len(qs)])
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(40)


if __name__ == "__main__":
    main()
