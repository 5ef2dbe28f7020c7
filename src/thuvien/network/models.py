"""The network of libraries: networks (provinces), libraries and branches, locations, groups,
calendars, per-library settings, and the history of where each library belonged."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Network(models.Model):
    """A provincial library network; after a merge the absorbed one points to its successor."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    province = models.CharField(_("tỉnh/thành phố"), max_length=100, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="absorbed",
        verbose_name=_("đã sáp nhập vào"),
    )
    merged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("mạng lưới")
        verbose_name_plural = _("mạng lưới")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


class LibraryType(models.TextChoices):
    PROVINCIAL = "provincial", _("Thư viện công cộng cấp tỉnh")
    COMMUNE = "commune", _("Thư viện công cộng cấp xã/phường")
    SCHOOL = "school", _("Thư viện trường học")
    UNIVERSITY = "university", _("Thư viện đại học")
    SPECIALISED = "specialised", _("Thư viện chuyên ngành")
    ARMED_FORCES = "armed_forces", _("Thư viện lực lượng vũ trang")
    COMMUNITY = "community", _("Thư viện cộng đồng / tư nhân")


class LibraryVisibility(models.TextChoices):
    """Who may see a library's holdings (issue 19); the rule itself is ``holdings.visibility``."""

    PUBLIC = "public", _("Công khai")
    NETWORK_READERS = "network_readers", _("Bạn đọc đã đăng nhập của mạng lưới")
    NETWORK_STAFF = "network_staff", _("Chỉ cán bộ thư viện trong mạng lưới")
    OWN_STAFF = "own_staff", _("Chỉ cán bộ của thư viện")


def default_visibility(library_type: str) -> str:
    """The visibility a new library starts with: armed-forces libraries start hidden."""
    if library_type == LibraryType.ARMED_FORCES:
        return LibraryVisibility.OWN_STAFF
    return LibraryVisibility.PUBLIC


class ShelfVisibility(models.TextChoices):
    """What a location or an item shows: normal, restricted reading (đọc hạn chế) or nothing."""

    NORMAL = "normal", _("Bình thường")
    RESTRICTED = "restricted", _("Đọc hạn chế")
    HIDDEN = "hidden", _("Không hiển thị")


