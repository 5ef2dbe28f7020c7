"""Backup, verification and restore of a whole installation.

``backup_run`` stages the database copy, its manifest (table counts and checksums, every file
of the storage root and of the digital library's derivatives with its size and SHA-256) and the
settings that are not secrets, then takes one restic snapshot of the staging directory, the
storage root and the derivatives (``<data dir>/digital``: the pyramids the IIIF image server
and the PDFs are made from, thumbnails, cached PDFs). ``backup_verify`` restores a snapshot
into a scratch directory (and, on PostgreSQL, a scratch database) and compares every count and
checksum with the manifest, and checks that every page of the database it holds has its
pyramid. ``backup_restore`` puts a snapshot into this installation, refusing one that holds data
unless forced, and checks it against the manifest; the ``restore`` command then brings the
schema up to this version (``migrate``), makes again any derivative the snapshot lacks
(``backup.derivatives``) and rebuilds the search index.
"""

from __future__ import annotations

import fcntl
import fnmatch
import json
import logging
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils.translation import gettext as _

from . import database as dbmod
from .errors import BackupError, BackupErrorCode
from .restic import Restic

log = logging.getLogger(__name__)

MANIFEST = "thuvien-backup-manifest.json"
SETTINGS_FILE = "settings.json"
# 2: the digital library's derivatives (``derivatives_root``) are in the snapshot and the manifest
FORMAT = 2
# Environment settings never written into a backup (the backup is encrypted, but a key in it
# would be handed to whoever restores it).
SECRET_WORDS = ("SECRET", "PASSWORD", "KEY", "TOKEN", "CREDENTIAL")
Progress = Callable[[str], None]


def _noop(_msg: str) -> None:
    pass


def staging_dir() -> Path:
    return Path(settings.DATA_DIR) / "backup-staging"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def derivatives_root() -> Path:
    """The digital library's derivatives (``thuvien.digital.derivatives.derivative_dir``)."""
    return (Path(settings.DATA_DIR) / "digital").resolve()


# Files of the derivatives that are being written or set aside, never part of a backup: a
# pyramid or PDF before its rename (``*.tmp.tif``, ``*.tmp``), a replaced page's old ones
# (``*.old``), a PDF/A at work (``thuvien-pdfa-*``). restic matches them on every name.
DERIVATIVE_EXCLUDES = ("*.tmp", "*.tmp.tif", "*.old", "thuvien-pdfa-*")


def _excluded(rel: str) -> bool:
    return any(fnmatch.fnmatch(part, pat) for part in rel.split("/") for pat in DERIVATIVE_EXCLUDES)


def derivative_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in dbmod.walk_files(root):
        rel = path.relative_to(root).as_posix()
        if not _excluded(rel):
            yield rel, path


# The pyramid every page with an image needs (a recording without a picture has none); the IIIF
# image server and the PDFs read it. Same names as ``thuvien.digital.derivatives.pyramid_path``.
PAGES_SQL = (
    "SELECT library_id, obj_id, seq FROM digital_page "
    "WHERE derivative_ready AND media <> 'audio' ORDER BY obj_id, seq"
)


def pyramid_name(library_id: int, obj_id: int, seq: int) -> str:
    return f"{library_id}/{obj_id}/p{seq:05d}.tif"


@contextmanager
def _exclusive(name: str) -> Iterator[None]:
    """One backup (or restore) at a time on this machine; the lock dies with its process."""
    path = Path(settings.DATA_DIR) / f"{name}.lock"
    fh = path.open("w")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BackupError(
                BackupErrorCode.BUSY, _("Đang có một lượt sao lưu hoặc phục hồi khác chạy.")
            ) from exc
        yield
    finally:
        fh.close()


def public_settings() -> dict[str, str]:
    """The ``THUVIEN_*`` settings of this installation without secrets (a database URL loses
    its password)."""
    out: dict[str, str] = {}
    for name, value in sorted(os.environ.items()):
        if not name.startswith("THUVIEN_") or any(w in name for w in SECRET_WORDS):
            continue
        if name == "THUVIEN_DATABASE_URL" and "@" in value:
            scheme, _sep, rest = value.partition("://")
            creds, _at, host = rest.rpartition("@")
            value = f"{scheme}://{creds.split(':', 1)[0]}@{host}"
        out[name] = value
    return out


def _hash_cache_path(name: str = "file-hashes") -> Path:
    return Path(settings.DATA_DIR) / "backup-state" / f"{name}.json"


def media_manifest(root: Path) -> dict[str, dict[str, Any]]:
    """Every file under the storage root with size and SHA-256. Hashes of files whose size and
    modification time did not change are taken from the last backup's cache (masters are
    written once and read many times; hashing terabytes every night would take hours)."""
    return _files_manifest(
        ((p.relative_to(root).as_posix(), p) for p in dbmod.walk_files(root)), "file-hashes"
    )


