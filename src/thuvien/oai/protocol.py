"""OAI-PMH 2.0 request parsing: verbs and their arguments, datestamps, resumption tokens.

Nothing here touches the database. A request becomes an ``OaiRequest`` or raises ``OaiError``
with one of the protocol's error codes.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils.translation import gettext

VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
}
ERROR_CODES = (
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        assert code in ERROR_CODES
        super().__init__(message)
        self.code = code
        self.message = message
        self.request: OaiRequest | None = None  # the parsed request, when it got that far


@dataclass
class OaiRequest:
    verb: str
    args: dict[str, str]  # as received, for the <request> element
    metadata_prefix: str | None = None
    identifier: str | None = None
    set_spec: str | None = None
    since: datetime | None = None  # from, inclusive
    before: datetime | None = None  # until, as an exclusive bound
    after: tuple[datetime, int] | None = None  # cursor of a resumption token
    after_kind: int = 0  # of the cursor's entry: 0 a catalogue record, 1 a digital object
    delivered: int = 0  # entries delivered before this page (the token's cursor attribute)


def format_datestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datestamp(value: str, *, until: bool) -> tuple[datetime, str]:
    """``(bound, granularity)``. ``until`` gives the exclusive upper bound: the next day, or
    the next second, since a datestamp names a whole day or a whole second."""
    try:
        if _DAY.match(value):
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return (_after(day, timedelta(days=1)) if until else day), "day"
        if _SECONDS.match(value):
            moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            return (_after(moment, timedelta(seconds=1)) if until else moment), "seconds"
    except ValueError:
        pass
    raise OaiError(
        "badArgument",
        gettext("Ngày “%(value)s” không đúng dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ.")
        % {"value": value},
    )


def _after(moment: datetime, step: timedelta) -> datetime:
    try:
        return moment + step
    except OverflowError:  # until=9999-12-31: the end of time
        return datetime.max.replace(tzinfo=UTC)


def encode_token(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _bad_token() -> OaiError:
    return OaiError(
        "badResumptionToken",
        gettext("Mã tiếp tục (resumptionToken) không hợp lệ hoặc không thuộc yêu cầu này."),
    )


def decode_token(token: str, verb: str) -> dict[str, Any]:
    """The query a token continues; any junk gives badResumptionToken."""
    try:
        if len(token) > 2000:
            raise ValueError(token[:20])
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("v") != 1 or data.get("verb") != verb:
            raise ValueError("version")
        if not isinstance(data.get("m"), str):
            raise ValueError("prefix")
        for key in ("s", "f", "u"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(key)
        for key in ("f", "u"):
            data[key] = datetime.fromisoformat(data[key]) if data.get(key) else None
            if data[key] is not None and data[key].tzinfo is None:
                raise ValueError("naive")
        ts, pk = data["c"]
        if not isinstance(pk, int) or isinstance(pk, bool) or not isinstance(ts, str):
            raise ValueError("cursor")
        moment = datetime.fromisoformat(ts)
        if moment.tzinfo is None:
            raise ValueError("naive")
        data["c"] = (moment, pk)
        if not isinstance(data.get("n", 0), int):
            raise ValueError("n")
        if data.get("k", 0) not in (0, 1) or isinstance(data.get("k", 0), bool):
            raise ValueError("k")
        return data
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError, OverflowError):
        raise _bad_token() from None


def parse(params: dict[str, list[str]]) -> OaiRequest:
    """Validate the arguments of one request (GET query or POST form, every value listed)."""
    verbs = params.get("verb") or []
    if len(verbs) != 1 or verbs[0] not in VERBS:
        if len(verbs) > 1:
            raise OaiError("badVerb", gettext("Tham số verb được lặp lại."))
        raise OaiError("badVerb", gettext("Thiếu tham số verb hoặc verb không hợp lệ."))
    verb = verbs[0]
    repeated = sorted(k for k, v in params.items() if len(v) > 1)
    if repeated:
        raise OaiError(
            "badArgument",
            gettext("Tham số bị lặp lại: %(names)s.") % {"names": ", ".join(repeated)},
        )
    args = {k: v[0] for k, v in params.items() if k != "verb"}
    required, optional = VERBS[verb]
    if "resumptionToken" in args and verb in ("ListIdentifiers", "ListRecords", "ListSets"):
        if set(args) != {"resumptionToken"}:
            raise OaiError(
                "badArgument",
                gettext("resumptionToken là tham số riêng, không đi kèm tham số khác."),
            )
        request = OaiRequest(verb=verb, args=args)
        try:
            if verb == "ListSets":
                raise _bad_token()  # the sets fit in one answer: no token was ever given out
            data = decode_token(args["resumptionToken"], verb)
        except OaiError as error:
            error.request = request
            raise
        request.metadata_prefix = data["m"]
        request.set_spec = data.get("s")
        request.since = data["f"]
        request.before = data["u"]
        request.after = data["c"]
        request.after_kind = data.get("k", 0)
        request.delivered = data.get("n", 0)
        return request
    unknown = sorted(set(args) - required - optional)
    if unknown:
        raise OaiError(
            "badArgument",
            gettext("Tham số không hợp lệ với %(verb)s: %(names)s.")
            % {"verb": verb, "names": ", ".join(unknown)},
        )
    missing = sorted(required - set(args))
    if missing:
        raise OaiError(
            "badArgument",
            gettext("Thiếu tham số bắt buộc: %(names)s.") % {"names": ", ".join(missing)},
        )
    request = OaiRequest(verb=verb, args=args)
    request.metadata_prefix = args.get("metadataPrefix")
    request.identifier = args.get("identifier")
    request.set_spec = args.get("set")
    granularities = []
    if "from" in args:
        request.since, gran = parse_datestamp(args["from"], until=False)
        granularities.append(gran)
    if "until" in args:
        request.before, gran = parse_datestamp(args["until"], until=True)
        granularities.append(gran)
    if len(set(granularities)) > 1:
        raise OaiError(
            "badArgument", gettext("Tham số from và until phải cùng độ chi tiết (ngày hoặc giây).")
        )
    if request.since and request.before and request.since >= request.before:
        raise OaiError("badArgument", gettext("Tham số from phải không muộn hơn until."))
    return request


def token_for(
    request: OaiRequest, last: tuple[datetime, int], delivered: int, kind: int = 0
) -> str:
    return encode_token(
        {
            "k": kind,
            "v": 1,
            "verb": request.verb,
            "m": request.metadata_prefix,
            "s": request.set_spec,
            "f": request.since.isoformat() if request.since else None,
            "u": request.before.isoformat() if request.before else None,
            "c": [last[0].astimezone(UTC).isoformat(), last[1]],
            "n": delivered,
        }
    )
