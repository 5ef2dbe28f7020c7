"""Backup and restore, proven the way an operator meets them: real installations in their own
data directories (and, under PostgreSQL, their own databases), the real ``thuvien`` commands,
restic, and a desk lending while the backup runs.

- the round trip: back up the demo network (loans, fees, files on storage) while a desk lends;
  restore into a new data directory; every table count and checksum equals the manifest, every
  file is identical, every loan the desk was told succeeded before the backup began is there,
  a sample of pages reads the same in both, and the restored installation answers a fixed set
  of searches (the search API over the rebuilt index, and SRU), an OAI-PMH harvest and the
  record count exactly as the original did;
- kill -9 in the middle of a backup leaves the previous backup usable and the next one works.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import dj_database_url
import pytest

from thuvien.backup import database as dbmod

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[3]
SCRIPTS = Path(__file__).parent / "scripts"
BUSY = "HY-TINH"  # the library whose desk lends during the backup
WAIT = 180  # an upper bound on a busy shared machine, never an expectation
PG = os.environ.get("THUVIEN_DATABASE_URL", "").startswith("postgres")


class Installation:
    def __init__(self, root: Path, repo: Path, key: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.repo = repo
        self.db_url = ""
        if PG:
            base = dj_database_url.parse(os.environ["THUVIEN_DATABASE_URL"])
            self.pg_name = f"thuvien_bk_{uuid.uuid4().hex[:10]}"
            self.db_url = (
                f"postgres://{base['USER']}@{base['HOST']}:{base['PORT'] or 5432}/{self.pg_name}"
            )
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("THUVIEN_")}
        self.env.update(
            DJANGO_SETTINGS_MODULE="thuvien.config.settings.base",
            PYTHONPATH=str(SRC),
            THUVIEN_DATA_DIR=str(self.data),
            THUVIEN_BACKUP_REPOSITORY=str(repo),
            THUVIEN_BACKUP_PASSWORD_FILE=str(key),
        )
        if self.db_url:
            self.env["THUVIEN_DATABASE_URL"] = self.db_url

    @property
    def db(self) -> dict:
        if self.db_url:
            return dj_database_url.parse(self.db_url)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(self.data / "thuvien.sqlite3")}

    def thuvien(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [sys.executable, "-m", "thuvien.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=1800,  # a bound for a shared machine under heavy load, not an expectation
        )
        if check:
            assert proc.returncode == 0, (args, proc.stdout[-3000:], proc.stderr[-3000:])
        return proc

    def script(self, name: str, *args: str) -> str:
        proc = subprocess.run(
            [sys.executable, str(SCRIPTS / name), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stdout

    def tables(self) -> dict:
        if self.db_url:
            return dbmod.pg_sums_of(self.db, self.pg_name)
        return dbmod.sqlite_tables(Path(self.db["NAME"]))

    def query(self, sql: str) -> list:
        if self.db_url:
            conn = dbmod.pg_connect(self.db, self.pg_name)
            try:
                return conn.execute(sql).fetchall()
            finally:
                conn.close()
        import sqlite3

        with sqlite3.connect(self.db["NAME"]) as conn:
            return conn.execute(sql).fetchall()

    def drop(self) -> None:
        if self.db_url:
            dbmod.pg_drop_database(self.db, self.pg_name)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The demo network with loans and fees, files on storage, and an empty second
    installation beside it; one restic repository with the operator's key file."""
    root = tmp_path_factory.mktemp("backup")
    key = root / "backup.key"
    key.write_text(uuid.uuid4().hex)
    key.chmod(0o600)
    repo = root / "repo"
    source = Installation(root / "a", repo, key)
    target = Installation(root / "b", repo, key)
    if PG:
        for inst in (source, target):
            dbmod.pg_recreate_database(inst.db, inst.pg_name)
    try:
        source.thuvien("migrate", "-v0")
        source.thuvien("demo-data", "--records", "80", "-v0")
        media = source.data / "media"
        for rel, size in [
            ("digital/masters/ho-so-1/0001.tif", 200_000),
            ("patrons/anh.jpg", 9_000),
        ]:
            path = media / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(size))
        (media / "digital/masters/ho-so-1/ghi-chú.txt").write_text("Bản gốc số hoá — Hưng Yên")
        yield source, target
    finally:
        source.drop()
        target.drop()


