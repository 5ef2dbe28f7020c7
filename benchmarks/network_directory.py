"""How long the library directory's folded name search, the tree and ``libraries_at`` take for a
network far larger than any province has (default 3,000 libraries; a province has a few hundred
public, school and specialised libraries).

Run: ``.venv/bin/python benchmarks/network_directory.py [libraries]``. Prints milliseconds per
call (median of 20). A fresh SQLite database in a temporary directory, unless
THUVIEN_DATABASE_URL is set.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from catalog_common import setup_django


def _time(fn, repeat: int = 20) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    setup_django("network-bench")
    from django.utils import timezone

    from thuvien.network import selectors
    from thuvien.network.models import Library, LibraryPlacement, Network

    network = Network.objects.create(code="bench-net", name_vi="Mạng lưới đo", province="Hưng Yên")
    communes = ["Tiên Lữ", "Phố Hiến", "Khoái Châu", "Mỹ Hào", "Kiến Xương", "Tiền Hải", "Ân Thi"]
    root = Library.objects.create(
        network=network, code="B-0", name_vi="Thư viện tỉnh", library_type="provincial"
    )
    libs = [
        Library(
            network=network,
            parent=root,
            code=f"B-{i}",
            name_vi=f"Thư viện xã {communes[i % len(communes)]} số {i}",
            library_type="commune" if i % 3 else "school",
            province="Hưng Yên",
            commune=communes[i % len(communes)],
        )
        for i in range(1, count)
    ]
    Library.objects.bulk_create(libs, batch_size=500)
    now = timezone.now()
    LibraryPlacement.objects.bulk_create(
        [
            LibraryPlacement(library=lib, network=network, parent=root, valid_from=now)
            for lib in Library.objects.filter(network=network)
        ],
        batch_size=500,
    )
    today = timezone.localdate() + dt.timedelta(days=1)
    figures = {
        "library_list(q='tien lu') folded": lambda: list(
            selectors.library_list(network=network, q="tien lu")
        ),
        "library_list(q='Tiên Lữ 12')": lambda: list(
            selectors.library_list(network=network, q="Tiên Lữ 12")
        ),
        "library_list(type=school)": lambda: list(
            selectors.library_list(network=network, library_type="school")
        ),
        "library_tree_rows": lambda: selectors.library_tree_rows(network=network),
        "libraries_at(today)": lambda: list(selectors.libraries_at(network=network, date=today)),
    }
    print(f"{count} libraries in one network")  # noqa: T201
    for label, fn in figures.items():
        print(f"  {label:38s} {_time(fn):8.1f} ms")  # noqa: T201


if __name__ == "__main__":
    main()
