"""The model runs with the network cut: nothing is downloaded or asked of another host.

The embedding and the nearest-neighbour index run in a child process inside a network
namespace of its own (``unshare -n``: only a loopback that is down), with an audit hook that
records every attempt to open a connection or look up a name. Where ``unshare`` is not allowed
(a CI without root), the audit hook still proves that nothing tried.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import json, sys
    attempts = []
    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                     "urllib.Request", "http.client.connect"):
            attempts.append([event, repr(args)[:200]])
    sys.addaudithook(hook)
    import os, tempfile
    os.environ.pop("PYTEST_XDIST_WORKER", None)  # a data dir of its own, not its worker's
    os.environ["THUVIEN_TEST_DATA_DIR_MAIN"] = tempfile.mkdtemp()
    os.environ["DJANGO_SETTINGS_MODULE"] = "thuvien.config.settings.test"
    import django
    django.setup()
    from django.conf import settings
    settings.AI_VECTOR_DIR = os.path.join(settings.DATA_DIR, "vectors")
    from thuvien.ai import vectors
    from thuvien.ai.embedding import embed_passages, embed_query
    titles = ["Kỹ thuật nuôi ong mật", "Lịch sử Việt Nam", "Truyện Kiều"]
    vectors.delta_add([1, 2, 3], embed_passages(titles))
    best = vectors.nearest(embed_query("history of Vietnam"), 3)[0][0]
    print(json.dumps({"best": best, "attempts": attempts}))
    """
)


def test_embedding_and_nearest_neighbours_need_no_network():
    command = [sys.executable, "-c", CHILD]
    isolated = shutil.which("unshare") is not None and (
        subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )
    if isolated:
        command = ["unshare", "-n", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["best"] == 2  # "history of Vietnam" → "Lịch sử Việt Nam"
    assert result["attempts"] == []
