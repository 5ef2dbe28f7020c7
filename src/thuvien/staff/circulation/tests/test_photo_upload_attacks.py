"""Attacks on the reader photo upload (found by attacking main).

A photo was checked only by its first bytes: a JPEG header followed by the EICAR test file was
kept as it came. A 200 MB "photo" was received in full before it was refused. Now the photo is
decoded in full, re-encoded (nothing appended survives) and the request is refused by its
Content-Length before its body is read.
"""

from __future__ import annotations

import io
import socket
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from thuvien.circulation.tests.factories import make_patron

pytestmark = pytest.mark.django_db

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture
def admin(world, staff_client):
    return staff_client(world.users["tinh_library_admin"], world.provincial)


def _image(fmt: str, size=(300, 400), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128)).save(out, fmt)
    return out.getvalue()


def _post_photo(admin, patron, data: bytes, name="anh.jpg", content_type="image/jpeg"):
    return admin.post(
        f"/staff/circulation/patrons/{patron.pk}/photo/",
        {"photo": SimpleUploadedFile(name, data, content_type=content_type)},
        follow=True,
    )


def test_a_real_photo_is_kept_re_encoded(world, admin):
    patron = make_patron(world.provincial)
    response = _post_photo(admin, patron, _image("PNG", mode="RGBA"), "anh.png", "image/png")
    assert "Đã lưu ảnh" in response.content.decode()
    patron.refresh_from_db()
    with patron.photo.open("rb") as f:
        stored = f.read()
    kept = Image.open(io.BytesIO(stored))
    assert kept.format == "JPEG" and kept.size == (300, 400)


REFUSED = ("không phải là ảnh", "Không đọc được ảnh", "không phải loại được nhận")


def test_a_jpeg_header_followed_by_eicar_is_refused_by_clamav(world, admin, clamav):
    from thuvien.screening.models import QuarantinedFile

    patron = make_patron(world.provincial)
    header_only = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + EICAR
    for data in (header_only, _image("JPEG") + EICAR):
        response = _post_photo(admin, patron, data)
        assert "Tệp có mã độc" in response.content.decode()
        patron.refresh_from_db()
        assert not patron.photo
    assert QuarantinedFile.objects.filter(code="malware", purpose="patron_photo").count() == 2


def test_a_jpeg_header_followed_by_eicar_is_not_kept_as_sent(world, admin):
    """Without an antivirus (development), the photo is still decoded and re-encoded."""
    patron = make_patron(world.provincial)
    header_only = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + EICAR
    response = _post_photo(admin, patron, header_only)
    assert any(words in response.content.decode() for words in REFUSED)
    patron.refresh_from_db()
    assert not patron.photo

    # A real picture with EICAR appended: the picture is kept, what was appended is not.
    _post_photo(admin, patron, _image("JPEG") + EICAR)
    patron.refresh_from_db()
    with patron.photo.open("rb") as f:
        stored = f.read()
    assert EICAR not in stored and b"EICAR" not in stored
    assert Image.open(io.BytesIO(stored)).size == (300, 400)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"0" * 100,  # a PNG signature and nothing after it
        _image("JPEG")[:400],  # a truncated JPEG
        _image("GIF"),  # an image, but not a kind we keep
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    ],
)
def test_what_is_not_a_whole_jpeg_or_png_is_refused(world, admin, data):
    patron = make_patron(world.provincial)
    response = _post_photo(admin, patron, data)
    assert response.status_code == 200
    assert any(words in response.content.decode() for words in REFUSED)
    patron.refresh_from_db()
    assert not patron.photo


def test_a_decompression_bomb_is_refused(world, admin):
    patron = make_patron(world.provincial)
    bomb = _image("PNG", size=(12_000, 12_000))  # small file, 144 megapixels
    response = _post_photo(admin, patron, bomb, "bom.png", "image/png")
    assert "Ảnh quá lớn" in response.content.decode()
    patron.refresh_from_db()
    assert not patron.photo


class _Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body of a too-large upload was read")

    readinto = read


def test_a_200_mb_photo_is_refused_by_its_length_before_the_body_is_read(world, admin):
    patron = make_patron(world.provincial)
    request = admin.request(
        PATH_INFO=f"/staff/circulation/patrons/{patron.pk}/photo/",
        REQUEST_METHOD="POST",
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": _Unreadable()},
    )
    assert request.status_code == 413
    assert "quá lớn" in request.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_200_mb_upload_is_answered_before_it_is_sent(live_server, world_tx_admin):
    """Over a real socket: the answer comes after the headers, not after 200 MB."""
    client, patron = world_tx_admin
    url = urlparse(live_server.url)
    session = client.cookies["sessionid"].value
    csrf = "a" * 32
    head = (
        f"POST /staff/circulation/patrons/{patron.pk}/photo/ HTTP/1.1\r\n"
        f"Host: {url.hostname}:{url.port}\r\n"
        f"Cookie: sessionid={session}; csrftoken={csrf}\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        f"Content-Length: {200 * 1024 * 1024}\r\n\r\n"
    ).encode()
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(head + b"--xyz\r\n")
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


@pytest.fixture
def world_tx_admin(transactional_db, staff_client):
    from thuvien.accounts.services import builtin_roles_ensure
    from thuvien.testing.world import build_world

    builtin_roles_ensure()
    world = build_world()
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    return client, make_patron(world.provincial)


