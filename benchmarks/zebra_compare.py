"""thuvien's search API against Koha's default engine (Zebra) on the same records, over sockets.

    .venv/bin/python benchmarks/zebra_compare.py [--records 0] [--rounds 2]
        [--paths /api/v1/search/,/search/] [--zebra-port 0] [--api-port 0]

On the benchmark data dir (search_build.py): the records of the database are written as MARC21
(UTF-8; title, authors, subjects, publisher, year, ISBN, language from the record's columns) and
indexed by ``zebraidx`` with a Koha-like configuration: MARC21 fields to Bib-1 indexes
(Debian's ``marc21.abs``) and Koha's ICU chains for words and phrases (control characters
removed, tokenised, punctuation removed, ``NFD; [:Nonspacing Mark:] Remove; NFC``, lower case:
tone marks folded, ``đ`` kept, as Koha's ``words-icu.xml`` does). ``zebrasrv`` then answers SRU
on a local port; ``thuvien serve``'s gunicorn (sync workers, the shipped shape) answers
``/api/v1/search/`` on another. Both are asked the same plain-word reader queries of
``search_corpus.queries()``, interleaved, one request at a time on a new connection each,
20 records a page (Zebra, threaded ``zebrasrv -T``, SRU on YAZ's front end where the issue
measured Z39.50: ``@attr 1=1016 @attr 2=102 @attr 4=6`` keyword, relevance ranked,
as Koha asks; MARCXML back; thuvien: JSON with facets, clusters and availability). Printed:
p50/p95 wall time of each and their ratio (thuvien / Zebra), the servers' CPU per request,
the index build's wall and CPU time, and relevance counts: how often a record of the exact
title is first when a title is typed with its tone marks, and found in the top 10 when typed
without them.

``--paths``: the thuvien addresses compared with Zebra on the same queries, each in turn after
Zebra's answer (the API by default; ``/search/`` is the result page, HTML with the same
search; a path may carry parameters of its own, e.g. ``/api/v1/search/?facets=0``). The
relevance counts always read the API's default answer. ``--base-root``: another checkout
(e.g. ``git worktree add /tmp/base main``) served by a second gunicorn on the next port, its
paths measured in the same interleaved rounds ("base ..."), for a before/after on one load.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from proc_cpu import tree_cpu  # noqa: E402

ZEBRA_TAB = Path("/usr/share/idzebra-2.0/tab")
ZEBRA_MODULES = Path("/usr/lib/x86_64-linux-gnu/idzebra-2.0/modules")
# Koha's etc/zebradb ICU chains (words and phrases): tone marks folded, đ kept.
WORDS_ICU = """<icu_chain locale="vi">
  <transform rule="[:Control:] Any-Remove"/>
  <tokenize rule="l"/>
  <transform rule="[[:WhiteSpace:][:Punctuation:]`] Remove"/>
  <transform rule="NFD; [:Nonspacing Mark:] Remove; NFC"/>
  <casemap rule="l"/>
</icu_chain>
"""
PHRASES_ICU = """<icu_chain locale="vi">
  <transform rule="[:Control:] Any-Remove"/>
  <transform rule="[[:Punctuation:]`] Remove"/>
  <transform rule="NFD; [:Nonspacing Mark:] Remove; NFC"/>
  <casemap rule="l"/>
