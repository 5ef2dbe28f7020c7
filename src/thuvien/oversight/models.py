"""Figures kept for the authorities: each library's day, recorded once, read by every dashboard.

Past stock and past reader numbers cannot be rebuilt from events (a withdrawn copy leaves no
trace of the day it was on the shelf), so the figures that describe a state are recorded at the
end of each day; the day's events (loans, returns, new readers, holds) are recorded beside them,
so that a dashboard over a year reads 365 rows a library instead of scanning every loan
(ARCHITECTURE.md: statistics are pre-aggregated per library and day).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thuvien.core.scoping import LibraryScopedManager


class LibraryDay(models.Model):
    """One library's figures for one day (ISO 2789 / TCVN 12843 counts the system can know)."""

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"), db_index=True)
    # State at the end of the day.
    titles = models.PositiveIntegerField(_("số tên tài liệu"), default=0)
    copies = models.PositiveIntegerField(_("số bản"), default=0)
    readers = models.PositiveIntegerField(_("bạn đọc có thẻ còn hạn"), default=0)
    book_copies = models.PositiveIntegerField(_("số bản sách"), default=0)
    # The digital library at the end of the day (``oversight.digitisation``).
    digital_objects = models.PositiveIntegerField(_("tài liệu số"), default=0)
    digital_pages = models.PositiveIntegerField(_("trang đã số hóa"), default=0)
    digital_published = models.PositiveIntegerField(_("tài liệu số đã công bố"), default=0)
    titles_digitised = models.PositiveIntegerField(_("tên tài liệu đã số hóa"), default=0)
    special_titles = models.PositiveIntegerField(_("tên tài liệu địa chí, Hán Nôm"), default=0)
    special_digitised = models.PositiveIntegerField(
        _("tên tài liệu địa chí, Hán Nôm đã số hóa"), default=0
    )
    endogenous_titles = models.PositiveIntegerField(_("tên tài liệu nội sinh"), default=0)
    endogenous_digitised = models.PositiveIntegerField(
        _("tên tài liệu nội sinh đã số hóa"), default=0
    )
    # The day's events.
    copies_added = models.PositiveIntegerField(_("bản bổ sung"), default=0)
    readers_new = models.PositiveIntegerField(_("bạn đọc đăng ký mới"), default=0)
    loans = models.PositiveIntegerField(_("lượt mượn"), default=0)
    returns = models.PositiveIntegerField(_("lượt trả"), default=0)
    holds = models.PositiveIntegerField(_("lượt đặt mượn"), default=0)
    renewals = models.PositiveIntegerField(_("lượt gia hạn"), default=0)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("số liệu ngày của thư viện")
        constraints = [
            models.UniqueConstraint(fields=["library", "day"], name="oversight_library_day")
        ]
        indexes = [models.Index(fields=["day", "library"], name="oversight_day_library")]

    def __str__(self) -> str:
        return f"{self.library_id} {self.day}"


class LibraryMonth(models.Model):
    """The sums of one library's days in a month, rewritten with each recorded day, so that a
    year's dashboard reads twelve rows a library instead of 365."""

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("tháng"), help_text="the first day of the month")
    days = models.PositiveSmallIntegerField(_("số ngày đã ghi"), default=0)
    copies_added = models.PositiveIntegerField(_("bản bổ sung"), default=0)
    readers_new = models.PositiveIntegerField(_("bạn đọc đăng ký mới"), default=0)
    loans = models.PositiveIntegerField(_("lượt mượn"), default=0)
    returns = models.PositiveIntegerField(_("lượt trả"), default=0)
    holds = models.PositiveIntegerField(_("lượt đặt mượn"), default=0)
    renewals = models.PositiveIntegerField(_("lượt gia hạn"), default=0)
    # Use of the library's digital documents in the month (``digital.UsageCount`` is kept per
    # month, so these are copied from it, not summed from days).
    views = models.PositiveIntegerField(_("lượt xem tài liệu số"), default=0)
    downloads = models.PositiveIntegerField(_("lượt tải tài liệu số"), default=0)
    paid_uses = models.PositiveIntegerField(_("lượt sử dụng tài liệu số có thu phí"), default=0)
    copy_requests = models.PositiveIntegerField(_("yêu cầu sao chụp từ xa"), default=0)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("số liệu tháng của thư viện")
        constraints = [
            models.UniqueConstraint(fields=["library", "month"], name="oversight_library_month")
        ]
        indexes = [models.Index(fields=["month", "library"], name="oversight_month_library")]


