"""Staff training (Library Law 46/2019 art. 46(3–4)): the people who work in each library,
their professional titles and library qualifications, the courses they attended, their
diplomas and certificates with a scan; and the shares the authorities ask for:

- staff trained: people working now who completed a course since the plan began (Decision
  206/QĐ-TTg, 2021) over all people working now; it feeds the Decision 206 "staff trained"
  target from live data as soon as a network keeps its staff here;
- staff qualified: people working now with a library qualification (a certificate of library
  training or a library degree) over all of them, against Decree 93/2020's 70 %;
- training hours per staff member (ISO 11620 / TCVN 11774): hours of the courses completed in
  the period over the people working now.

Scans: the screening service (``thuvien.screening``) is not on this branch yet, so a scan is
checked here the way the other uploads of the project are: at most 5 MB, a JPEG or PNG decoded
in full and stored re-encoded (pixels only), or a PDF whose header is a PDF's and which holds no
JavaScript, launch action or embedded file. Stored through Django's storage API.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.scoping import scopes_disabled
from thuvien.network.models import Library, LibraryType, Network

from .errors import OversightError, OversightErrorCode
from .models import Attendance, Course, Credential, StaffPerson

E = OversightErrorCode
PLAN_START = dt.date(2021, 1, 1)  # Decision 206/QĐ-TTg, 11/02/2021: the programme's period
QUALIFIED_SHARE = Decimal(70)  # Decree 93/2020/NĐ-CP
SCAN_MAX_BYTES = 5 * 1024 * 1024
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")


def _text(value: Any, field: str, *, required: bool = True, limit: int = 255) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise OversightError(E.REQUIRED, _("Cần điền mục này."), field=field)
    if len(text) > limit:
        raise OversightError(E.TOO_LONG, _("Quá dài."), field=field)
    return text


def _date(value: Any, field: str, *, required: bool = True) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        if required:
            raise OversightError(E.REQUIRED, _("Cần ngày."), field=field)
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise OversightError(E.BAD_DATE, _("Ngày không hợp lệ."), field=field) from None
    if not dt.date(1950, 1, 1) <= day <= timezone.localdate() + dt.timedelta(days=366):
        raise OversightError(E.BAD_DATE, _("Ngày không hợp lệ."), field=field)
    return day


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def staff_person_save(
    *,
    library: Library,
    actor: Any,
    full_name: str,
    title: str = "",
    qualification: str = "",
    active: bool = True,
    person: StaffPerson | None = None,
) -> StaffPerson:
    """Add a person to the library's staff, or change one of them."""
    name = _text(full_name, "full_name", limit=120)
    if title not in StaffPerson.Title.values:
        raise OversightError(E.REQUIRED, _("Chức danh không hợp lệ."), field="title")
    if qualification not in StaffPerson.Qualification.values:
        raise OversightError(E.REQUIRED, _("Trình độ không hợp lệ."), field="qualification")
    with transaction.atomic(), scopes_disabled():
        if person is None:
            person = StaffPerson.objects.create(
                library=library, full_name=name, title=title, qualification=qualification,
                active=active,
            )  # fmt: skip
            changes: dict[str, Any] = {"full_name": [None, name]}
        else:
            if person.library_id != library.pk:
                raise OversightError(E.NOT_FOUND, _("Không có người này."))
            old = (person.full_name, person.title, person.qualification, person.active)
            person.full_name, person.title = name, title
            person.qualification, person.active = qualification, active
            person.save(update_fields=["full_name", "title", "qualification", "active"])
            new = (name, title, qualification, active)
            keys = ("full_name", "title", "qualification", "active")
            changes = {k: [a, b] for k, a, b in zip(keys, old, new, strict=True) if a != b}
        audit_record(actor=actor, action="oversight.training.person_saved", obj=person,
                     library=library, changes=changes)  # fmt: skip
    return person