</icu_chain>
"""
PLAIN = re.compile(r"^[^\W\d_][\w\s]*$")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def export_marc(path: Path, limit: int) -> list[tuple[int, str]]:
    """The database's records as MARC21 in ``path``; (id, title) of each."""
    from pymarc import Field, Leader, MARCWriter, Subfield
    from pymarc import Record as Marc

    from thuvien.catalog.models import Record

    rows = Record.objects.filter(is_deleted=False).order_by("pk")
    if limit:
        rows = rows[:limit]
    titles = []
    with path.open("wb") as out:
        writer = MARCWriter(out)
        for r in rows.values_list(
            "pk", "title", "authors", "subjects", "publisher", "year", "isbns", "language"
        ).iterator(chunk_size=5000):
            pk, title, authors, subjects, publisher, year, isbns, language = r
            marc = Marc(force_utf8=True, leader=Leader("00000nam a2200000 a 4500"))
            marc.add_field(Field(tag="001", data=str(pk)))
            lang = (language or "vie")[:3].ljust(3)
            marc.add_field(
                Field(tag="008", data=f"000000s{year or '    '}    vm            000 0 {lang} d")
            )
            for isbn in isbns or []:
                marc.add_field(
                    Field(tag="020", indicators=[" ", " "], subfields=[Subfield("a", isbn)])
                )
            for i, name in enumerate(authors or []):
                marc.add_field(
                    Field(
                        tag="100" if i == 0 else "700",
                        indicators=["1", " "],
                        subfields=[Subfield("a", name)],
                    )
                )
            marc.add_field(
                Field(tag="245", indicators=["1", "0"], subfields=[Subfield("a", title)])
            )
            if publisher or year:
                subs = [Subfield("b", publisher)] if publisher else []
                marc.add_field(
                    Field(
                        tag="260",
                        indicators=[" ", " "],
                        subfields=[*subs, Subfield("c", str(year or ""))],
                    )
                )
            for s in subjects or []:
                marc.add_field(
                    Field(tag="650", indicators=[" ", "7"], subfields=[Subfield("a", s)])
                )
            writer.write(marc)
            titles.append((pk, title))
    return titles


def zebra_config(tmp: Path, port: int) -> Path:
    tab = tmp / "tab"
    tab.mkdir()
    (tab / "words-icu.xml").write_text(WORDS_ICU, encoding="utf-8")
    (tab / "phrases-icu.xml").write_text(PHRASES_ICU, encoding="utf-8")
    abs_rules = (ZEBRA_TAB / "marc21.abs").read_text(encoding="utf-8")
    abs_rules = abs_rules.replace("melm 100\t", "melm 020$a\t\tISBN\nmelm 100\t", 1)
    abs_rules = abs_rules.replace("name marc21\n", "name marc21\nencoding utf-8\n", 1)
    (tab / "marc21.abs").write_text(abs_rules, encoding="utf-8")
    reg = tmp / "reg"
    reg.mkdir()
    (tmp / "zebra.cfg").write_text(
        f"profilePath: {tab}:{ZEBRA_TAB}\nmodulePath: {ZEBRA_MODULES}\n"
        "recordType: grs.marcxml.marc21\nencoding: utf-8\nindex: icu.idx\n"
        "attset: bib1.att\nattset: explain.att\nrank: rank-1\n"
        f"register: {reg}:4G\nlockDir: {reg}\nkeyTmpDir: {reg}\nshadow: {reg}:4G\n",
        encoding="utf-8",
    )
    gfs = tmp / "yazgfs.xml"
    gfs.write_text(
        f"""<yazgfs>
  <listen id="public">tcp:127.0.0.1:{port}</listen>
  <server id="zebra" listenref="public">
    <config>{tmp / "zebra.cfg"}</config>
    <retrievalinfo>
      <retrieval syntax="xml" name="marcxml" identifier="info:srw/schema/1/marcxml-v1.1">
        <backend syntax="usmarc" name="F">
          <marc inputformat="marc" outputformat="marcxml" inputcharset="utf-8"/>
        </backend>
      </retrieval>
    </retrievalinfo>
  </server>
</yazgfs>
""",
        encoding="utf-8",
    )
    return gfs


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status} {body[:200]!r}")
    return (time.perf_counter() - started) * 1000, body


def zebra_path(words: str, limit: int = 20) -> str:
    pqf = f'@attr 1=1016 @attr 2=102 @attr 4=6 "{words}"'
    return (
        "/Default?version=1.1&operation=searchRetrieve&recordSchema=marcxml"
        f"&maximumRecords={limit}&x-pquery={quote(pqf)}"
    )


