"""The staff jobs page: scoped to the active library (network admins: the network), progress
polled with htmx while running, errors shown, the report downloadable."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from thuvien.core.models import Job


def _job(library, **kw):
    return Job.objects.create(
        kind="tests.x",
        title=kw.pop("title", "Nhập biểu ghi"),
        library=library,
        network=library.network,
        **kw,
    )


@pytest.mark.django_db
def test_list_shows_own_library_jobs_only(staff_client, world):
    _job(world.commune_a, title="Nhập của Tiên Lữ")
    _job(world.commune_b, title="Nhập của Phố Hiến")
    client = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    html = client.get(reverse("jobs:list")).content.decode()
    assert "Nhập của Tiên Lữ" in html and "Nhập của Phố Hiến" not in html


@pytest.mark.django_db
def test_network_admin_sees_the_network(staff_client, world):
    _job(world.commune_a, title="Nhập của Tiên Lữ")
    _job(world.bn_provincial, title="Nhập của Bắc Ninh")
    client = staff_client(world.users["hy_admin"], world.provincial)
    html = client.get(reverse("jobs:list")).content.decode()
    assert "Nhập của Tiên Lữ" in html and "Nhập của Bắc Ninh" not in html


@pytest.mark.django_db
def test_running_job_polls_every_two_seconds_and_done_stops(staff_client, world):
    job = _job(world.commune_a, status=Job.Status.RUNNING, progress_done=3, progress_total=10)
    client = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    html = client.get(reverse("jobs:list")).content.decode()
    assert 'hx-trigger="every 2s"' in html and 'value="30"' in html
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, progress_done=10)
    row = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    body = row.content.decode()
    assert body.lstrip().startswith("<tr") and "hx-trigger" not in body


@pytest.mark.django_db
def test_error_and_report(staff_client, world):
    job = _job(world.commune_a, status=Job.Status.FAILED, error="ValueError: tệp hỏng")
    job.report.save("bao-cao.csv", ContentFile("ma,loi\n1,hỏng\n".encode()), save=True)
    client = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "tệp hỏng" in html and reverse("jobs:report", args=[job.pk]) in html
    report = client.get(reverse("jobs:report", args=[job.pk]))
    assert report.status_code == 200
    # a report stored without a byte-order mark gets one, so that Excel reads it as UTF-8
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(report.streaming_content).decode() == "\ufeffma,loi\n1,hỏng\n"
    assert "attachment" in report["Content-Disposition"]


@pytest.mark.django_db
def test_another_librarys_job_is_404(staff_client, world):
    other = _job(world.commune_b)
    other.report.save("r.csv", ContentFile(b"x"), save=True)
    client = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    assert client.get(reverse("jobs:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("jobs:report", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_non_staff_are_refused(client, world):
    from thuvien.accounts.models import User

    reader = User.objects.create_user(username="ban_doc", password="mat-khau-dai-123")
    client.force_login(reader)
    assert client.get(reverse("jobs:list")).status_code == 403
    client.logout()
    assert client.get(reverse("jobs:list")).status_code == 302


@pytest.mark.django_db
def test_list_query_count_is_pinned(staff_client, world, django_assert_num_queries):
    for i in range(40):
        _job(world.commune_a, title=f"Tác vụ {i}", created_by=world.users["tienlu_cataloguer"])
    client = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    client.get(reverse("jobs:list"))
    # session, user, memberships, staff libraries, count, one page of jobs with their creators
    with django_assert_num_queries(6):
        response = client.get(reverse("jobs:list"), {"page": 2})
    assert len(response.context["page"].object_list) == 10


@pytest.mark.django_db
def test_the_cataloguer_who_started_a_network_wide_import_follows_it(staff_client, world):
    """An import with no library chosen (records for the whole network, no copies) belongs to
    the network: the cataloguer who started it was sent to its page and got a 404. He sees his
    own job, on its page and in his list; another library's cataloguer still does not."""
    mine = Job.objects.create(
        kind="catalog.import", title="Nhập toàn mạng lưới", library=None,
        network=world.hung_yen, created_by=world.users["tienlu_cataloguer"],
    )
    client = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    assert client.get(reverse("jobs:detail", args=[mine.pk])).status_code == 200
    assert "Nhập toàn mạng lưới" in client.get(reverse("jobs:list")).content.decode()
    other = staff_client(world.users["phohien_cataloguer"], world.commune_b)
    assert other.get(reverse("jobs:detail", args=[mine.pk])).status_code == 404