def course_create(
    *,
    network: Network,
    actor: Any,
    topic: str,
    provider: str,
    hours: Any,
    starts_on: Any,
    ends_on: Any = None,
) -> Course:
    """Record a course offered to the network's staff."""
    topic_text = _text(topic, "topic")
    provider_text = _text(provider, "provider")
    try:
        number = Decimal(str(hours or "").strip().replace(",", "."))
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or not Decimal("0.5") <= number <= Decimal(2000):
        raise OversightError(E.BAD_NUMBER, _("Số giờ từ 0,5 đến 2.000."), field="hours")
    start = _date(starts_on, "starts_on")
    end = _date(ends_on, "ends_on") if str(ends_on or "").strip() else start
    assert start is not None and end is not None
    if end < start:
        raise OversightError(E.BAD_DATE, _("Ngày kết thúc trước ngày bắt đầu."), field="ends_on")
    with transaction.atomic():
        course = Course.objects.create(
            network=network, topic=topic_text, provider=provider_text,
            hours=number.quantize(Decimal("0.1")), starts_on=start, ends_on=end,
            created_by=_user(actor),
        )  # fmt: skip
        audit_record(actor=actor, action="oversight.training.course_added", obj=course,
                     network=network, changes={"topic": [None, topic_text]})  # fmt: skip
    return course


def attendance_record(
    *,
    course: Course,
    person: StaffPerson,
    actor: Any,
    completed: bool = True,
    certificate_number: str = "",
) -> Attendance:
    """Record that a person attended a course of the network (again: the record changes)."""
    with scopes_disabled():
        library = Library.objects.get(pk=person.library_id)
    if course.network_id != library.network_id:
        raise OversightError(E.NOT_FOUND, _("Không có khóa học này."), field="course")
    number = _text(certificate_number, "certificate_number", required=False, limit=60)
    with transaction.atomic(), scopes_disabled():
        attendance, created = Attendance.objects.update_or_create(
            course=course, person=person,
            defaults={"library": library, "completed": completed, "certificate_number": number},
        )  # fmt: skip
        audit_record(actor=actor, action="oversight.training.attendance_recorded",
                     obj=attendance, library=library,
                     changes={"course": [None, course.topic], "person": [None, person.full_name],
                              "completed": [None, completed]})  # fmt: skip
    return attendance


def _scan_screened(upload: Any, *, person: StaffPerson, actor: Any) -> None:
    """The scan as it came through the one screening service (ClamAV, type by content, size,
    PDF active content); a refusal is quarantined and audited there, and told as the form's."""
    import tempfile
    from pathlib import Path

    from thuvien.screening import ScreeningRefused, screen_upload

    kwargs: dict[str, Any] = {
        "purpose": "training_scan",
        "declared_name": str(getattr(upload, "name", "") or ""),
        "allowed_kinds": frozenset({"image", "pdf"}),
        "max_bytes": SCAN_MAX_BYTES,
        "library_id": person.library_id,
        "actor_id": getattr(actor, "pk", None),
    }
    try:
        on_disk = getattr(upload, "temporary_file_path", None)
        if on_disk is not None:  # Django already wrote a large upload to a temporary file
            screen_upload(Path(on_disk()), **kwargs)
            return
        with tempfile.NamedTemporaryFile(prefix="thuvien-scan-", suffix=".upload") as out:
            upload.seek(0)
            for chunk in iter(lambda: upload.read(1024 * 1024), b""):
                out.write(chunk)
                if out.tell() > SCAN_MAX_BYTES + 1:
                    break
            out.flush()
            screen_upload(Path(out.name), **kwargs)
    except ScreeningRefused as refusal:
        raise OversightError(E.BAD_FILE, refusal.message, field="scan") from refusal
    finally:
        upload.seek(0)


