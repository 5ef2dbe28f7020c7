"""A ``thuvien`` command prints its own summary, not the libraries' start-up chatter (a cron
mail or a pipe reads what the README promises)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_command_prints_no_library_start_up_line(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "THUVIEN_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
    }
    env.pop("THUVIEN_DATABASE_URL", None)  # the command need not reach a database
    done = subprocess.run(
        [sys.executable, "-m", "thuvien.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "pikepdf" not in output
    assert " INFO " not in output
