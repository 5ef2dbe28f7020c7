"""The database part of a backup: a consistent copy taken while the system serves, and the
table counts and checksums of exactly that copy.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the file page by page
  inside one read transaction; in WAL mode writers go on meanwhile. Counts and checksums are
  read from the copy.
- PostgreSQL: one REPEATABLE READ transaction exports its snapshot; ``pg_dump --snapshot`` dumps
  exactly that snapshot while the same transaction counts and checksums the tables, so the
  manifest describes the dump even with desks lending during it. pg_dump must be at least the
  server's major version (it refuses to dump a newer server); we look for the matching one.

A checksum is the SHA-256 of the rows in primary-key order, each row as the engine writes it
(SQLite: Python's repr of the row; PostgreSQL: the row's text form). A restore into the same
engine gives the same checksum; that is what ``backup --verify`` and the restore compare.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import BackupError, BackupErrorCode

SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


def engine(db: Mapping[str, Any] | None = None) -> str:
    db = db or settings.DATABASES["default"]
    name = db["ENGINE"].rsplit(".", 1)[-1]
    if name == "sqlite3":
        return "sqlite"
    if name == "postgresql":
        return "postgresql"
    raise BackupError(
        BackupErrorCode.ENGINE_MISMATCH, _("Không sao lưu được CSDL loại %(e)s.") % {"e": name}
    )


# --- SQLite -------------------------------------------------------------------------------


def sqlite_copy(source: Path, dest: Path) -> None:
    """Copy a live SQLite database with the online backup API (one consistent snapshot)."""
    tmp = dest.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    try:
        dst = sqlite3.connect(tmp)
        try:
            # pages=-1: the whole file in one step, so no writer can restart the copy.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, dest)


def sqlite_tables(path: Path) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        out: dict[str, dict[str, Any]] = {}
        for name in names:
            digest = hashlib.sha256()
            rows = 0
            cur = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')  # noqa: S608
            while batch := cur.fetchmany(5000):
                for row in batch:
                    digest.update(repr(row).encode())
                    digest.update(b"\n")
                rows += len(batch)
            out[name] = {"rows": rows, "sha256": digest.hexdigest()}
        return out
    finally:
        conn.close()


def sqlite_restore(backup_file: Path, target: Path) -> None:
    """Put the backed-up database at ``target`` (whatever was there is replaced)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".restoring")
    tmp.unlink(missing_ok=True)
    shutil.copyfile(backup_file, tmp)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, target)


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_conninfo(db: Mapping[str, Any], name: str | None = None) -> dict[str, str]:
    info = {
        "dbname": name or db["NAME"],
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
    }
    return {k: v for k, v in info.items() if v}