def _scan_checked(upload: Any) -> tuple[bytes, str]:
    """The scan's bytes as they will be stored, and the file's extension; raises for anything
    that is not a sane picture or a passive PDF."""
    refused = OversightError(
        E.BAD_FILE, _("Bản chụp phải là tệp PDF, JPEG hoặc PNG đọc được."), field="scan"
    )
    if upload.size > SCAN_MAX_BYTES:
        raise OversightError(E.BAD_FILE, _("Bản chụp quá lớn: tối đa 5 MB."), field="scan")
    data = upload.read(SCAN_MAX_BYTES + 1)
    if data.startswith(b"%PDF-"):
        if _PDF_ACTIVE.search(data) or b"%%EOF" not in data[-2048:]:
            raise OversightError(
                E.BAD_FILE,
                _("Tệp PDF này chứa mã chạy, tệp đính kèm hoặc không trọn vẹn: không nhận."),
                field="scan",
            )
        return data, "pdf"
    import warnings

    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ("JPEG", "PNG") or probe.width * probe.height > 60_000_000:
                    raise refused
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                picture = image.convert("RGB")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise refused from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise refused from None
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue(), "jpg"


def credential_add(
    *,
    person: StaffPerson,
    actor: Any,
    kind: str,
    name: str,
    issuer: str = "",
    issued_on: Any = None,
    scan: Any = None,
) -> Credential:
    """Keep a person's diploma, certificate or appointment, with its scan if given."""
    if kind not in Credential.Kind.values:
        raise OversightError(E.REQUIRED, _("Chọn loại văn bằng."), field="kind")
    title = _text(name, "name")
    issuer_text = _text(issuer, "issuer", required=False)
    day = _date(issued_on, "issued_on", required=False)
    if scan:
        _scan_screened(scan, person=person, actor=actor)
    clean = _scan_checked(scan) if scan else None
    library = Library.objects.get(pk=person.library_id)
    with transaction.atomic(), scopes_disabled():
        credential = Credential(
            person=person, library_id=person.library_id, kind=kind, name=title,
            issuer=issuer_text, issued_on=day,
        )  # fmt: skip
        if clean is not None:
            data, ext = clean
            credential.scan.save(f"{person.library_id}-{person.pk}.{ext}", ContentFile(data),
                                 save=False)  # fmt: skip
        credential.save()
        audit_record(actor=actor, action="oversight.training.credential_added", obj=credential,
                     library=library,
                     changes={"name": [None, title], "scan": [None, bool(clean)]})  # fmt: skip
    return credential


# --- Figures ---------------------------------------------------------------------------------


