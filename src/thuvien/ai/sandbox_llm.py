"""A stand-in generation service that speaks the OpenAI chat-completions protocol.

It writes no text of its own: it quotes the first sentence of the first numbered passage it
is given, with that passage's citation, as a well-behaved model would. The tests and a demo
point ``THUVIEN_AI_GENERATION_URL`` at it (``thuvien ai_llm_sandbox --port 8091``).
"""

from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_PASSAGE = re.compile(r"^\[(\d+)\] (?:«[^»]*»: )?(.+)$", re.MULTILINE)


def reply_for(messages: list[dict]) -> str:
    user = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "")
    found = _PASSAGE.search(user)
    if found is None:
        return "Các đoạn trích không đủ để trả lời."
    number, text = found.groups()
    first = re.split(r"(?<=[.!?])\s+", text.strip())[0].rstrip(".")
    return f"{first} [{number}]."


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        if not self.path.endswith("/v1/chat/completions"):
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            content = reply_for(body.get("messages") or [])
        except (ValueError, AttributeError):
            self.send_error(400)
            return
        data = json.dumps(
            {
                "object": "chat.completion",
                "model": body.get("model", "sandbox"),
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": "stop"}
                ],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


def serve(host: str = "127.0.0.1", port: int = 8091) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), Handler)