def _pg_env(db: Mapping[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: Mapping[str, Any], name: str | None = None) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return [*args, "-d", name or db["NAME"]]


def pg_connect(db: Mapping[str, Any], name: str | None = None, *, autocommit: bool = False) -> Any:
    import psycopg

    return psycopg.connect(**_pg_conninfo(db, name), autocommit=autocommit)


def pg_tool(tool: str, server_major: int) -> str:
    """The pg_dump/pg_restore for this server: THUVIEN_PG_BIN_DIR, then Debian's versioned
    directory of the server's major version, then the PATH; refused when older than the server
    (pg_dump cannot dump a newer server)."""
    candidates = []
    if settings.BACKUP_PG_BIN_DIR:
        candidates.append(Path(settings.BACKUP_PG_BIN_DIR) / tool)
    candidates.append(Path(f"/usr/lib/postgresql/{server_major}/bin/{tool}"))
    found = shutil.which(tool)
    if found:
        candidates.append(Path(found))
    for path in candidates:
        if not path.is_file():
            continue
        out = subprocess.run([str(path), "--version"], capture_output=True, text=True).stdout
        match = re.search(r"(\d+)(?:\.\d+)?", out)
        if match and int(match.group(1)) >= server_major:
            return str(path)
        last = (str(path), out.strip())
    detail = f" ({last[0]}: {last[1]})" if "last" in locals() else ""
    raise BackupError(
        BackupErrorCode.VERSION_MISMATCH,
        _(
            "Không có %(tool)s phiên bản %(major)s trở lên cho máy chủ PostgreSQL %(major)s"
            "%(detail)s; cài postgresql-client-%(major)s hoặc đặt THUVIEN_PG_BIN_DIR."
        )
        % {"tool": tool, "major": server_major, "detail": detail},
    )


def _pg_tables(cur: Any) -> list[tuple[str, list[str]]]:
    cur.execute(
        "SELECT c.relname, coalesce(array_agg(a.attname"
        "  ORDER BY array_position(i.indkey::int2[], a.attnum))"
        "  FILTER (WHERE a.attname IS NOT NULL), '{}')"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
        " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)"
        " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
        " GROUP BY c.relname ORDER BY c.relname"
    )
    return [(name, list(pk)) for name, pk in cur.fetchall()]


def pg_table_sums(conn: Any) -> dict[str, dict[str, Any]]:
    """Counts and checksums of every table, read inside ``conn``'s current transaction."""
    out: dict[str, dict[str, Any]] = {}
    with conn.cursor() as cur:
        tables = _pg_tables(cur)
    for i, (name, pk) in enumerate(tables):
        order = ", ".join(f'"{c}"' for c in pk) if pk else "t::text"
        digest = hashlib.sha256()
        rows = 0
        with conn.cursor(name=f"thuvien_sum_{i}") as cur:
            cur.itersize = 5000
            cur.execute(f'SELECT t::text FROM "{name}" t ORDER BY {order}')  # noqa: S608
            for (text,) in cur:
                digest.update(text.encode())
                digest.update(b"\n")
                rows += 1
        out[name] = {"rows": rows, "sha256": digest.hexdigest()}
    return out


def pg_server_major(conn: Any) -> int:
    with conn.cursor() as cur:
        cur.execute("SHOW server_version_num")
        return int(cur.fetchone()[0]) // 10000


def pg_dump_consistent(db: Mapping[str, Any], dest: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Dump the database at one snapshot and sum the tables at that same snapshot."""
    conn = pg_connect(db)
    try:
        major = pg_server_major(conn)
        pg_dump = pg_tool("pg_dump", major)
        with conn.cursor() as cur:
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
        tmp = dest.with_suffix(".partial")
        proc = subprocess.run(
            [
                pg_dump,
                *_pg_args(db),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "-f",
                str(tmp),
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise BackupError(
                BackupErrorCode.TOOL_FAILED,
                _("pg_dump thất bại: %(err)s") % {"err": proc.stderr.strip()[-2000:]},
            )
        tables = pg_table_sums(conn)
        conn.rollback()
        os.replace(tmp, dest)
        return tables, {"server_major": major, "pg_dump": pg_dump}
    finally:
        conn.close()


def pg_database_exists(db: Mapping[str, Any], name: str) -> bool:
    conn = pg_connect(db, "postgres", autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cur.fetchone() is not None
    finally:
        conn.close()


def pg_recreate_database(db: Mapping[str, Any], name: str) -> None:
    from psycopg import sql

    conn = pg_connect(db, "postgres", autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()


def pg_drop_database(db: Mapping[str, Any], name: str) -> None:
    from psycopg import sql

    conn = pg_connect(db, "postgres", autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    finally:
        conn.close()


def pg_restore(db: Mapping[str, Any], dump: Path, name: str) -> None:
    conn = pg_connect(db, "postgres", autocommit=True)
    try:
        major = pg_server_major(conn)
    finally:
        conn.close()
    tool = pg_tool("pg_restore", major)
    jobs = str(max(1, min(4, os.cpu_count() or 1)))
    proc = subprocess.run(
        [
            tool,
            *_pg_args(db, name),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "-j",
            jobs,
            str(dump),
        ],
        env=_pg_env(db),
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise BackupError(
            BackupErrorCode.TOOL_FAILED,
            _("pg_restore thất bại: %(err)s") % {"err": proc.stderr.strip()[-2000:]},
        )


def pg_sums_of(db: Mapping[str, Any], name: str) -> dict[str, dict[str, Any]]:
    conn = pg_connect(db, name)
    try:
        with conn.cursor() as cur:
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return pg_table_sums(conn)
    finally:
        conn.close()


# --- both ---------------------------------------------------------------------------------


def compare_tables(
    expected: dict[str, dict[str, Any]], actual: dict[str, dict[str, Any]]
) -> list[str]:
    """The differences, one line each (empty when every count and checksum agrees)."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        want, got = expected.get(name), actual.get(name)
        if want is None:
            problems.append(f"{name}: not in the backup")
        elif got is None:
            problems.append(f"{name}: missing after restore")
        elif want["rows"] != got["rows"]:
            problems.append(f"{name}: {want['rows']} rows backed up, {got['rows']} restored")
        elif want["sha256"] != got["sha256"]:
            problems.append(f"{name}: checksum differs")
    return problems


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def walk_files(root: Path) -> Iterable[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
