"""Decision 206 targets: computed from the libraries that hold copies in the system where the
system knows the figure, entered and dated where it does not; only a network admin edits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thuvien.circulation.tests.factories import make_item
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import Target
from thuvien.oversight.targets import target_save, targets_ensure_decision_206, targets_progress

pytestmark = pytest.mark.django_db


def test_the_programmes_targets_and_their_progress(world):
    admin = world.users["hy_admin"]
    assert targets_ensure_decision_206(network=world.hung_yen, actor=admin) == 7
    assert targets_ensure_decision_206(network=world.hung_yen, actor=admin) == 0
    make_item(world.provincial)
    make_item(world.commune_a)
    rows = {p.target.measure: p for p in targets_progress(network=world.hung_yen)}
    public = rows[Target.Measure.PUBLIC_LINKED]
    # Hưng Yên's public libraries: the provincial one and two communes; two hold copies.
    assert (public.how, public.counted, public.of, public.percent) == (
        "counted", 2, 3, Decimal("66.7")
    )
    assert not public.reached
    school = rows[Target.Measure.SCHOOL_SPECIALISED_ONLINE]
    assert (school.counted, school.of, school.percent) == (0, 1, Decimal("0.0"))
    trained = rows[Target.Measure.STAFF_TRAINED]
    assert trained.how == "missing" and trained.percent is None
    target_save(target=trained.target, actor=admin, percent="80", deadline="2025",
                entered_percent="85,5")  # fmt: skip
    trained = {p.target.measure: p for p in targets_progress(network=world.hung_yen)}[
        Target.Measure.STAFF_TRAINED
    ]
    assert (trained.how, trained.percent, trained.reached) == ("entered", Decimal("85.5"), True)
    assert trained.target.entered_on is not None
    for bad in ({"percent": "120"}, {"percent": "abc"}, {"percent": "NaN"},
                {"deadline": "1999"}, {"entered_percent": "-1"}):  # fmt: skip
        values = {"percent": "80", "deadline": "2025", "entered_percent": "", **bad}
        with pytest.raises(OversightError):
            target_save(target=trained.target, actor=admin, **values)
    # Bắc Ninh has none of Hưng Yên's targets.
    assert targets_progress(network=world.bac_ninh) == []


def test_the_page_reads_for_inspectors_and_edits_for_network_admins(world, staff_client):
    targets_ensure_decision_206(network=world.hung_yen, actor=world.users["hy_admin"])
    inspector = staff_client(world.users["hy_oversight"], world.provincial)
    assert inspector.post("/staff/oversight/targets/add/").status_code == 403
    html = inspector.get("/staff/oversight/targets/").content.decode()
    assert "Quyết định 206" in html and "hệ thống tự tính" in html and "target-form" not in html
    target = Target.objects.get(network=world.hung_yen, measure=Target.Measure.STAFF_TRAINED)
    assert inspector.post(f"/staff/oversight/targets/{target.pk}/").status_code == 403

    admin = staff_client(world.users["hy_admin"], world.provincial)
    assert admin.post("/staff/oversight/targets/add/").status_code == 302
    assert "target-form" in admin.get("/staff/oversight/targets/").content.decode()
    values = {"percent": "90,5", "deadline": "2030", "entered_percent": "50"}
    response = admin.post(f"/staff/oversight/targets/{target.pk}/", values)
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.percent, target.deadline, target.entered_percent) == (
        Decimal("90.5"), 2030, Decimal("50.0")
    )
    bn_admin = staff_client(world.users["bn_library_admin"], world.bn_provincial)
    refused = bn_admin.post(f"/staff/oversight/targets/{target.pk}/", {"percent": "1"})
    assert refused.status_code == 403