class Library(models.Model):
    """A library or a branch of one (``parent``). Owns items, readers, loans and statistics."""

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="libraries", verbose_name=_("mạng lưới")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    code = models.SlugField(_("mã thư viện"), max_length=32, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    library_type = models.CharField(
        _("loại thư viện"), max_length=20, choices=LibraryType.choices, db_index=True
    )
    province = models.CharField(_("tỉnh/thành phố"), max_length=100, blank=True)
    commune = models.CharField(_("xã/phường/đặc khu"), max_length=100, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # Who may see its holdings; changed only by ``holdings.services.library_visibility_set``.
    visibility = models.CharField(
        _("phạm vi hiển thị"),
        max_length=20,
        choices=LibraryVisibility.choices,
        default=LibraryVisibility.PUBLIC,
        db_default=LibraryVisibility.PUBLIC,
    )
    # A non-public library's records stay visible to the network's cataloguers (copy cataloguing)
    share_for_copy_cataloguing = models.BooleanField(
        _("cho phép biên mục sao chép"), default=True, db_default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network_id", "code"]
        verbose_name = _("thư viện")
        verbose_name_plural = _("thư viện")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


class LibraryPlacement(models.Model):
    """Where a library belonged (network and parent) over time; kept for past years' statistics."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="placements")
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        Library, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateTimeField()
    valid_to = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["library_id", "valid_from"]


class NetworkMerge(models.Model):
    """Two provincial networks became one (e.g. Thái Bình into Hưng Yên, 2025)."""

    source = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    libraries_moved = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=255, blank=True)


class Location(models.Model):
    """A place inside a library: stacks, reading room, children's room, store."""

    class Kind(models.TextChoices):
        STACKS = "stacks", _("Kho mở / kho sách")
        READING_ROOM = "reading_room", _("Phòng đọc")
        CHILDREN = "children", _("Phòng thiếu nhi")
        STORE = "store", _("Kho lưu trữ")
        LOCAL_HISTORY = "local_history", _("Phòng địa chí")
        MULTIMEDIA = "multimedia", _("Phòng đa phương tiện")
        OTHER = "other", _("Khác")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="locations")
    code = models.SlugField(_("mã"), max_length=32)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.STACKS)
    is_public = models.BooleanField(_("bạn đọc tiếp cận"), default=True)
    visibility = models.CharField(
        _("hiển thị"),
        max_length=20,
        choices=ShelfVisibility.choices,
        default=ShelfVisibility.NORMAL,
        db_default=ShelfVisibility.NORMAL,
    )

    class Meta:
        ordering = ["library_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["library", "code"], name="location_code_unique")
        ]
        verbose_name = _("vị trí")
        verbose_name_plural = _("vị trí")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


class LibraryGroup(models.Model):
    """A set of libraries that cuts across the tree (all school libraries, a former province)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="groups")
    code = models.SlugField(_("mã"), max_length=32)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    libraries = models.ManyToManyField(Library, related_name="groups", blank=True)

    class Meta:
        ordering = ["network_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="group_code_unique")
        ]
        verbose_name = _("nhóm thư viện")
        verbose_name_plural = _("nhóm thư viện")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


class OpeningHours(models.Model):
    """Regular opening hours per weekday (0 = Monday). Several rows a day for split shifts."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("thứ"))
    opens = models.TimeField(_("mở cửa"))
    closes = models.TimeField(_("đóng cửa"))

    class Meta:
        ordering = ["library_id", "weekday", "opens"]


class ClosedDay(models.Model):
    """A day a library (or, with ``library`` empty, the whole network) is closed: Tết, holidays."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="closed_days")
    library = models.ForeignKey(
        Library, null=True, blank=True, on_delete=models.CASCADE, related_name="closed_days"
    )
    date = models.DateField(_("ngày"), db_index=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["library", "date"], name="closed_day_unique"),
            models.UniqueConstraint(
                fields=["network", "date"],
                condition=models.Q(library__isnull=True),
                name="closed_day_network_unique",
            ),
        ]


class SettingValue(models.Model):
    """A stored value of a registered setting, at network level (library empty) or library level."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey(
        Library, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=100)
    value = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["library", "key"], name="setting_library_unique"),
            models.UniqueConstraint(
                fields=["network", "key"],
                condition=models.Q(library__isnull=True),
                name="setting_network_unique",
            ),
        ]


class FeaturedCollection(models.Model):
    """A saved search shown as a card on the portal: a library's (``library`` set) or a whole
    network's. The search is the portal's /search/ parameters: words (``query``) and filters
    (``filters``, e.g. ``mtype=local_history&subj=…``); the owner adds the scope."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="featured_collections"
    )
    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="featured_collections",
    )
    title_vi = models.CharField(_("tên tiếng Việt"), max_length=200)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    description = models.CharField(_("mô tả ngắn"), max_length=300, blank=True)
    # Per-network text a person writes: its English wording is written by a person too (like
    # the names), not generated; empty, the English page shows the Vietnamese one.
    description_en = models.CharField(_("mô tả ngắn tiếng Anh"), max_length=300, blank=True)
    query = models.CharField(_("từ khóa tìm kiếm"), max_length=200, blank=True)
    filters = models.CharField(_("bộ lọc"), max_length=1000, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hiển thị"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network_id", "library_id", "position", "id"]
        indexes = [
            models.Index(fields=["network", "library", "position"], name="featured_owner_pos")
        ]
        verbose_name = _("bộ sưu tập nổi bật")
        verbose_name_plural = _("bộ sưu tập nổi bật")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title_vi

    @property
    def description_text(self) -> str:
        """The description in the page's language (the Vietnamese one when no English)."""
        if get_language() == "en" and self.description_en:
            return self.description_en
        return self.description

    def search_pairs(self, at: Library | None = None) -> list[tuple[str, str]]:
        """The /search/ parameters of the collection, scoped to its library or network, or to
        the library ``at`` (a network-wide collection shown on one library's page)."""
        from urllib.parse import parse_qsl

        pairs = [("q", self.query)] if self.query else []
        pairs += parse_qsl(self.filters)
        if at is not None:
            pairs.append(("library", at.code))
        elif self.library_id:
            pairs.append(("library", self.library.code))
        else:
            pairs.append(("network", self.network.code))
        return pairs

    @property
    def search_query(self) -> str:
        from urllib.parse import urlencode

        return urlencode(self.search_pairs())

    def search_query_at(self, library: Library) -> str:
        from urllib.parse import urlencode

        return urlencode(self.search_pairs(at=library))
