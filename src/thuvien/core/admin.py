from django.contrib import admin

from .models import AuditEntry, Job


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "actor", "library", "object_repr")
    list_filter = ("action",)
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):  # the log is written by services only
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "title", "status", "progress_done", "progress_total")
    list_filter = ("status", "kind")
    # A job's report is written by the job; the admin does not take files (they would enter
    # unscreened: tests/test_uploads_screened.py).
    readonly_fields = ("report",)