@dataclass
class TrainingRow:
    staff: int = 0
    qualified: int = 0
    trained: int = 0
    hours: Decimal = field(default_factory=lambda: Decimal(0))
    graduates: int = 0  # a bachelor's degree or more in library and information science

    def add(self, other: TrainingRow) -> None:
        self.staff += other.staff
        self.qualified += other.qualified
        self.graduates += other.graduates
        self.trained += other.trained
        self.hours += other.hours

    @staticmethod
    def _share(part: int | Decimal, whole: int) -> Decimal | None:
        if not whole:
            return None
        return (Decimal(part) * 100 / Decimal(whole)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def trained_percent(self) -> Decimal | None:
        return self._share(self.trained, self.staff)

    @property
    def qualified_percent(self) -> Decimal | None:
        return self._share(self.qualified, self.staff)

    @property
    def qualified_met(self) -> bool | None:
        share = self.qualified_percent
        return None if share is None else share >= QUALIFIED_SHARE

    @property
    def hours_per_person(self) -> Decimal | None:
        if not self.staff:
            return None
        return (self.hours / self.staff).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


GRADUATE = (
    StaffPerson.Qualification.BACHELOR, StaffPerson.Qualification.MASTER,
    StaffPerson.Qualification.DOCTORATE,
)  # fmt: skip


def training_figures(
    *,
    library_ids: list[int],
    start: dt.date = PLAN_START,
    end: dt.date | None = None,
    network: Network | None = None,
) -> dict[int, TrainingRow]:
    """Per library: people working now, qualified, trained (a course completed that ended in
    ``start``..``end``), and the hours of those courses. With ``network`` (the libraries are
    all of it) the rows are picked by network instead of a list of a thousand ids."""
    end = end or timezone.localdate()
    out = {pk: TrainingRow() for pk in library_ids}
    where: dict[str, Any] = (
        {"library__network": network} if network is not None else {"library_id__in": library_ids}
    )
    with scopes_disabled():
        people = (
            StaffPerson.objects.filter(**where, active=True)
            .values("library_id")
            .annotate(
                staff=Count("pk"),
                qualified=Count("pk", filter=~Q(qualification="")),
                graduates=Count("pk", filter=Q(qualification__in=GRADUATE)),
            )
        )
        for row in people:
            if row["library_id"] not in out:
                continue
            out[row["library_id"]].staff = row["staff"]
            out[row["library_id"]].qualified = row["qualified"]
            out[row["library_id"]].graduates = row["graduates"]
        done = Attendance.objects.filter(
            **where,
            completed=True,
            course__ends_on__gte=start,
            course__ends_on__lte=end,
        )
        trained = (
            done.filter(person__active=True)
            .values("library_id")
            .annotate(n=Count("person_id", distinct=True))
        )
        for row in trained:
            if row["library_id"] in out:
                out[row["library_id"]].trained = row["n"]
        for row in done.values("library_id").annotate(h=Sum("course__hours")):
            if row["library_id"] in out:
                out[row["library_id"]].hours = row["h"] or Decimal(0)
    return out


@dataclass
class NetworkTraining:
    total: TrainingRow
    by_type: list[tuple[str, str, TrainingRow, int]]  # code, label, figures, libraries
    libraries: list[tuple[Library, TrainingRow]]

    @property
    def kept(self) -> bool:
        """The network keeps its staff here (otherwise the shares mean nothing)."""
        return self.total.staff > 0


def network_training(
    *,
    network: Network,
    start: dt.date = PLAN_START,
    end: dt.date | None = None,
    rows: dict[int, TrainingRow] | None = None,
    libraries: list[Library] | None = None,
) -> NetworkTraining:
    """The network's active libraries' staff figures, by type and in total (``rows``: the
    figures ``training_figures`` already counted for the same period, if at hand;
    ``libraries``: the network's active libraries, if already read, in type and name order)."""
    if libraries is None:
        libraries = list(
            Library.objects.filter(network=network, is_active=True).order_by(
                "library_type", "name_vi"
            )
        )
    if rows is None:
        rows = training_figures(library_ids=[lib.pk for lib in libraries], start=start, end=end,
                                network=network)  # fmt: skip
    total = TrainingRow()
    types: dict[str, tuple[TrainingRow, list[int]]] = {}
    for lib in libraries:
        total.add(rows[lib.pk])
        figures, count = types.setdefault(lib.library_type, (TrainingRow(), [0]))
        figures.add(rows[lib.pk])
        count[0] += 1
    by_type = [
        (value, str(label), types[value][0], types[value][1][0])
        for value, label in LibraryType.choices
        if value in types
    ]
    return NetworkTraining(total, by_type, [(lib, rows[lib.pk]) for lib in libraries])


def courses_of(*, network: Network) -> list[Course]:
    return list(
        Course.objects.filter(network=network).annotate(
            n=Count("attendances", filter=Q(attendances__completed=True))
        )[:200]
    )


def staff_of(*, library: Library) -> list[StaffPerson]:
    with scopes_disabled():
        return list(
            StaffPerson.objects.filter(library=library)
            .prefetch_related("credentials", "attendances__course")
            .order_by("-active", "full_name")
        )


def staff_person_get_for(*, library: Library, pk: Any) -> StaffPerson | None:
    with scopes_disabled():
        text = str(pk or "")
        return (
            StaffPerson.objects.filter(library=library, pk=int(text)).first()
            if text.isdigit()
            else None
        )


def credential_get_for(*, library: Library, pk: int) -> Credential | None:
    with scopes_disabled():
        return Credential.objects.filter(library=library, pk=pk).first()
