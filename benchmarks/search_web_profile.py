"""CPU of one search request inside the web process: the whole Django stack, no socket.

    .venv/bin/python benchmarks/search_web_profile.py [--path /api/v1/search/] [--profile]

Calls the WSGI application (every middleware, the URL resolver, the view, the renderer) with
the reader queries of ``search_corpus.queries()`` on the benchmark data dir (search_build.py),
as gunicorn's worker would, and prints the CPU per request, split into the engine's share
(``SearchBackend.search``) and the rest: the web layer's cost that ``search_web.py`` measures
through the socket together with gunicorn's. ``--profile`` prints cProfile's top functions of
the web layer (sorted by own time), which is where the waste shows.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
os.environ.setdefault("THUVIEN_DEBUG", "0")
os.environ.setdefault("THUVIEN_API_ANON_RATE", "1000000/min")
os.environ.setdefault("THUVIEN_API_USER_RATE", "1000000/min")
os.environ.setdefault("THUVIEN_SEARCH_RATE", "1000000/min")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", default="/search/")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=45, help="functions --profile prints")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from search_corpus import queries

    from thuvien.search import engine as seam

    backend_class = type(seam.engine())
    engine_cpu = [0.0]
    search = backend_class.search

    def timed_search(self, req):  # noqa: ANN001, ANN202 - wraps the backend's search as it is
        started = time.process_time()
        try:
            return search(self, req)
        finally:
            engine_cpu[0] += time.process_time() - started

    backend_class.search = timed_search  # type: ignore[method-assign]
    app = WSGIHandler()
    qs = queries()

    def request(q: str) -> int:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": args.path.split("?", 1)[0],
            "QUERY_STRING": "&".join(
                filter(None, [args.path.partition("?")[2], urlencode({"q": q})])
            ),
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        status: list[str] = []
        body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{args.path}?q={q}: {status[0]}")
        return len(body)

    for q in qs[:40]:  # warm caches, translations, the index reader
        request(q)
    # thread CPU time, not wall time: the machine is shared, and a wait is not work
    profiler = cProfile.Profile(time.thread_time) if args.profile else None
    engine_cpu[0] = 0.0
    n = 0
    started = time.process_time()
    if profiler:
        profiler.enable()
    for _ in range(args.rounds):
        for q in qs:
            request(q)
            n += 1
    if profiler:
        profiler.disable()
    cpu = (time.process_time() - started) * 1000 / n
    engine = engine_cpu[0] * 1000 / n
    print(
        f"{args.path}: {cpu:.2f} ms CPU a request over {n} requests: engine {engine:.2f} ms, "
        f"web layer {cpu - engine:.2f} ms{' (profiled: slower)' if profiler else ''}"
    )
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(max(30, args.top * 2 // 3))
        stats.sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
