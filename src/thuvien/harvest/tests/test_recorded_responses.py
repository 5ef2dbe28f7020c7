"""The harvester against recorded responses of real repositories (../shared/data/oai/) served
by a local HTTP server: pages followed by their tokens, deleted records, OAI errors, and a
partner that times out, answers 503, sends empty or broken bodies, or breaks off mid-harvest."""

from __future__ import annotations

import pytest
from lxml import etree
from sickle.models import Record as SickleRecord

from thuvien.catalog.models import Record
from thuvien.harvest.models import HarvestedRecord, HarvestRun, Partner
from thuvien.harvest.services import _apply, harvest_run, partner_create

from .recorded import SHARED, Script, serve, sickle_route


@pytest.fixture(autouse=True)
def quick_retries(settings):
    settings.HARVEST_BACKOFF_SECONDS = 0.01
    settings.HARVEST_RETRIES = 3
    settings.HARVEST_TIMEOUT_SECONDS = 0.3


@pytest.fixture
def partner_at(world):
    servers = []

    def make(script: Script, **kw):
        server, url = serve(script)
        servers.append(server)
        return partner_create(
            network=world.hung_yen,
            name="Kho thử nghiệm",
            base_url=url,
            metadata_prefix=kw.pop("metadata_prefix", "oai_dc"),
            **kw,
        )

    yield make
    for server in servers:
        server.shutdown()


def test_pages_are_followed_and_deleted_records_counted(partner_at):
    script = Script(route=sickle_route)
    partner = partner_at(script)
    run = harvest_run(partner=partner)
    assert run.status == HarvestRun.Status.DONE, run.error
    assert run.pages == 4
    assert run.came == 8
    # pages 1-3: a deletion of a record never harvested, and the same live record each time;
    # page 4: that record again and a deleted header without an identifier (refused)
    assert (run.created, run.changed, run.unchanged, run.deleted, run.refused) == (1, 0, 6, 0, 1)
    assert run.refusals == [{"identifier": "", "reason": "Biểu ghi không có định danh."}]
    live = HarvestedRecord.objects.filter(partner=partner, deleted=False)
    assert live.count() == 1
    record = Record.objects.get(pk=live.get().record_id)
    assert record.title.startswith("Sample Title")
    assert "John Doe" in " ".join(record.authors)
    marc_tags = [next(iter(f)) for f in record.marc["fields"]]
    assert "035" in marc_tags and "850" in marc_tags  # provenance, and "not held here"
    partner.refresh_from_db()
    assert partner.harvested_until == "2013-02-27T09:10:56Z" and partner.resume_token == ""
    tokens = [r.get("resumptionToken") for r in script.requests if r.get("verb") == "ListRecords"]
    assert tokens == [None, "ListRecords2.xml", "ListRecords3.xml", "ListRecords4.xml"]


def test_next_run_asks_from_the_last_response_date_in_the_partners_granularity(partner_at):
    script = Script(route=sickle_route)
    partner = partner_at(script)
    harvest_run(partner=partner)
    script.requests.clear()
    run = harvest_run(partner=partner)
    first = [r for r in script.requests if r.get("verb") == "ListRecords"][0]
    assert first["from"] == "2013-02-27"  # Identify says YYYY-MM-DD
    assert run.from_date == "2013-02-27" and run.status == HarvestRun.Status.DONE
    assert run.created == 0


def test_a_deleted_record_is_applied_to_the_catalogue(partner_at):
    pages = iter(["ListRecords.xml"])

    def route(params):
        if params["verb"] == "Identify":
            return "Identify.xml"
        if "resumptionToken" not in params:
            return next(pages, "deleted-1585322.xml")
        return "noRecordsMatch.xml"

    partner = partner_at(Script(route=route, folder="sickle-oai"))
    harvest_run(partner=partner)
    link = HarvestedRecord.objects.get(partner=partner, deleted=False)
    assert not Record.objects.get(pk=link.record_id).is_deleted
    # the partner now reports it deleted (a header the next incremental run receives)
    xml = f"""<record xmlns="http://www.openarchives.org/OAI/2.0/"><header status="deleted">
      <identifier>{link.identifier}</identifier><datestamp>2014-01-01</datestamp>
      </header></record>"""
    outcome = _apply(partner, SickleRecord(etree.fromstring(xml)))
    assert outcome.kind == "deleted"
    assert Record.objects.get(pk=link.record_id).is_deleted
    link.refresh_from_db()
    assert link.deleted
    # and it comes back: a new record, linked again
    again = (SHARED / "sickle-oai" / "ListRecords.xml").read_bytes()
    root = etree.fromstring(again)
    live = [r for r in root.iter("{http://www.openarchives.org/OAI/2.0/}record")][1]
    live.find(".//{http://www.openarchives.org/OAI/2.0/}datestamp").text = "2015-01-01"
    assert _apply(partner, SickleRecord(live)).kind == "created"


@pytest.mark.parametrize("faults", [["timeout"], ["503", "503"], ["empty"], ["broken", "500"]])
def test_the_partners_bad_moments_are_retried(partner_at, faults):
    # Identify first, then the first ListRecords page meets the faults
    script = Script(route=sickle_route, faults=[None, *faults])
    run = harvest_run(partner=partner_at(script))
    assert run.status == HarvestRun.Status.DONE, run.error
    assert run.came == 8


