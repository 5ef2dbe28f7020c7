"""gunicorn workers that answer an over-long address with the portal's own page.

gunicorn refuses a request line longer than ``--limit-request-line`` (8,190 bytes at most)
before Django sees it, with its own English "URI Too Long" text. A link to a search of 5,000
Vietnamese letters is about 45 KB, so readers who followed one met that text. These workers
keep gunicorn's behaviour for everything else and answer that one refusal with a short page
in Vietnamese and English, carrying the same security headers as every other page.
``thuvien serve`` uses them for ``THUVIEN_WEB_WORKER_CLASS`` ``sync`` and ``gthread``.
"""

from __future__ import annotations

import errno
import os
import select
from typing import Any

from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker as _ThreadWorker
from gunicorn.workers.sync import StopWaiting
from gunicorn.workers.sync import SyncWorker as _SyncWorker

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Địa chỉ quá dài · Address too long</title>
<link rel="stylesheet" href="/static/thuvien/css/app.css"></head>
<body><main id="main">
<h1>Địa chỉ quá dài</h1>
<p>Đường dẫn này dài hơn mức máy chủ nhận được, thường là vì câu tìm kiếm quá dài.
Ô tìm kiếm giữ tối đa 500 ký tự: hãy tìm bằng ít từ hơn.</p>
<form action="/search/" method="get" role="search">
<label for="q">Tìm trong thư viện</label>
<input id="q" name="q" maxlength="500" autocomplete="off">
<button type="submit">Tìm</button></form>
<p lang="en"><strong>Address too long.</strong> This link is longer than the server accepts,
usually because the search is too long. The search box keeps up to 500 characters:
search with fewer words.</p>
<p><a href="/">Trang chủ · Home</a></p>
</main></body></html>
""".encode()

HEADERS = (
    "HTTP/1.1 414 URI Too Long\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    f"Content-Length: {len(PAGE)}\r\n"
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'\r\n"
    "Referrer-Policy: same-origin\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Cache-Control: no-store\r\n"
    "Connection: close\r\n\r\n"
).encode("ascii")


class _OwnTooLongPage:
    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if isinstance(exc, LimitRequestLine):
            self.log.warning("Request line too long from ip=%s", (addr or ("",))[0])
            try:
                client.sendall(HEADERS + PAGE)
            except OSError:
                self.log.debug("Failed to send the too-long page.")
            return
        super().handle_error(req, client, addr, exc)  # type: ignore[misc]


class SyncWorker(_OwnTooLongPage, _SyncWorker):
    """gunicorn's sync worker, woken alone for a new connection.

    gunicorn's idle sync workers each wait in ``select()`` on the shared listening socket,
    and Linux wakes every one of them for each connection: one accepts it, the others find
    nothing (``EAGAIN``) and go back to waiting, two system calls and a heartbeat each.
    Waiting in ``epoll`` with ``EPOLLEXCLUSIVE`` (Linux 4.5) the kernel wakes one idle
    worker; a busy one is never woken, and it takes whatever is left waiting when it is done
    (gunicorn's loop accepts before it waits). The requests, their order and the heartbeat
    are gunicorn's; elsewhere, or if epoll cannot be had, gunicorn's own ``select()`` wait.
    """

    _epoll: Any = None

    def wait(self, timeout: float) -> list[Any] | None:
        poller = self._epoll
        if poller is None:
            if not hasattr(select, "EPOLLEXCLUSIVE"):
                return super().wait(timeout)  # type: ignore[no-any-return]
            try:
                poller = select.epoll()
                for sock in self.sockets:
                    poller.register(sock.fileno(), select.EPOLLIN | select.EPOLLEXCLUSIVE)
                poller.register(self.PIPE[0], select.EPOLLIN)
            except OSError:
                self._epoll = False
                return super().wait(timeout)  # type: ignore[no-any-return]
            self._epoll = poller
        elif poller is False:
            return super().wait(timeout)  # type: ignore[no-any-return]
        self.notify()
        try:
            events = poller.poll(timeout)
        except OSError as exc:  # a closed socket while the worker stops, as gunicorn's wait
            if exc.errno != errno.EBADF:
                raise
            if self.nr < 0:
                return self.sockets  # type: ignore[no-any-return]
            raise StopWaiting from exc
        if not events:
            return None
        ready = {fd for fd, _mask in events}
        if self.PIPE[0] in ready:
            try:
                os.read(self.PIPE[0], 1)
            except BlockingIOError:
                pass
        return [s for s in self.sockets if s.fileno() in ready] or None


class ThreadWorker(_OwnTooLongPage, _ThreadWorker):
    pass