def api_path(words: str, base: str = "/api/v1/search/") -> str:
    return base + ("&" if "?" in base else "?") + urlencode({"q": words})


def zebra_titles(body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    return re.findall(r'<datafield tag="245"[^>]*>\s*<subfield code="a">([^<]*)</subfield>', text)


def api_titles(body: bytes) -> list[str]:
    import json

    return [r["title"] for r in json.loads(body)["results"]]


def wait_for(port: int, path: str, proc: subprocess.Popen) -> None:
    deadline = time.time() + 120
    while True:
        try:
            get(port, path)
            return
        except (OSError, SystemExit):
            if proc.poll() is not None or time.time() > deadline:
                raise
            time.sleep(0.5)


def main() -> None:  # noqa: PLR0915 - one measured run, read top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=0, help="0: every record of the database")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--title-queries", type=int, default=150)
    parser.add_argument(
        "--paths", default="/api/v1/search/", help="comma-separated thuvien paths to compare"
    )
    parser.add_argument("--zebra-port", type=int, default=0, help="0: a free port")
    parser.add_argument("--api-port", type=int, default=0, help="0: a free port")
    parser.add_argument("--base-root", default="", help="another checkout to measure alongside")
    args = parser.parse_args()
    paths = [p for p in args.paths.split(",") if p]
    import django

    django.setup()
    from search_corpus import queries

    from thuvien.cli import gunicorn_command
    from thuvien.core.text import fold

    tmp = Path(tempfile.mkdtemp(prefix="zebra-compare-"))
    try:
        marc = tmp / "records.mrc"
        titles = export_marc(marc, args.records)
        print(f"records: {len(titles)} written as MARC21 ({marc.stat().st_size / 1e6:.0f} MB)")
        zport = args.zebra_port or free_port()
        aport = args.api_port or free_port()
        gfs = zebra_config(tmp, zport)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [
                "zebraidx",
                "-c",
                str(tmp / "zebra.cfg"),
                "-l",
                str(tmp / "zebraidx.log"),
                "update",
                str(marc),
            ],
            cwd=tmp,
            check=True,
        )
        subprocess.run(["zebraidx", "-c", str(tmp / "zebra.cfg"), "commit"], cwd=tmp, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        zebra_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        print(
            f"ZEBRA INDEX: {time.perf_counter() - started:.1f} s wall, {zebra_cpu:.1f} s CPU "
            "(thuvien's rebuild of the same records: search_build.py prints REINDEX)"
        )
        zebra = subprocess.Popen(  # noqa: S603
            # -T: one threaded process (no fork per connection), so its CPU is all counted
            ["zebrasrv", "-T", "-f", str(gfs), "-l", str(tmp / "zebrasrv.log")],
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers = [("", ROOT, aport)]
        if args.base_root:
            servers.append(("base ", Path(args.base_root).resolve(), aport + 1))
        webs = []
        for _label, root, port in servers:
            env = {
                **os.environ,
                # the server runs that checkout's code, not whichever one the venv installed
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")])
                ),
                "THUVIEN_DEBUG": "0",
                "THUVIEN_BIND": f"127.0.0.1:{port}",
                "THUVIEN_API_ANON_RATE": "1000000/min",
                "THUVIEN_API_USER_RATE": "1000000/min",
                "THUVIEN_SEARCH_RATE": "1000000/min",
            }
            webs.append(
                subprocess.Popen(  # noqa: S603
                    gunicorn_command(env, ["--log-level", "warning"]),
                    env=env,
                    cwd=str(root),
                    stdout=subprocess.DEVNULL,
                )
            )
        # (name, port, path, server) of every thuvien address measured
        targets = [
            (f"{label}{base}", port, base, proc)
            for (label, _root, port), proc in zip(servers, webs, strict=True)
            for base in paths
        ]
        try:
            wait_for(zport, zebra_path("van hoc"), zebra)
            for _name, port, _base, proc in targets[:: len(paths)]:
                wait_for(port, api_path("van hoc"), proc)
            plain = [q for q in queries() if PLAIN.match(q)]
            for q in plain[:30]:  # warm every server
                get(zport, zebra_path(q))
                for _name, port, base, _proc in targets:
                    get(port, api_path(q, base))
            times: dict[str, list[float]] = {"zebra": [], **{t[0]: [] for t in targets}}
            cpu = dict.fromkeys(times, 0.0)
            for _ in range(args.rounds):
                for q in plain:
                    for name, port, path, proc in (
                        ("zebra", zport, zebra_path(q), zebra),
                        *(
                            (name, port, api_path(q, base), proc)
                            for name, port, base, proc in targets
                        ),
                    ):
                        c = tree_cpu(proc.pid)
                        ms, _body = get(port, path)
                        cpu[name] += tree_cpu(proc.pid) - c
                        times[name].append(ms)
            n = len(times["zebra"])
            for name in times:
                label = "Zebra SRU" if name == "zebra" else f"thuvien {name}"
                print(
                    f"{label}: p50 {pct(times[name], 50):.1f} ms  p95 {pct(times[name], 95):.1f} ms"
                    f"  server CPU {cpu[name] * 1000 / n:.2f} ms a request ({n} requests)"
                )
            for name, *_rest in targets:
                print(
                    f"RATIO thuvien {name} / Zebra: "
                    f"p50 {pct(times[name], 50) / pct(times['zebra'], 50):.2f}"
                    f"  p95 {pct(times[name], 95) / pct(times['zebra'], 95):.2f}"
                    f"  CPU {cpu[name] / max(cpu['zebra'], 1e-9):.2f}"
                )
            rng = random.Random(13)
            multi = [(pk, t) for pk, t in titles if len(t.split()) >= 2 and fold(t) != t]
            picked = rng.sample(multi, min(args.title_queries, len(multi)))
            first = {"zebra": 0, "api": 0}
            top10 = {"zebra": 0, "api": 0}
            folded_top10 = {"zebra": 0, "api": 0}
            three = {"zebra": 0, "api": 0, "titles": 0}  # the three-word titles' top 10
            for _pk, title in picked:
                words = " ".join(re.findall(r"\w+", title))
                want = title.casefold()
                z = [t.casefold() for t in zebra_titles(get(zport, zebra_path(words, 10))[1])]
                a = [t.casefold() for t in api_titles(get(aport, api_path(words))[1])][:10]
                three["titles"] += len(words.split()) == 3
                for name, found in (("zebra", z), ("api", a)):
                    first[name] += bool(found) and found[0] == want
                    top10[name] += want in found
                    three[name] += want in found and len(words.split()) == 3
                bare = fold(words)
                z = [fold(t).casefold() for t in zebra_titles(get(zport, zebra_path(bare, 10))[1])]
                a = [fold(t).casefold() for t in api_titles(get(aport, api_path(bare))[1])][:10]
                for name, found in (("zebra", z), ("api", a)):
                    folded_top10[name] += fold(want) in found
            k = len(picked)
            print(
                f"RELEVANCE over {k} titles typed with tone marks: exact title first "
                f"thuvien {first['api']}/{k}, Zebra {first['zebra']}/{k}; in the top 10 "
                f"thuvien {top10['api']}/{k}, Zebra {top10['zebra']}/{k} (three-word titles: "
                f"thuvien {three['api']}/{three['titles']}, "
                f"Zebra {three['zebra']}/{three['titles']})"
            )
            print(
                f"RELEVANCE the same titles typed without marks: in the top 10 "
                f"thuvien {folded_top10['api']}/{k}, Zebra {folded_top10['zebra']}/{k}"
            )
        finally:
            for proc in (zebra, *webs):
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
