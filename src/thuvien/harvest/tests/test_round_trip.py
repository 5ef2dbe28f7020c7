"""The harvester fills this database from another thuvien: a second data directory with its
own SQLite database and a small demo network, served by ``thuvien serve`` (gunicorn) on a port
of its own. Counts equal, then deletions in the source are applied by the incremental run."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from thuvien.catalog.models import Record
from thuvien.harvest.models import HarvestedRecord, HarvestRun, Partner
from thuvien.harvest.services import harvest_run, partner_create

COUNT = """
import json
from thuvien.catalog.models import Record, RecordTombstone
from thuvien.holdings.visibility import ANONYMOUS, record_visibility_q
from thuvien.network.models import Network
n = Network.objects.get(code="hung-yen")
print(json.dumps({
    # what a harvester may see: the public's records (the Military Command library is hidden)
    "live": Record.objects.filter(network=n, is_deleted=False)
    .filter(record_visibility_q(ANONYMOUS)).count(),
    "deleted": RecordTombstone.objects.filter(network=n).count(),
}))
"""
DELETE = """
import json
from django_scopes import scopes_disabled
from thuvien.catalog.models import Record
from thuvien.catalog.services import record_delete
from thuvien.holdings.models import Item
with scopes_disabled():
    gone = []
    for record in Record.objects.filter(network__code="hung-yen", is_deleted=False
                                        ).order_by("id")[:3]:
        Item._base_manager.filter(record=record).update(status="withdrawn")
        record_delete(record=record)
        gone.append(record.pk)
print(json.dumps(gone))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _thuvien(env: dict[str, str], *args: str, **kw) -> str:
    return subprocess.run(
        [sys.executable, "-m", "thuvien.cli", *args],
        env=env, check=True, capture_output=True, text=True, timeout=300, **kw,
    ).stdout  # fmt: skip


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """Another thuvien, with the demo network's catalogue, on a port of its own."""
    data = tmp_path_factory.mktemp("source-thuvien")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    port = _free_port()
    env.update(
        THUVIEN_DATA_DIR=str(data),
        DJANGO_SETTINGS_MODULE="thuvien.config.settings.base",
        THUVIEN_OAI_PAGE_SIZE="7",  # many pages, many tokens
        THUVIEN_OAI_NAMESPACE="nguon.example.org",
        THUVIEN_BIND=f"127.0.0.1:{port}",
        THUVIEN_WEB_WORKERS="1",
        THUVIEN_SERVE_WORKER="0",
    )
    _thuvien(env, "migrate", "-v0")
    _thuvien(env, "demo-data", "--records", "40", "--only", "network", "catalog", "-v0")
    server = subprocess.Popen(
        [sys.executable, "-m", "thuvien.cli", "serve"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/oai"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}?verb=Identify", timeout=2).read()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield env, url
    finally:
        server.terminate()
        server.wait(timeout=20)


def _counts(env) -> dict[str, int]:
    return json.loads(_thuvien(env, "shell", "-c", COUNT).strip().splitlines()[-1])


@pytest.mark.parametrize(
    "prefix,target", [("marc21", Partner.Target.UNION), ("oai_dc", Partner.Target.PARTNER)]
)
def test_the_harvester_fills_a_second_thuvien_and_applies_deletions(
    source, world, settings, prefix, target
):
    settings.HARVEST_BACKOFF_SECONDS = 0.01
    env, url = source
    before = _counts(env)
    assert before["live"] >= 30
    partner = partner_create(
        network=world.bac_ninh,
        name="Mạng lưới thư viện tỉnh Hưng Yên",
        base_url=url,
        metadata_prefix=prefix,
        set_spec="network:hung-yen",
        target=target,
    )
    run = harvest_run(partner=partner)
    assert run.status == HarvestRun.Status.DONE, run.error
    assert run.refused == 0, run.refusals
    assert run.came == before["live"] + before["deleted"]
    assert run.pages > 3
    mine = Record.objects.filter(network=world.bac_ninh, is_deleted=False)
    assert mine.count() == before["live"] == run.created
    # the same titles, with their tone marks
    titles = sorted(mine.values_list("title", flat=True))
    assert any(ch in "".join(titles) for ch in "ăâđêôơư")

    if prefix == "oai_dc":
        return  # the deletion round is the marc21 partner's (the source is shared)
    gone = json.loads(_thuvien(env, "shell", "-c", DELETE).strip().splitlines()[-1])
    assert len(gone) == 3
    time.sleep(1.1)  # the next from= is the first page's responseDate, in seconds
    partner.refresh_from_db()
    previous = partner.harvested_until  # the first run's first responseDate
    again = harvest_run(partner=partner)
    assert again.status == HarvestRun.Status.DONE, again.error
    assert again.deleted == 3 and again.created == 0
    assert again.from_date == previous != ""  # incremental: from= that date
    assert mine.count() == before["live"] - 3
    links = HarvestedRecord.objects.filter(partner=partner, deleted=True)
    assert {link.identifier for link in links} == {
        f"oai:nguon.example.org:record/{pk}" for pk in gone
    }
