from django.contrib import admin

from .models import ClosedDay, Library, LibraryGroup, Location, Network, OpeningHours


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


@admin.register(LibraryGroup)
class LibraryGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "network")
    filter_horizontal = ("libraries",)


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ("date", "reason", "network", "library")
