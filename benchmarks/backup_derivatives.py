"""What carrying the digital library's derivatives in the backup costs, against making them
again from the masters after a restore (docs/operations.md, "Back up and restore").

    nice -n 10 .venv/bin/python benchmarks/backup_derivatives.py --data-dir /tmp/tv-bench-dig \\
        [--pages 60]

The data directory must hold a migrated installation with the demo network (``thuvien migrate``
then ``thuvien demo-data --records 20``). Makes PAGES colour A4 scans at 300 dpi (2480 x 3508,
paper texture and 40 lines of Vietnamese text: a scanner's noise is what makes real pages
costly to compress), ingests them as one object with ``thuvien digital-ingest`` (masters as
uncompressed TIFF, the archival habit), then measures, each in a new restic repository:

- ``thuvien backup`` without the derivatives (their folder set aside: what backups did before)
  and with them: wall time, CPU of every process, repository size;
- a second ``thuvien backup`` with them (the nightly case: nothing new to send);
- making every page's derivatives again from its master (what ``thuvien restore`` does for a
  snapshot without them: ``thuvien.backup.derivatives.derivatives_rebuild``), CPU per page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

WORDS = (
    "Phố Hiến là thương cảng sầm uất bậc nhất Đàng Ngoài thế kỷ mười bảy với chùa "
    "Chuông đền Mẫu văn miếu Xích Đằng nhãn lồng Hưng Yên nổi tiếng khắp nơi"
).split()


def scan(path: Path, seed: int) -> None:
    """A colour A4 page at 300 dpi: yellowed paper with a scanner's grain, black text."""
    import pyvips
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    text = Image.new("L", (2480, 3508), 0)
    draw = ImageDraw.Draw(text)
    font = ImageFont.truetype(
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 44,
        layout_engine=ImageFont.Layout.BASIC,
    )  # fmt: skip
    for line in range(40):
        draw.text((200, 250 + line * 75), " ".join(rng.choice(WORDS) for _ in range(9)),
                  font=font, fill=235)  # fmt: skip
    ink = pyvips.Image.new_from_memory(text.tobytes(), 2480, 3508, 1, "uchar")
    grain = pyvips.Image.gaussnoise(2480, 3508, sigma=6, mean=0)
    paper = (grain + [236, 226, 200]).cast("uchar").copy(interpretation="srgb")
    page = (paper - ink.bandjoin([ink, ink]) * 0.85).cast("uchar").copy(interpretation="srgb")
    page.tiffsave(str(path), xres=300 / 25.4, yres=300 / 25.4)


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def thuvien(env: dict[str, str], *args: str) -> tuple[dict, float, float]:
    cpu0, wall0 = cpu_children(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "thuvien.cli", *args], env=env, capture_output=True, text=True
    )
    wall, cpu = time.perf_counter() - wall0, cpu_children() - cpu0
    if proc.returncode != 0:
        sys.exit(f"thuvien {args[0]} failed:\n{proc.stderr[-3000:]}")
    try:
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        out = {}
    return out, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--library", default="HY-TINH")
    args = parser.parse_args()
    data = Path(args.data_dir).resolve()
    src = Path(__file__).resolve().parents[1] / "src"
    work = Path(tempfile.mkdtemp(prefix="thuvien-bench-dig-"))
    key = work / "key"
    key.write_text(uuid.uuid4().hex)
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
        "THUVIEN_DATA_DIR": str(data),
        "THUVIEN_BACKUP_PASSWORD_FILE": str(key),
    }
    report: dict = {"pages": args.pages}
    book = work / "book" / "scans"
    book.mkdir(parents=True)
    for n in range(args.pages):
        scan(book / f"p{n + 1:04d}.tif", seed=n)
    (work / "book" / "metadata.csv").write_text(
        "folder,title,rights_status\nscans,Sổ bộ số hoá (đo chi phí sao lưu),public_domain\n"
    )
    report["masters_bytes"] = du(book)
    _out, wall, cpu = thuvien(env, "digital-ingest", str(work / "book"), "--library",
                              args.library, "--publish")  # fmt: skip
    report["ingest"] = {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1)}
    digital = data / "digital"
    report["derivatives_bytes"] = du(digital)
    report["masters_bytes_all"] = du(data / "media")

    # without the derivatives: their folder set aside, as backups were before
    aside = data / "digital-aside"
    os.replace(digital, aside)
    try:
        repo = work / "repo-without"
        out, wall, cpu = thuvien({**env, "THUVIEN_BACKUP_REPOSITORY": str(repo)}, "backup")
    finally:
        os.replace(aside, digital)
    report["backup_without"] = {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                                "repository_bytes": du(repo)}  # fmt: skip
    repo = work / "repo-with"
    renv = {**env, "THUVIEN_BACKUP_REPOSITORY": str(repo)}
    out, wall, cpu = thuvien(renv, "backup")
    report["backup_with"] = {
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "repository_bytes": du(repo),
        "derivatives": out.get("derivatives"),
    }
    out, wall, cpu = thuvien(renv, "backup")
    report["nightly_with"] = {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                              "repository_bytes": du(repo)}  # fmt: skip

    # making them again from the masters, in this process
    sys.path.insert(0, str(src))
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "THUVIEN_DATA_DIR")})
    import django

    django.setup()
    from thuvien.backup.derivatives import derivatives_rebuild, pages_missing_derivatives

    os.replace(digital, aside)
    try:
        pages = pages_missing_derivatives()
        usage0 = resource.getrusage(resource.RUSAGE_SELF)
        wall0 = time.perf_counter()
        made = derivatives_rebuild(pages)
        wall = time.perf_counter() - wall0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime - usage0.ru_utime - usage0.ru_stime
    finally:
        shutil.rmtree(digital, ignore_errors=True)
        os.replace(aside, digital)
    report["rebuild"] = {
        "pages": made["rebuilt"],
        "failed": len(made["failed"]),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "cpu_s_per_page": round(cpu / max(1, made["rebuilt"]), 2),
    }
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
