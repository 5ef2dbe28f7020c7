"""Admin view of items (network administrators; scoping is off in the admin)."""

from django.contrib import admin

from .models import Item


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("barcode", "library", "call_number", "item_type", "status")
    list_filter = ("status", "item_type", "library")
    search_fields = ("barcode", "call_number")
    raw_id_fields = ("record", "location")
    readonly_fields = ("status", "status_changed_at", "created_at", "updated_at")
    show_full_result_count = False

    def get_queryset(self, request):
        from thuvien.core.scoping import scopes_disabled

        with scopes_disabled():
            return Item.objects.all().select_related("library")