def _files_manifest(
    found: Iterable[tuple[str, Path]], cache_name: str
) -> dict[str, dict[str, Any]]:
    cache_path = _hash_cache_path(cache_name)
    try:
        cache = json.loads(cache_path.read_text())
    except (OSError, ValueError):
        cache = {}
    files: dict[str, dict[str, Any]] = {}
    new_cache: dict[str, Any] = {}
    for rel, path in found:
        try:
            st = path.stat()
        except FileNotFoundError:  # deleted meanwhile (a cached PDF made anew)
            continue
        key = [st.st_size, st.st_mtime_ns]
        cached = cache.get(rel)
        try:
            digest = cached[2] if cached and cached[:2] == key else dbmod.file_sha256(path)
        except FileNotFoundError:
            continue
        files[rel] = {"size": st.st_size, "sha256": digest}
        new_cache[rel] = [*key, digest]
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(new_cache))
    os.replace(tmp, cache_path)
    return files


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return latest


def backup_run(*, repository: str | None = None, progress: Progress = _noop) -> dict[str, Any]:
    """Take one backup; returns the manifest's summary with the snapshot id."""
    restic = Restic(repository)
    started = time.monotonic()
    with _exclusive("backup"):
        restic.ensure()
        restic.unlock()
        stage = staging_dir()
        if stage.exists():  # what a killed backup left: never part of a snapshot
            shutil.rmtree(stage)
        stage.mkdir(parents=True)
        db = settings.DATABASES["default"]
        kind = dbmod.engine(db)
        progress(_("Sao chép cơ sở dữ liệu"))
        extra: dict[str, Any] = {}
        if kind == "sqlite":
            dump = stage / dbmod.SQLITE_FILE
            dbmod.sqlite_copy(Path(db["NAME"]), dump)
            tables = dbmod.sqlite_tables(dump)
        else:
            dump = stage / dbmod.PG_FILE
            tables, extra = dbmod.pg_dump_consistent(db, dump)
        progress(_("Tính mã kiểm tra tệp"))
        root = media_root()
        files = media_manifest(root)
        droot = derivatives_root()
        derived = _files_manifest(derivative_files(droot), "derivative-hashes")
        (stage / SETTINGS_FILE).write_text(
            json.dumps(public_settings(), ensure_ascii=False, indent=1)
        )
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "host": socket.gethostname(),
            "engine": kind,
            **extra,
            "database_file": dump.name,
            "database_sha256": dbmod.file_sha256(dump),
            "migrations": _migrations(),
            "tables": tables,
            "media_root": str(root),
            "files": files,
            "derivatives_root": str(droot),
            "derivatives": derived,
        }
        (stage / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        progress(_("Ghi bản sao lưu mã hoá"))
        paths = [str(stage)] + [str(p) for p in (root, droot) if p.is_dir()]
        snapshot = restic.backup(paths, excludes=DERIVATIVE_EXCLUDES)
        shutil.rmtree(stage, ignore_errors=True)
    return {
        "snapshot": snapshot,
        "engine": kind,
        "tables": len(tables),
        "rows": sum(t["rows"] for t in tables.values()),
        "files": len(files),
        "bytes": sum(f["size"] for f in files.values()),
        "derivatives": len(derived),
        "derivative_bytes": sum(f["size"] for f in derived.values()),
        "seconds": round(time.monotonic() - started, 1),
    }


def backup_forget(*, repository: str | None = None) -> None:
    """Keep the daily, weekly and monthly backups the settings ask for; drop the rest."""
    Restic(repository).forget(
        daily=settings.BACKUP_KEEP_DAILY,
        weekly=settings.BACKUP_KEEP_WEEKLY,
        monthly=settings.BACKUP_KEEP_MONTHLY,
    )


def _find_manifest(tree: Path) -> Path:
    found = [p for p in tree.rglob(MANIFEST) if p.is_file()]
    if len(found) != 1:
        raise BackupError(
            BackupErrorCode.BAD_SNAPSHOT, _("Bản sao lưu không có tệp kê khai (manifest).")
        )
    return found[0]


@contextmanager
def _restored(
    restic: Restic, snapshot_id: str, under: Path
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The snapshot restored into a scratch directory under ``under``: (staging dir, manifest)."""
    under.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="thuvien-restore-", dir=under))
    try:
        restic.restore(snapshot_id, scratch)
        manifest_path = _find_manifest(scratch)
        manifest = json.loads(manifest_path.read_text())
        manifest["_scratch"] = str(scratch)
        yield manifest_path.parent, manifest
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _restored_media(manifest: dict[str, Any]) -> Path:
    media_root: str = manifest["media_root"]
    return Path(manifest["_scratch"]) / media_root.lstrip("/")


def _restored_derivatives(manifest: dict[str, Any]) -> Path | None:
    if "derivatives_root" not in manifest:  # a backup of format 1 holds none
        return None
    droot: str = manifest["derivatives_root"]
    return Path(manifest["_scratch"]) / droot.lstrip("/")


def compare_derivatives(
    manifest: dict[str, Any], root: Path | None, pages: list[tuple[int, int, int]]
) -> tuple[list[str], list[str]]:
    """(problems, missing pyramids) of the derivatives under ``root`` against the manifest and
    the database's ``pages``. A listed file restic did not keep was deleted between the two
    (a cached PDF made anew): only a pyramid a page needs must be there."""
    actual = dict(derivative_files(root)) if root is not None else {}
    expected = manifest.get("derivatives", {})
    problems = [
        f"derivative {rel}: checksum differs"
        for rel in sorted(set(expected) & set(actual))
        if dbmod.file_sha256(actual[rel]) != expected[rel]["sha256"]
    ]
    missing = [n for n in (pyramid_name(*p) for p in pages) if n not in actual]
    return problems, missing


def _missing_message(missing: list[str]) -> str:
    return (
        f"derivatives: {len(missing)} page(s) without their pyramid (tiles, images and PDFs "
        f"of those pages would not be served; `thuvien restore` makes them again from the "
        f"masters): {', '.join('digital/' + m for m in missing[:10])}"
    )


def sqlite_pages(path: Path) -> list[tuple[int, int, int]]:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in conn.execute(PAGES_SQL).fetchall()]
    except sqlite3.OperationalError:  # a database from before the digital library
        return []
    finally:
        conn.close()


def pg_pages(db: Any, name: str) -> list[tuple[int, int, int]]:
    import psycopg

    conn = dbmod.pg_connect(db, name)
    try:
        return [tuple(r) for r in conn.execute(PAGES_SQL).fetchall()]
    except psycopg.errors.UndefinedTable:
        return []
    finally:
        conn.close()


def compare_files(manifest: dict[str, Any], root: Path) -> list[str]:
    expected = manifest["files"]
    actual = {p.relative_to(root).as_posix(): p for p in dbmod.walk_files(root)}
    problems = [f"file {rel}: missing" for rel in sorted(set(expected) - set(actual))]
    problems += [f"file {rel}: not in the manifest" for rel in sorted(set(actual) - set(expected))]
    for rel in sorted(set(expected) & set(actual)):
        if dbmod.file_sha256(actual[rel]) != expected[rel]["sha256"]:
            problems.append(f"file {rel}: checksum differs")
    return problems


def backup_verify(
    *, snapshot: str = "latest", repository: str | None = None, progress: Progress = _noop
) -> dict[str, Any]:
    """Restore ``snapshot`` into scratch space and compare it with its manifest. Returns the
    result; raises ``BackupError(MISMATCH)`` listing every difference."""
    restic = Restic(repository)
    restic.unlock()  # locks left by a killed backup (restic removes only dead processes' locks)
    snap = restic.snapshot(snapshot)
    progress(_("Kiểm tra kho sao lưu"))
    restic.check()
    progress(_("Phục hồi thử vào thư mục tạm"))
    scratch_root = Path(settings.BACKUP_SCRATCH_DIR)
    with _restored(restic, snap["id"], scratch_root) as (stage, manifest):
        problems: list[str] = []
        dump = stage / manifest["database_file"]
        if dbmod.file_sha256(dump) != manifest["database_sha256"]:
            problems.append("database dump: checksum differs")
        progress(_("So sánh số dòng và mã kiểm tra"))
        if manifest["engine"] == "sqlite":
            actual = dbmod.sqlite_tables(dump)
            pages = sqlite_pages(dump)
        else:
            db = settings.DATABASES["default"]
            name = f"{db['NAME']}_verify_{os.getpid()}"[:63]
            dbmod.pg_recreate_database(db, name)
            try:
                dbmod.pg_restore(db, dump, name)
                actual = dbmod.pg_sums_of(db, name)
                pages = pg_pages(db, name)
            finally:
                dbmod.pg_drop_database(db, name)
        problems += dbmod.compare_tables(manifest["tables"], actual)
        problems += compare_files(manifest, _restored_media(manifest))
        progress(_("Kiểm tra ảnh đã xử lý của thư viện số"))
        derived, missing = compare_derivatives(manifest, _restored_derivatives(manifest), pages)
        problems += derived
        if missing:
            problems.append(_missing_message(missing))
    result = {
        "snapshot": snap["short_id"],
        "taken_at": manifest["created_at"],
        "tables": len(manifest["tables"]),
        "rows": sum(t["rows"] for t in manifest["tables"].values()),
        "files": len(manifest["files"]),
        "derivatives": len(manifest.get("derivatives", {})),
        "pages": len(pages),
        "problems": problems,
    }
    if problems:
        raise BackupError(
            BackupErrorCode.MISMATCH,
            _("Bản sao lưu %(snap)s không khớp: %(problems)s")
            % {"snap": snap["short_id"], "problems": "; ".join(problems[:20])},
        )
    return result


# --- restore -------------------------------------------------------------------------------

# Tables whose rows make an installation "not empty": a freshly migrated one has none.
_DATA_TABLES = ("network_network", "catalog_record", "patrons_patron", "circulation_loan")


def installation_is_empty() -> bool:
    db = settings.DATABASES["default"]
    if dbmod.engine(db) == "postgresql" and not dbmod.pg_database_exists(db, db["NAME"]):
        tables: set[str] = set()
    elif dbmod.engine(db) == "sqlite" and not Path(db["NAME"]).exists():
        tables = set()
    else:
        tables = set(connection.introspection.table_names())
    present = [name for name in _DATA_TABLES if name in tables]
    if present:
        with connection.cursor() as cur:
            for name in present:
                cur.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")  # noqa: S608
                if cur.fetchone():
                    return False
    root = media_root()
    return not (root.is_dir() and any(p.is_file() for p in root.rglob("*")))


def _replace_media(source: Path | None, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    if source is not None and source.is_dir():
        try:
            os.replace(source, root)
        except OSError:  # another file system
            shutil.copytree(source, root)
    else:
        root.mkdir()


def backup_restore(
    *,
    snapshot: str = "latest",
    repository: str | None = None,
    force: bool = False,
    progress: Progress = _noop,
) -> dict[str, Any]:
    """Restore a snapshot into this installation (database, storage root) and check it."""
    restic = Restic(repository)
    snap = restic.snapshot(snapshot)
    if not force and not installation_is_empty():
        raise BackupError(
            BackupErrorCode.NOT_EMPTY,
            _(
                "Cài đặt này đã có dữ liệu; phục hồi sẽ ghi đè toàn bộ. Dùng --force nếu đúng "
                "là muốn thay thế."
            ),
        )
    db = settings.DATABASES["default"]
    kind = dbmod.engine(db)
    data_dir = Path(settings.DATA_DIR)
    with _exclusive("backup"), _restored(restic, snap["id"], data_dir) as (stage, manifest):
        if manifest["engine"] != kind:
            raise BackupError(
                BackupErrorCode.ENGINE_MISMATCH,
                _(
                    "Bản sao lưu là của %(have)s, cài đặt này dùng %(want)s: phục hồi vào "
                    "cùng loại cơ sở dữ liệu."
                )
                % {"have": manifest["engine"], "want": kind},
            )
        dump = stage / manifest["database_file"]
        progress(_("Phục hồi cơ sở dữ liệu"))
        connections.close_all()
        if kind == "sqlite":
            dbmod.sqlite_restore(dump, Path(db["NAME"]))
            actual = dbmod.sqlite_tables(Path(db["NAME"]))
        else:
            dbmod.pg_recreate_database(db, db["NAME"])
            dbmod.pg_restore(db, dump, db["NAME"])
            actual = dbmod.pg_sums_of(db, db["NAME"])
        problems = dbmod.compare_tables(manifest["tables"], actual)
        progress(_("Phục hồi tệp"))
        _replace_media(_restored_media(manifest), media_root())
        problems += compare_files(manifest, media_root())
        progress(_("Phục hồi ảnh đã xử lý của thư viện số"))
        _replace_media(_restored_derivatives(manifest), derivatives_root())
        problems += compare_derivatives(manifest, derivatives_root(), [])[0]
        settings_copy = data_dir / "restored-settings.json"
        shutil.copyfile(stage / SETTINGS_FILE, settings_copy)
    if problems:
        raise BackupError(
            BackupErrorCode.MISMATCH,
            _("Dữ liệu phục hồi không khớp bản sao lưu: %(problems)s")
            % {"problems": "; ".join(problems[:20])},
        )
    return {
        "snapshot": snap["short_id"],
        "taken_at": manifest["created_at"],
        "tables": len(manifest["tables"]),
        "rows": sum(t["rows"] for t in manifest["tables"].values()),
        "files": len(manifest["files"]),
        "derivatives": len(manifest.get("derivatives", {})),
        "settings": str(settings_copy),
    }
