"""The digital library survives a backup and restore: what readers get from a restored
installation (IIIF manifests, info.json, tiles, full images, the PDF) is what they got from the
original, and a backup that would not serve them is named by ``backup --verify``.

Real installations in their own data directories (and databases under PostgreSQL), the real
``thuvien`` commands and restic, a real digitised booklet ingested with ``digital-ingest``.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

from thuvien.backup import database as dbmod
from thuvien.digital.tests.booklet import booklet_folder

from .test_round_trip import PG, Installation

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """An installation with a published three-page booklet, an empty one beside it, one
    restic repository; and what readers got from the original before any backup."""
    root = tmp_path_factory.mktemp("backup-digital")
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
        source.thuvien("demo-data", "--records", "20", "-v0")
        book = booklet_folder(root / "book")
        source.thuvien(
            "digital-ingest", str(book), "--library", "HY-TINH", "--publish", "--access", "open"
        )
        answers = json.loads(source.script("digital.py"))
        yield source, target, answers
    finally:
        source.drop()
        target.drop()


def _last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def test_a_restored_installation_serves_the_same_pages_tiles_and_pdf(library):
    source, target, answers = library
    tiles = [p for p in answers if p.endswith("/0,0,256,256/256,/0/default.jpg")]
    assert len(tiles) == 3 and "/digital/1/pdf" in answers
    assert all(status == 200 for status, _digest in answers.values()), answers

    backup = _last_json(source.thuvien("backup").stdout)
    verify = _last_json(source.thuvien("backup", "--verify").stdout)
    assert verify["problems"] == [] and verify["snapshot"] == backup["snapshot"][:8]

    target.thuvien("restore", str(target.repo))
    # byte for byte: the manifests, info.json, tiles and full images; the PDF page by page
    assert json.loads(target.script("digital.py")) == answers


def test_verify_names_a_page_the_backup_cannot_serve_and_restore_makes_it_again(library):
    source, target, answers = library
    [pyramid] = (source.data / "digital").glob("*/1/p00002.tif")
    aside = pyramid.with_name("kept-aside")
    os.replace(pyramid, aside)  # a derivative lost on the original (a disk, a bad copy)
    try:
        source.thuvien("backup")
        verify = source.thuvien("backup", "--verify", check=False)
    finally:
        os.replace(aside, pyramid)
    assert verify.returncode != 0
    assert "p00002.tif" in verify.stderr, verify.stderr

    # The restore makes the missing page again from its master, so readers get what they got.
    restored = _last_json(target.thuvien("restore", str(target.repo), "--force").stdout)
    assert restored["derivatives_rebuilt"] == 1
    assert Path(target.data / "digital" / pyramid.relative_to(source.data / "digital")).is_file()
    assert json.loads(target.script("digital.py")) == answers
