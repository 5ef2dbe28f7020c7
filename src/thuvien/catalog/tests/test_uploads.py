"""Import uploads leave the disk: after their job, or when abandoned at the preview."""

from __future__ import annotations

import os
import time

from thuvien.catalog.uploads import upload_dir, upload_discard, uploads_sweep


def test_sweep_removes_only_abandoned_uploads():
    old = upload_dir() / "abandoned-test.mrc"
    new = upload_dir() / "waiting-test.mrc"
    for path in (old, new):
        path.write_bytes(b"00000nam")
    three_days_ago = time.time() - 3 * 24 * 3600
    os.utime(old, (three_days_ago, three_days_ago))
    try:
        assert uploads_sweep() >= 1
        assert not old.exists() and new.exists()
    finally:
        new.unlink(missing_ok=True)


def test_discard_never_touches_a_file_outside_the_upload_folder(tmp_path):
    own = tmp_path / "catalogue.mrc"  # a file given to `thuvien import-marc`
    own.write_bytes(b"00000nam")
    assert upload_discard(own) is False and own.exists()
    upload = upload_dir() / "spent-test.mrc"
    upload.write_bytes(b"00000nam")
    assert upload_discard(upload) is True and not upload.exists()


def test_the_sweep_is_a_periodic_task():
    from huey.contrib.djhuey import HUEY

    import thuvien.catalog.tasks  # noqa: F401 - registers the task as the worker does

    names = {t.name for t in HUEY._registry.periodic_tasks}
    assert any(name.endswith("catalog_uploads_sweep") for name in names)
