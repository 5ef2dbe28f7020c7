"""The wire format on its own: checksums, sequence numbers, fixed fields, encodings."""

from __future__ import annotations

import pytest
from pysip2 import decode_message

from thuvien.sip2.protocol import (
    ChecksumError,
    ProtocolError,
    checksum,
    parse,
    serialize,
    sip_datetime,
)

from .client import spec_checksum

# A checkin with its checksum as published with a widely used SIP2 client (EB80).
KNOWN = b"09N20160419    12200820160419    122008APReading Room 1|AO830|AB830$28170815|AC|AY2AZ"


def test_checksum_matches_published_example():
    assert checksum(KNOWN) == "EB80"
    message = parse(KNOWN + b"EB80\r")
    assert message.command == "09"
    assert message.sequence == "2"
    assert message.error_detection
    assert message.fixed["no_block"] == "N"
    assert message.fixed["return_date"] == "20160419    122008"
    assert message.get("AP") == "Reading Room 1"
    assert message.get("AB") == "830$28170815"
    assert message.get("AC") == ""


def test_bad_checksum_is_refused():
    with pytest.raises(ChecksumError):
        parse(KNOWN + b"EB81\r")


def test_checksum_over_characters_is_also_accepted():
    body = "23000" + "20260101    101010" + "AOHY|AAThẻ-Đ01|AC|AD|AY1AZ"
    by_chars = format((-sum(ord(c) for c in body)) & 0xFFFF, "04X")
    assert parse((body + by_chars).encode() + b"\r").get("AA") == "Thẻ-Đ01"


def test_truncated_fixed_part_names_the_command():
    with pytest.raises(ProtocolError) as info:
        parse(b"11YN2026\r")
    assert info.value.command == "11"


def test_unknown_command():
    with pytest.raises(ProtocolError) as info:
        parse(b"XX\r")
    assert info.value.command is None


def test_last_field_without_delimiter_and_repeated_fields():
    message = parse(b"9900401.00CNa|CNb|COpw")
    assert message.fields["CN"] == ["a", "b"]
    assert message.get("CO") == "pw"


def test_serialize_vietnamese_utf8_with_trailer_reads_back_independently():
    frame = serialize("94", ["1"], [("AF", "Xin chào Đà Nẵng")], sequence="7", error_detection=True)
    assert frame.endswith(b"\r")
    body = frame[:-5]
    assert frame[-5:-1].decode() == spec_checksum(body)
    assert b"AY7AZ" in frame
    decoded = decode_message(frame, encoding="utf-8")
    assert decoded.sequence_number == 7
    assert "Xin chào Đà Nẵng".encode() in frame


def test_serialize_strips_delimiters_and_folds_for_narrow_encodings():
    frame = serialize("94", ["1"], [("AF", "Sách | Đợi")], encoding="cp850")
    assert frame == b"941AFSach / Doi|\r"


def test_field_limited_to_255_bytes_without_splitting_characters():
    frame = serialize("94", ["1"], [("AF", "ệ" * 200)])
    value = frame[len(b"941AF") : frame.index(b"|")]
    assert len(value) <= 255
    value.decode("utf-8")


def test_none_fields_are_left_out_and_96_has_no_sequence():
    assert serialize("94", ["0"], [("AF", None)]) == b"940\r"
    frame = serialize("96", [], [], sequence="3", error_detection=True)
    assert frame.startswith(b"96AZ") and b"AY" not in frame


def test_sip_datetime_format():
    from datetime import date

    assert sip_datetime(date(2026, 3, 9)) == "20260309    235959"
    assert sip_datetime(None) == " " * 18


def test_sequence_without_checksum_is_echoed():
    message = parse(b"9900802.00AY3\r")
    assert message.sequence == "3" and not message.error_detection
    assert message.fixed["protocol_version"] == "2.00"
    message = parse(b"9300CNkiosk|COpw|AY4\r")
    assert message.sequence == "4" and message.get("CO") == "pw"
    assert serialize("94", ["1"], [], sequence="4") == b"941AY4\r"