class CollectionCount(models.Model):
    """One library's stock at the end of a day broken down one way (DDC main class, language,
    material type, format): titles and copies of each value, recorded with the day, so that
    no dashboard or past report has to group the copies again. Values the library holds none
    of have no row."""

    class Dimension(models.TextChoices):
        DDC = "ddc", _("Môn loại (DDC)")
        LANGUAGE = "language", _("Ngôn ngữ")
        MATERIAL = "material", _("Loại tài liệu")
        FORMAT = "format", _("Hình thức tài liệu")

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    # A DDC main class "0".."9" ("" unclassified), a MARC language code, a material type,
    # a format (``oversight.collection.FORMATS``); pages show their names, never these.
    value = models.CharField(max_length=20, blank=True)
    titles = models.PositiveIntegerField(default=0)
    copies = models.PositiveIntegerField(default=0)

    objects = LibraryScopedManager()
    all_objects: models.Manager[CollectionCount] = models.Manager()  # noqa: DJ012 - unscoped

    class Meta:
        verbose_name = _("cơ cấu vốn tài liệu theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["library", "day", "dimension", "value"], name="oversight_collection_count"
            )
        ]
        indexes = [models.Index(fields=["day", "library"], name="oversight_collection_day")]


# The figures of a LibraryDay, in the order the pages and reports show them.
DIGITAL_FIGURES = (
    "digital_objects", "digital_pages", "digital_published", "titles_digitised",
    "special_titles", "special_digitised", "endogenous_titles", "endogenous_digitised",
)  # fmt: skip
STATE_FIGURES = ("titles", "copies", "readers", "book_copies", *DIGITAL_FIGURES)
EVENT_FIGURES = ("copies_added", "readers_new", "loans", "returns", "holds", "renewals")
# per month, from digital.UsageCount
USE_FIGURES = ("views", "downloads", "paid_uses", "copy_requests")