def test_a_run_the_partner_breaks_off_resumes_from_its_token(partner_at):
    script = Script(route=sickle_route, fail_token="ListRecords3.xml")
    partner = partner_at(script)
    run = harvest_run(partner=partner)
    assert run.status == HarvestRun.Status.FAILED
    assert "HTTP 500" in run.error
    assert run.came == 4 and run.pages == 2
    partner.refresh_from_db()
    assert partner.resume_token == "ListRecords3.xml"
    assert partner.harvested_until == ""  # not complete: the next run must not skip anything
    script.fail_token = None
    script.requests.clear()
    again = harvest_run(partner=partner)
    assert again.status == HarvestRun.Status.DONE and again.resumed
    assert again.came == 4
    asked = [r for r in script.requests if r.get("verb") == "ListRecords"]
    assert asked[0] == {"verb": "ListRecords", "resumptionToken": "ListRecords3.xml"}
    partner.refresh_from_db()
    assert partner.harvested_until == "2013-02-27T09:10:56Z" and not partner.resume_token


def test_a_forgotten_token_starts_that_harvest_again(partner_at):
    script = Script(route=sickle_route)
    partner = partner_at(script)
    Partner.objects.filter(pk=partner.pk).update(resume_token="expired-token")
    partner.refresh_from_db()
    run = harvest_run(partner=partner)
    assert run.status == HarvestRun.Status.DONE and run.came == 8


def test_no_records_match_is_a_quiet_run(partner_at):
    script = Script(
        route=lambda p: "Identify.xml" if p["verb"] == "Identify" else "noRecordsMatch.xml"
    )
    run = harvest_run(partner=partner_at(script))
    assert run.status == HarvestRun.Status.DONE and run.came == 0


def test_an_oai_error_stops_the_run_with_its_message(partner_at):
    script = Script(
        route=lambda p: "Identify.xml" if p["verb"] == "Identify" else "badArgument.xml"
    )
    run = harvest_run(partner=partner_at(script))
    assert run.status == HarvestRun.Status.FAILED and "badArgument" in run.error


def test_a_partner_that_never_answers_fails_cleanly(partner_at, settings):
    settings.HARVEST_RETRIES = 1
    script = Script(route=sickle_route, faults=["empty"] * 10)
    run = harvest_run(partner=partner_at(script))
    assert run.status == HarvestRun.Status.FAILED and "empty" in run.error
    assert Record.objects.count() == 0


def test_dspace_deleted_records_and_empty_results(partner_at):
    answers = iter(["list-records-include-deleted__00_ListRecords.xml"])
    script = Script(
        folder="oai-mit-dspace",
        route=lambda p: (
            "../sickle-oai/Identify.xml"
            if p["verb"] == "Identify"
            else next(answers, "harvest-list-method-no-records__00_ListRecords.xml")
        ),
    )
    partner = partner_at(script)
    run = harvest_run(partner=partner)
    assert run.status == HarvestRun.Status.DONE
    assert run.came == 1 and run.unchanged == 1 and run.created == 0  # a deletion of nothing
    run = harvest_run(partner=partner)
    assert run.status == HarvestRun.Status.DONE and run.came == 0


def test_records_that_cannot_be_mapped_are_refused_with_a_reason(partner_at):
    # MARCXML asked, Dublin Core answered: the metadata holds no MARC record
    script = Script(route=sickle_route)
    run = harvest_run(partner=partner_at(script, metadata_prefix="marc21"))
    assert run.status == HarvestRun.Status.DONE
    assert run.refused == 5 and run.deleted == 0
    assert run.refusals[0]["identifier"] == "oai:test.example.com:1585322"
    assert "MARCXML" in run.refusals[0]["reason"]
    assert Record.objects.count() == 0


def test_the_portal_says_a_partner_record_is_not_held_here(partner_at, client):
    partner = partner_at(Script(route=sickle_route))
    harvest_run(partner=partner)
    link = HarvestedRecord.objects.get(partner=partner, deleted=False)
    page = client.get(f"/search/record/{link.record_id}/").content.decode()
    assert "Sample Title" in page
    assert "bộ sưu tập đối tác “Kho thử nghiệm”" in page


def test_the_schedule_starts_due_partners_as_jobs_with_progress(
    partner_at, django_capture_on_commit_callbacks
):
    from thuvien.core.models import Job
    from thuvien.harvest.tasks import harvest_due_partners

    partner = partner_at(Script(route=sickle_route), interval_hours=6)
    paused = partner_at(Script(route=sickle_route), interval_hours=0)
    with django_capture_on_commit_callbacks(execute=True):
        assert harvest_due_partners.call_local() == 1  # the manual-only partner is not due
    job = Job.objects.get(kind="harvest.run")
    assert job.status == Job.Status.DONE and job.progress_done == 8
    assert job.result["created"] == 1 and job.result["refused"] == 1
    run = HarvestRun.objects.get(partner=partner)
    assert run.job_id == job.pk
    partner.refresh_from_db()
    assert partner.next_run_at is not None  # six hours on
    assert not HarvestRun.objects.filter(partner=paused).exists()
