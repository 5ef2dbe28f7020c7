"""Featured collections under /staff/network/: a library admin keeps his library's, the network
admin the network's (and any library's of his network); oversight reads; others get 403/404."""

from __future__ import annotations

import pytest

from thuvien.network import services
from thuvien.network.models import FeaturedCollection

pytestmark = pytest.mark.django_db

BASE = "/staff/network/"
FORM = {
    "title_vi": "Sách thiếu nhi",
    "title_en": "Children's books",
    "description": "Truyện, sách tranh cho các em.",
    "query": "thiếu nhi",
    "filters": "mtype=book",
    "is_active": "on",
}


def _make(title="Tài liệu địa chí", **owner):
    return services.featured_collection_create(title_vi=title, query="địa chí", actor=None, **owner)


def test_library_admin_adds_edits_moves_and_deletes_his_library_collections(world, staff_client):
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    url = f"{BASE}libraries/HY-TINH/featured/"
    assert "Bộ sưu tập nổi bật" in client.get(f"{BASE}libraries/HY-TINH/").content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, FORM)
    assert response.status_code == 302
    first = FeaturedCollection.objects.get()
    assert first.library == world.provincial and first.title_en == "Children's books"
    second = _make(library=world.provincial)
    response = client.post(f"{url}{first.pk}/", {**FORM, "title_vi": "Sách cho thiếu nhi"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.title_vi == "Sách cho thiếu nhi"
    client.post(f"{url}{second.pk}/move/", {"direction": "up"})
    assert list(FeaturedCollection.objects.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    assert client.post(f"{url}{first.pk}/delete/").status_code == 302
    assert list(FeaturedCollection.objects.all()) == [second]
    confirm = client.get(f"{url}{second.pk}/delete/")  # asks first, deletes nothing
    assert confirm.status_code == 200 and "Xóa bộ sưu tập" in confirm.content.decode()
    assert list(FeaturedCollection.objects.all()) == [second]


def test_bad_input_shows_a_message_not_an_error_page(world, staff_client):
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    url = f"{BASE}libraries/HY-TINH/featured/"
    response = client.post(url, {**FORM, "query": "", "filters": ""})
    assert response.status_code == 400
    assert "Hãy nhập từ khóa hoặc ít nhất một bộ lọc" in response.content.decode()
    response = client.post(url, {**FORM, "filters": "mau=do"})
    assert response.status_code == 400
    assert "Bộ lọc “mau” không dùng được" in response.content.decode()
    response = client.post(url, {**FORM, "title_vi": ""})
    assert response.status_code == 400
    assert "Trường này không được để trống" in response.content.decode()
    assert not FeaturedCollection.objects.exists()
    collection = _make(library=world.provincial)
    response = client.post(f"{url}{collection.pk}/", {**FORM, "filters": "sort=random"})
    assert response.status_code == 400 and "Cách sắp xếp" in response.content.decode()


def test_library_admin_cannot_touch_another_library_or_the_network(world, staff_client):
    theirs = _make(library=world.commune_a)
    network_wide = _make(network=world.hung_yen)
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert client.get(f"{BASE}libraries/HY-TIENLU/featured/").status_code == 404
    assert client.post(f"{BASE}libraries/HY-TIENLU/featured/", FORM).status_code == 404
    # another library's collection through his own library's address: 404 as if missing
    mine = f"{BASE}libraries/HY-TINH/featured/"
    assert client.get(f"{mine}{theirs.pk}/").status_code == 404
    assert client.post(f"{mine}{theirs.pk}/delete/").status_code == 404
    assert client.post(f"{mine}{network_wide.pk}/move/", {"direction": "up"}).status_code == 404
    assert client.get(f"{BASE}featured/").status_code == 403
    assert client.post(f"{BASE}featured/", FORM).status_code == 403
    assert client.post(f"{BASE}featured/{network_wide.pk}/delete/").status_code == 403
    assert FeaturedCollection.objects.count() == 2


def test_network_admin_keeps_the_network_collections(world, staff_client):
    client = staff_client(world.users["hy_admin"], world.provincial)
    assert "Bộ sưu tập nổi bật" in client.get(BASE).content.decode()  # in the network menu
    assert client.post(f"{BASE}featured/", FORM).status_code == 302
    collection = FeaturedCollection.objects.get()
    assert collection.network == world.hung_yen and collection.library is None
    assert "Sách thiếu nhi" in client.get(f"{BASE}featured/").content.decode()
    assert client.get(f"{BASE}featured/{collection.pk}/").status_code == 200
    # and any library's of his network
    assert client.post(f"{BASE}libraries/HY-TIENLU/featured/", FORM).status_code == 302
    # not another network's
    bn = _make(network=world.bac_ninh)
    assert client.get(f"{BASE}featured/{bn.pk}/").status_code == 404
    assert client.post(f"{BASE}featured/{bn.pk}/delete/").status_code == 404
    assert client.get(f"{BASE}libraries/BN-TINH/featured/").status_code == 404
    assert FeaturedCollection.objects.filter(network=world.bac_ninh).count() == 1


def test_oversight_reads_but_cannot_write(world, staff_client):
    collection = _make(network=world.hung_yen)
    client = staff_client(world.users["hy_oversight"], world.provincial)
    body = client.get(f"{BASE}featured/").content.decode()
    assert "Tài liệu địa chí" in body and "Thêm bộ sưu tập" not in body
    assert client.post(f"{BASE}featured/", FORM).status_code == 403
    assert client.post(f"{BASE}featured/{collection.pk}/delete/").status_code == 403
    assert client.get(f"{BASE}libraries/HY-TINH/featured/").status_code == 200
    assert client.post(f"{BASE}libraries/HY-TINH/featured/", FORM).status_code == 403
    assert FeaturedCollection.objects.count() == 1


def test_other_staff_are_refused(world, staff_client, client):
    assert client.get(f"{BASE}featured/").status_code == 302  # anonymous: to the login page
    client = staff_client(world.users["tinh_cataloguer"], world.provincial)
    assert client.get(f"{BASE}featured/").status_code == 403
    assert client.get(f"{BASE}libraries/HY-TINH/featured/").status_code == 403