class Stocktake(models.Model):
    """Kiểm kê: every copy on the shelves of a library (or one location) scanned, compared with
    what the catalogue says should be there (Circular 18/2014 art. 9)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang kiểm kê")
        CLOSED = "closed", _("Đã kết thúc")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(
        "network.Location", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.CharField(_("lý do kiểm kê"), max_length=255, blank=True)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Filled at closing: what the stocktake found, kept for inspection.
    expected = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("đợt kiểm kê")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.library_id} {self.started_at:%Y-%m-%d}"


class ScanOutcome(models.TextChoices):
    ON_SHELF = "on_shelf", _("Đúng chỗ")
    FOUND = "found", _("Tìm thấy (đang ghi là mất)")
    MISPLACED = "misplaced", _("Sai kho")
    NOT_ON_SHELF = "not_on_shelf", _("Không lẽ ra ở trên giá")
    OTHER_LIBRARY = "other_library", _("Của thư viện khác")
    UNKNOWN = "unknown", _("Không có mã vạch này")


class StocktakeScan(models.Model):
    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="scans")
    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    barcode = models.CharField(max_length=50)
    item = models.ForeignKey(
        "holdings.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=ScanOutcome.choices)
    scanned_at = models.DateTimeField()

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stocktake", "barcode"], name="stocktake_barcode_once")
        ]


class Evaluation(models.Model):
    """The annual evaluation of a library's activity (Library Law art. 37; Circular
    05/2020/TT-BVHTTDL): the library's self-evaluation on Mẫu 01, then the founder's or the
    state body's evaluation, recorded on Mẫu 02, with the circular's deadlines."""

    class Status(models.TextChoices):
        SELF_DRAFT = "self_draft", _("Thư viện đang tự đánh giá (Mẫu 01)")
        SELF_SUBMITTED = "self_submitted", _("Đã gửi Mẫu 01")
        SCHEDULED = "scheduled", _("Đã thông báo lịch đánh giá")
        DRAFT_RESULT = "draft_result", _("Đã có dự thảo kết quả")
        ANSWERED = "answered", _("Thư viện đã có ý kiến")
        FINAL = "final", _("Đã có kết quả (Mẫu 02)")

    class Method(models.TextChoices):
        REPORT = "report", _("Qua báo cáo của thư viện")
        ON_SITE = "on_site", _("Trực tiếp tại thư viện")
        ONLINE = "online", _("Trực tuyến qua phần mềm xử lý dữ liệu")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SELF_DRAFT)
    # Mẫu 01: the figures as the system counted them when the library submitted, and its words.
    figures = models.JSONField(default=list)
    self_results = models.TextField(_("kết quả hoạt động nổi bật"), blank=True)
    self_limits = models.TextField(_("hạn chế, nguyên nhân"), blank=True)
    self_proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    self_score = models.PositiveSmallIntegerField(_("điểm tự đánh giá"), null=True, blank=True)
    self_submitted_at = models.DateTimeField(null=True, blank=True)
    # The evaluation by the founder or the state body.
    method = models.CharField(max_length=10, choices=Method.choices, blank=True)
    notified_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    evaluation_on = models.DateField(_("ngày đánh giá"), null=True, blank=True)
    draft_comments = models.TextField(_("nhận xét (dự thảo)"), blank=True)
    draft_score = models.PositiveSmallIntegerField(_("điểm (dự thảo)"), null=True, blank=True)
    draft_at = models.DateTimeField(null=True, blank=True)
    library_answer = models.TextField(_("ý kiến của thư viện"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    final_comments = models.TextField(_("kết luận"), blank=True)
    final_score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    final_at = models.DateTimeField(null=True, blank=True)
    evaluator = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("đánh giá hoạt động thư viện")
        constraints = [
            models.UniqueConstraint(fields=["library", "year"], name="evaluation_library_year")
        ]

    def __str__(self) -> str:
        return f"{self.library_id} {self.year}"


class Target(models.Model):
    """A numeric target of Decision 206/QĐ-TTg or the provincial plan carrying it out, stored
    per network with its deadline; the system computes its progress where it knows the figure,
    and keeps the value entered by hand (with its date) where it does not."""

    class Measure(models.TextChoices):
        PUBLIC_LINKED = "public_linked", _(
            "Thư viện công cộng dùng phần mềm quản lý, liên thông với thư viện tỉnh"
        )
        SCHOOL_SPECIALISED_ONLINE = "school_specialised_online", _(
            "Thư viện trường học, chuyên ngành có phần mềm và dịch vụ trực tuyến"
        )
        SPECIAL_DIGITISED = "special_digitised", _("Tài liệu có giá trị đặc biệt được số hóa")
        ENDOGENOUS_DIGITISED = "endogenous_digitised", _(
            "Tài liệu nội sinh của thư viện đại học, chuyên ngành, lực lượng vũ trang được số hóa"
        )
        STAFF_TRAINED = "staff_trained", _("Người làm công tác thư viện được đào tạo, bồi dưỡng")

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    measure = models.CharField(_("chỉ tiêu"), max_length=32, choices=Measure.choices)
    deadline = models.PositiveSmallIntegerField(_("năm đạt"))
    percent = models.DecimalField(_("mục tiêu (%)"), max_digits=5, decimal_places=1)
    entered_percent = models.DecimalField(
        _("số liệu nhập tay (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    entered_on = models.DateField(_("ngày nhập"), null=True, blank=True)
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "measure", "deadline"], name="target_network_measure_year"
            )
        ]
        ordering = ["deadline", "measure"]

    def __str__(self) -> str:
        return f"{self.network_id} {self.measure} {self.deadline}"


class YearFigure(models.Model):
    """A figure the system cannot count (floor area, seats, budget, staff, events, population
    served...), entered once a year per library and flagged, as the US IMLS survey flags every
    value: entered, estimated, or missing (a row is only kept for the first two)."""

    class Key(models.TextChoices):
        FLOOR_AREA = "floor_area", _("Diện tích sử dụng (m²)")
        READING_AREA = "reading_area", _("Diện tích phòng đọc (m²)")
        CHILDREN_AREA = "children_area", _("Diện tích cho thiếu nhi, người khuyết tật (m²)")
        SEATS = "seats", _("Số chỗ ngồi đọc")
        COMPUTERS = "computers", _("Số máy tính phục vụ bạn đọc")
        OPENING_HOURS = "opening_hours", _("Số giờ mở cửa mỗi tuần")
        PERIODICALS = "periodicals", _("Số tên báo, tạp chí")
        BUDGET = "budget", _("Kinh phí hoạt động (đồng)")
        ACQUISITION_BUDGET = "acquisition_budget", _("Kinh phí bổ sung tài liệu (đồng)")
        STAFF = "staff", _("Số người làm công tác thư viện")
        STAFF_QUALIFIED = "staff_qualified", _("Số người có chuyên môn, nghiệp vụ thư viện")
        VISITS = "visits", _("Lượt bạn đọc đến thư viện")
        WEB_VISITS = "web_visits", _("Lượt truy cập trang thông tin điện tử của thư viện")
        EVENTS = "events", _("Số sự kiện, hoạt động")
        EVENT_ATTENDANCE = "event_attendance", _("Lượt người dự sự kiện")
        POPULATION = "population", _("Dân số (số người) được phục vụ")
        # School libraries: pupils by level, for the copies a pupil each level needs.
        PUPILS_PRESCHOOL = "pupils_preschool", _("Số trẻ mầm non")
        PUPILS_PRIMARY = "pupils_primary", _("Số học sinh tiểu học")
        PUPILS_LOWER = "pupils_lower", _("Số học sinh trung học cơ sở")
        PUPILS_UPPER = "pupils_upper", _("Số học sinh trung học phổ thông")

    class Flag(models.TextChoices):
        ENTERED = "entered", _("nhập tay")
        ESTIMATED = "estimated", _("ước tính")

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    key = models.CharField(max_length=32, choices=Key.choices)
    value = models.DecimalField(max_digits=16, decimal_places=1)
    flag = models.CharField(max_length=10, choices=Flag.choices, default=Flag.ENTERED)
    entered_at = models.DateTimeField(auto_now=True)
    entered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("số liệu nhập tay trong năm")
        constraints = [
            models.UniqueConstraint(fields=["library", "year", "key"], name="year_figure_once")
        ]


class Weeding(models.Model):
    """Thanh lọc: a list of copies chosen to leave the collection, approved by a decision with
    its number and date (Circular 02/2020/TT-BVHTTDL art. 28); the copies are then withdrawn
    and marked "đã thanh lọc" with the decision number in the individual register."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang lập danh sách")
        APPROVED = "approved", _("Đã có quyết định, đã thanh lọc")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reason = models.CharField(_("lý do thanh lọc"), max_length=255, blank=True)
    # How the copies were chosen, as the page showed it (kept for inspection).
    criteria = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("đợt thanh lọc")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.library_id} {self.decision_number or f'{self.created_at:%Y-%m-%d}'}"