def test_round_trip_while_a_desk_lends(world, tmp_path):
    source, target = world
    counts = source.query(
        "SELECT (SELECT count(*) FROM circulation_loan), (SELECT count(*) FROM circulation_fee)"
    )[0]
    assert counts[0] > 0 and counts[1] > 0, "the demo network must hold loans and fees"

    # What readers and harvesters were told before the backup (the desk changes loans only).
    answers = json.loads(source.script("answers.py"))
    searched = answers["search"].values()
    assert sum(1 for a in searched if a["total"] > 0) >= 5, answers["search"]
    assert answers["oai"]["count"] >= answers["records"] > 50

    stop = tmp_path / "stop"
    desk = subprocess.Popen(
        [sys.executable, str(SCRIPTS / "writer.py"), BUSY, str(stop)],
        env=source.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    confirmed: list[int] = []
    try:
        deadline = time.monotonic() + WAIT
        while len(confirmed) < 5:  # the desk is lending
            if time.monotonic() > deadline or desk.poll() is not None:
                desk.kill()  # its stderr is read to its end: a live writer would never end it
                raise AssertionError(desk.communicate(timeout=10)[1])
            confirmed.append(int(desk.stdout.readline()))
        before_backup = list(confirmed)
        backup = source.thuvien("backup")
        summary = json.loads(backup.stdout.strip().splitlines()[-1])
    finally:
        stop.touch()
        out, err = desk.communicate(timeout=WAIT)
    assert desk.returncode == 0, err
    during = [int(line) for line in out.split()]
    assert during, "the desk went on lending while the backup ran"
    assert summary["files"] == 3

    manifest = json.loads(
        subprocess.run(
            [
                "restic",
                "dump",
                "latest",
                f"{source.data}/backup-staging/thuvien-backup-manifest.json",
            ],
            env={
                **source.env,
                "RESTIC_REPOSITORY": str(source.repo),
                "RESTIC_PASSWORD_FILE": source.env["THUVIEN_BACKUP_PASSWORD_FILE"],
            },
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )

    # A new installation: restore, which rebuilds the index.
    restored = target.thuvien("restore", str(target.repo))
    assert json.loads(restored.stdout.strip().splitlines()[-1])["snapshot"] == summary["snapshot"]

    # Every table count and checksum: the restore wrote one audit entry of its own on top.
    tables = target.tables()
    audit = "core_auditentry"
    assert tables[audit]["rows"] == manifest["tables"][audit]["rows"] + 1
    expected = {k: v for k, v in manifest["tables"].items() if k != audit}
    assert dbmod.compare_tables(expected, {k: v for k, v in tables.items() if k != audit}) == []
    assert len(expected) > 40 and sum(t["rows"] for t in expected.values()) > 1000

    # Every loan the desk was told succeeded before the backup began is in the restore.
    ids = ",".join(str(i) for i in before_backup)
    found = target.query(f"SELECT id FROM circulation_loan WHERE id IN ({ids})")  # noqa: S608
    assert len(found) == len(before_backup)

    # Every file, byte for byte.
    for rel, meta in manifest["files"].items():
        assert dbmod.file_sha256(target.data / "media" / rel) == meta["sha256"], rel
        assert dbmod.file_sha256(source.data / "media" / rel) == meta["sha256"], rel

    # A sample of pages reads the same (records and libraries the desk did not touch).
    source_pages = json.loads(source.script("pages.py", BUSY))
    target_pages = json.loads(target.script("pages.py", BUSY))
    assert len(source_pages) > 10
    assert all(status == 200 for status, _digest in source_pages.values()), source_pages
    assert target_pages == source_pages

    # The index was rebuilt: every search finds in the restore what it found in the source
    # (the same total, the same records in the same order, the same facet counts), and a
    # harvester gets the same identifiers. pages.py renders from the database; these are the
    # index's answers.
    restored_answers = json.loads(target.script("answers.py"))
    for q, before in answers["search"].items():
        assert restored_answers["search"][q] == before, q
    assert restored_answers == answers

    # A second restore into it is refused: it is no longer empty.
    again = target.thuvien("restore", str(target.repo), check=False)
    assert again.returncode != 0 and "--force" in again.stderr


def _snapshots(inst: Installation) -> list:
    proc = subprocess.run(
        ["restic", "snapshots", "--json"],
        env={
            **inst.env,
            "RESTIC_REPOSITORY": str(inst.repo),
            "RESTIC_PASSWORD_FILE": inst.env["THUVIEN_BACKUP_PASSWORD_FILE"],
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_kill_9_during_a_backup_leaves_the_previous_one_usable(world):
    source, _target = world
    source.thuvien("backup")
    before = _snapshots(source)
    # Enough new data that restic is still at work when it is killed.
    big = source.data / "media" / "digital" / "masters" / "ho-so-2" / "0001.tif"
    big.parent.mkdir(parents=True, exist_ok=True)
    big.write_bytes(os.urandom(60_000_000))
    proc = subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "backup"],
        env=source.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    staged = source.data / "backup-staging" / "thuvien-backup-manifest.json"
    deadline = time.monotonic() + WAIT
    while not staged.exists():
        assert proc.poll() is None, "the backup ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.2)  # restic is reading the new master
    os.killpg(proc.pid, signal.SIGKILL)  # the backup and its restic, as the OOM killer would
    proc.wait(timeout=30)
    assert _snapshots(source) == before, "killed before its snapshot was written"

    verify = source.thuvien("backup", "--verify")
    assert json.loads(verify.stdout.strip().splitlines()[-1])["problems"] == []

    # The next backup cleans up after the killed one and includes the new master.
    source.thuvien("backup")
    assert len(_snapshots(source)) == len(before) + 1
    verify = source.thuvien("backup", "--verify")
    assert json.loads(verify.stdout.strip().splitlines()[-1])["files"] == 4
    big.unlink()
