"""CPU time of one result page rendered in-process (no web server, no concurrency).

    THUVIEN_DATA_DIR=/tmp/tv20k .venv/bin/python benchmarks/search_page.py [N] [-p]

Renders ``/search/?q=...`` N times (default 100) through Django's test client with
DEBUG off and prints the CPU milliseconds per page (``time.process_time``, so a loaded
machine inflates it less than wall time). ``-p`` adds a cProfile of N "lich su" pages.
Build a data dir with ``THUVIEN_DATA_DIR=/tmp/tv20k thuvien demo-data --records 20000``.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time

os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ["DJANGO_SETTINGS_MODULE"] = "thuvien.config.settings.base"
os.environ["THUVIEN_DEBUG"] = "0"
QUERIES = ["lich su", "viet nam", "toan", "nguyen du", "van hoc", "kinh te", "tieng anh", "truyen"]


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    for q in QUERIES:  # warm: index reader, templates, translations
        assert client.get("/search/", {"q": q}).status_code == 200
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    n = int(args[0]) if args else 100
    started = time.process_time()
    for i in range(n):
        client.get("/search/", {"q": QUERIES[i % len(QUERIES)]})
    cpu = (time.process_time() - started) * 1000 / n
    print(f"result page: {cpu:.2f} ms CPU per page over {n} pages; load {os.getloadavg()[0]:.1f}")
    if "-p" in sys.argv:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(n):
            client.get("/search/", {"q": "lich su"})
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
