"""A local HTTP server that answers OAI-PMH requests with the recorded responses in
../shared/data/oai/, and misbehaves on demand (timeouts, 503s, empty or broken bodies)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SHARED = Path(__file__).resolve().parents[5] / "shared" / "data" / "oai"
if not SHARED.is_dir():  # the worktree sits beside shared/ (../shared/data/oai)
    SHARED = Path(__file__).resolve().parents[6] / "shared" / "data" / "oai"


@dataclass
class Script:
    """``route(params) -> file name`` picks the recorded answer; ``faults`` is consumed one per
    request: "timeout", "503", "empty", "broken", "500" or None (answer normally)."""

    route: Callable[[dict[str, str]], str]
    folder: str = "sickle-oai"
    faults: list[str | None] = field(default_factory=list)
    fail_token: str | None = None  # always 500 for this resumption token (a partner that broke)
    sleep: float = 1.0
    requests: list[dict[str, str]] = field(default_factory=list)


def serve(script: Script) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            script.requests.append(params)
            fault = script.faults.pop(0) if script.faults else None
            if script.fail_token and params.get("resumptionToken") == script.fail_token:
                fault = "500"
            if fault == "timeout":
                time.sleep(script.sleep)
                fault = "empty"
            if fault in ("503", "500"):
                self.send_response(int(fault))
                self.send_header("Retry-After", "0")
                self.end_headers()
                return
            if fault == "empty":
                body = b""
            elif fault == "broken":
                body = (SHARED / "sickle-oai" / "ListRecordsBroken.xml").read_bytes()
            else:
                body = (SHARED / script.folder / script.route(params)).read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/oai"


def sickle_route(params: dict[str, str]) -> str:
    """The Sickle test server's routing: a token names the next page's file."""
    if params.get("verb") == "Identify":
        return "Identify.xml"
    if "resumptionToken" in params:
        token = params["resumptionToken"]
        return token if token.startswith("ListRecords") else "badResumptionToken.xml"
    return "ListRecords.xml"
