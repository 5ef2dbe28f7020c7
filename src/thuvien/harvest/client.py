"""Talking to a partner's OAI-PMH endpoint: Sickle makes the requests; this module adds what
a harvest that must survive a partner's bad day needs: a timeout on every request, retries with
exponential backoff (honouring ``Retry-After``) on timeouts, refused connections, 5xx, 429 and
bodies that are empty or not XML, and the page's parts (records, token, responseDate, error).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings
from lxml import etree
from sickle import Sickle

log = logging.getLogger(__name__)
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
_RETRY_STATUS = (429, 500, 502, 503, 504)


class PartnerUnreachable(Exception):
    """The partner did not give a usable answer after every retry."""


class OaiProtocolError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass
class Page:
    response_date: str
    records: list[Any] = field(default_factory=list)  # the <record> elements
    token: str = ""


def _q(name: str) -> str:
    return f"{{{OAI_NS}}}{name}"


class PartnerClient:
    def __init__(self, base_url: str, *, sleep: Any = time.sleep) -> None:
        self.sickle = Sickle(
            base_url,
            max_retries=0,  # the retries are ours: Sickle's wait on a 503 only
            timeout=settings.HARVEST_TIMEOUT_SECONDS,
            headers={"User-Agent": "thuvien-harvester/1.0"},
        )
        self.retries = settings.HARVEST_RETRIES
        self.backoff = settings.HARVEST_BACKOFF_SECONDS
        self.sleep = sleep

    def _fetch(self, params: dict[str, str]) -> Any:
        """The parsed OAI-PMH root of one request, retried until it is well-formed."""
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                delay = self.backoff * (2 ** (attempt - 1))
                self.sleep(delay)
            try:
                response = self.sickle._request(dict(params))
            except (requests.Timeout, requests.ConnectionError) as exc:
                last = f"{type(exc).__name__}: {exc}"
                log.warning("OAI partner %s: %s", self.sickle.endpoint, last)
                continue
            if response.status_code in _RETRY_STATUS:
                last = f"HTTP {response.status_code}"
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    self.sleep(min(int(retry_after), settings.HARVEST_MAX_RETRY_AFTER))
                continue
            if response.status_code >= 400:
                raise PartnerUnreachable(f"HTTP {response.status_code}")
            body = response.content
            if not body.strip():
                last = "empty response"
                continue
            try:
                root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False))
            except etree.XMLSyntaxError as exc:
                last = f"not XML: {exc}"
                continue
            if root.tag != _q("OAI-PMH"):
                last = "not an OAI-PMH response"
                continue
            return root
        raise PartnerUnreachable(last or "no answer")

    def identify_granularity(self) -> str:
        root = self._fetch({"verb": "Identify"})
        node = root.find(f"{_q('Identify')}/{_q('granularity')}")
        text = (node.text or "").strip() if node is not None else ""
        return "seconds" if "hh" in text else "day"

    def list_records(self, params: dict[str, str]) -> Page:
        root = self._fetch({"verb": "ListRecords", **params})
        date = root.findtext(_q("responseDate")) or ""
        error = root.find(_q("error"))
        if error is not None:
            raise OaiProtocolError(error.get("code", ""), (error.text or "").strip())
        page = Page(response_date=date.strip())
        body = root.find(_q("ListRecords"))
        if body is None:
            raise PartnerUnreachable("ListRecords element missing")
        page.records = body.findall(_q("record"))
        token = body.find(_q("resumptionToken"))
        page.token = (token.text or "").strip() if token is not None else ""
        return page