class WeedingCopy(models.Model):
    weeding = models.ForeignKey(Weeding, on_delete=models.CASCADE, related_name="copies")
    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey("holdings.Item", on_delete=models.PROTECT, related_name="+")
    why = models.CharField(_("lý do"), max_length=255, blank=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["weeding", "item"], name="weeding_copy_once")
        ]


class StaffPerson(models.Model):
    """A person who works in a library (người làm công tác thư viện, Library Law art. 46), with
    or without a login: their professional title and library qualification, for the share of
    staff trained and qualified (Decree 93/2020: 70 %)."""

    class Title(models.TextChoices):
        # Professional titles of library staff (Circular 02/2022/TT-BVHTTDL).
        NONE = "", _("Chưa bổ nhiệm chức danh")
        GRADE_I = "V.10.02.30", _("Thư viện viên hạng I")
        GRADE_II = "V.10.02.05", _("Thư viện viên hạng II")
        GRADE_III = "V.10.02.06", _("Thư viện viên hạng III")
        GRADE_IV = "V.10.02.07", _("Thư viện viên hạng IV")

    class Qualification(models.TextChoices):
        NONE = "", _("Chưa có chuyên môn thư viện")
        CERTIFICATE = "certificate", _("Chứng chỉ bồi dưỡng nghiệp vụ thư viện")
        INTERMEDIATE = "intermediate", _("Trung cấp thư viện")
        COLLEGE = "college", _("Cao đẳng thư viện")
        BACHELOR = "bachelor", _("Đại học thư viện, thông tin")
        MASTER = "master", _("Thạc sĩ thư viện, thông tin")
        DOCTORATE = "doctorate", _("Tiến sĩ thư viện, thông tin")

    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("họ và tên"), max_length=120)
    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(
        _("chức danh nghề nghiệp"), max_length=12, choices=Title.choices, blank=True
    )
    qualification = models.CharField(
        _("trình độ chuyên môn thư viện"), max_length=12, choices=Qualification.choices,
        blank=True,
    )  # fmt: skip
    active = models.BooleanField(_("đang làm việc"), default=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("người làm công tác thư viện")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Course(models.Model):
    """A training course (đào tạo, bồi dưỡng) offered to the network's library staff."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(_("nội dung, chủ đề"), max_length=255)
    provider = models.CharField(_("đơn vị tổ chức"), max_length=255)
    hours = models.DecimalField(_("số giờ"), max_digits=6, decimal_places=1)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("khóa đào tạo, bồi dưỡng")
        ordering = ["-starts_on", "topic"]

    def __str__(self) -> str:
        return self.topic


class Attendance(models.Model):
    """A person's attendance of a course; ``completed`` when they finished it."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(StaffPerson, on_delete=models.CASCADE, related_name="attendances")
    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    completed = models.BooleanField(_("hoàn thành"), default=True)
    certificate_number = models.CharField(_("số chứng nhận"), max_length=60, blank=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "person"], name="attendance_once")
        ]


