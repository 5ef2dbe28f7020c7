"""``thuvien ai_llm_sandbox``: a local stand-in for an OpenAI-compatible generation service."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the sandbox generation service (OpenAI chat-completions protocol)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8091)

    def handle(self, *args: Any, **opts: Any) -> None:
        from thuvien.ai.sandbox_llm import serve

        server = serve(port=opts["port"])
        self.stdout.write(f"http://127.0.0.1:{opts['port']}/v1/chat/completions")
        server.serve_forever()
