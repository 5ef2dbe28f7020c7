"""Admin: reader categories only (readers themselves are managed in the staff pages, where
scoping and the data-protection rules apply)."""

from django.contrib import admin

from .models import PatronCategory


@admin.register(PatronCategory)
class PatronCategoryAdmin(admin.ModelAdmin):
    list_display = ("network", "code", "name_vi", "needs_guardian", "card_validity_months")
    list_filter = ("network",)