class Credential(models.Model):
    """A diploma, certificate or appointment to a title that a person holds, with its scan."""

    class Kind(models.TextChoices):
        DIPLOMA = "diploma", _("Văn bằng")
        CERTIFICATE = "certificate", _("Chứng chỉ, giấy chứng nhận")
        APPOINTMENT = "appointment", _("Quyết định bổ nhiệm chức danh")

    person = models.ForeignKey(StaffPerson, on_delete=models.CASCADE, related_name="credentials")
    library = models.ForeignKey("network.Library", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên văn bằng, chứng chỉ"), max_length=255)
    issuer = models.CharField(_("nơi cấp"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    scan = models.FileField(_("bản chụp"), upload_to="training/credentials/%Y/", blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = LibraryScopedManager()
    all_objects = models.Manager()  # noqa: DJ012 - the unscoped manager for network-wide reads

    class Meta:
        verbose_name = _("văn bằng, chứng chỉ")
        ordering = ["-issued_on"]


REFORM_DAY = "2025-07-01"  # Resolution 202/2025/QH15: 34 provinces, communes, no districts


class AdminUnit(models.Model):
    """An administrative unit under the codes in force before 1 July 2025 (province, district,
    commune) or from then on (Decision 19/2025/QĐ-TTg: province and commune only)."""

    class Era(models.TextChoices):
        OLD = "old", _("Trước 01/7/2025 (63 tỉnh, có cấp huyện)")
        NEW = "new", _("Từ 01/7/2025 (34 tỉnh, không có cấp huyện)")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố")
        DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
        COMMUNE = "commune", _("Xã, phường, đặc khu")

    era = models.CharField(max_length=3, choices=Era.choices)
    level = models.CharField(max_length=8, choices=Level.choices)
    code = models.CharField(_("mã"), max_length=5)
    name = models.CharField(_("tên"), max_length=120)
    # The unit above: the district (old communes), the province (new communes, districts).
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(fields=["era", "level", "code"], name="admin_unit_code")
        ]
        ordering = ["era", "level", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AdminUnitLink(models.Model):
    """An old commune went (wholly or in part) into a new commune."""

    old = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="links_new")
    new = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="links_old")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="admin_unit_link")]


class LibraryUnit(models.Model):
    """The commune a library belonged to before the reform (old) and after it (new): past
    years' statistics stay with the old unit, and either can be found from the other."""

    library = models.ForeignKey("network.Library", on_delete=models.CASCADE, related_name="+")
    era = models.CharField(max_length=3, choices=AdminUnit.Era.choices)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["library", "era"], name="library_unit_era")
        ]


class ReportSchedule(models.Model):
    """A report made by the worker every month (for the month before) or every year (for the
    year before), kept and e-mailed: of a library, a group of libraries or the network."""

    class Scope(models.TextChoices):
        NETWORK = "network", _("Toàn mạng lưới (tỉnh)")
        GROUP = "group", _("Nhóm thư viện")
        LIBRARY = "library", _("Một thư viện")

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Hằng tháng (tháng trước)")
        ANNUAL = "annual", _("Hằng năm (năm trước)")

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(_("phạm vi"), max_length=8, choices=Scope.choices)
    library = models.ForeignKey(
        "network.Library", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "network.LibraryGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kỳ"), max_length=8, choices=Kind.choices)
    fmt = models.CharField(_("định dạng"), max_length=4)
    recipients = models.JSONField(_("người nhận"), default=list)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lịch lập báo cáo")
        ordering = ["-created_at"]


class KeptReport(models.Model):
    """A report as it was made: the file on the storage API with its SHA-256, whom it was sent
    to and when; kept for inspection."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    schedule = models.ForeignKey(
        ReportSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="kept"
    )
    title = models.CharField(max_length=255)
    unit = models.CharField(max_length=255)
    start = models.DateField()
    end = models.DateField()
    fmt = models.CharField(max_length=4)
    file = models.FileField(upload_to="reports/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_to = models.JSONField(default=list)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo đã lập")
        ordering = ["-made_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "start"],
                condition=models.Q(schedule__isnull=False),
                name="kept_report_once_a_period",
            )
        ]
