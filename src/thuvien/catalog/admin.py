"""Admin views of the catalogue: read-mostly (writes go through the services and the editor)."""

from django.contrib import admin

from .models import Authority, Record, RecordAuthority, RecordIdentifier


class RecordIdentifierInline(admin.TabularInline):
    model = RecordIdentifier
    extra = 0
    fields = ("kind", "value")
    readonly_fields = ("kind", "value")
    can_delete = False


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "year", "material_type", "language", "network", "is_deleted")
    list_filter = ("material_type", "language", "is_deleted", "network")
    search_fields = ("title", "control_number", "match_key")
    readonly_fields = [f.name for f in Record._meta.fields]
    inlines = [RecordIdentifierInline]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:  # records are created through MARC
        return False


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("heading", "kind", "dates", "network")
    list_filter = ("kind", "network")
    search_fields = ("heading", "heading_folded")
    readonly_fields = ("heading_folded",)


@admin.register(RecordAuthority)
class RecordAuthorityAdmin(admin.ModelAdmin):
    list_display = ("record", "authority", "tag")
    raw_id_fields = ("record", "authority")
