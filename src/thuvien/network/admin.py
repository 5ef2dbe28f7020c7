from django.contrib import admin

from .models import (
    ClosedDay,
    Library,
    LibraryGroup,
    LibraryPlacement,
    Location,
    Network,
    NetworkMerge,
    OpeningHours,
    SettingValue,
)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "province", "is_active", "merged_into")


class LocationInline(admin.TabularInline):
    model = Location
    extra = 0


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Library)
class LibraryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "library_type", "network", "parent", "is_active")
    list_filter = ("library_type", "network")
    search_fields = ("code", "name_vi", "name_en")
    inlines = [LocationInline, OpeningHoursInline]

    def get_readonly_fields(self, request, obj=None):
        # The place in the tree changes only through library_move, which keeps the history.
        return ("network", "parent") if obj is not None else ()


@admin.register(LibraryGroup)
class LibraryGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "network")
    filter_horizontal = ("libraries",)


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ("date", "reason", "network", "library")


class ReadOnlyAdmin(admin.ModelAdmin):
    """History written by the services only; the admin shows it and changes nothing."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LibraryPlacement)
class LibraryPlacementAdmin(ReadOnlyAdmin):
    list_display = ("library", "network", "parent", "valid_from", "valid_to", "reason")
    list_filter = ("network",)
    search_fields = ("library__code", "library__name_vi")


@admin.register(NetworkMerge)
class NetworkMergeAdmin(ReadOnlyAdmin):
    list_display = ("source", "target", "merged_at", "libraries_moved", "note")


@admin.register(SettingValue)
class SettingValueAdmin(ReadOnlyAdmin):
    list_display = ("key", "value", "network", "library", "updated_at")
    list_filter = ("network", "key")
