"""Admin for network administrators: loan rules and the notice templates libraries edit."""

from django.contrib import admin

from .models import LoanRule, NoticeTemplate


@admin.register(LoanRule)
class LoanRuleAdmin(admin.ModelAdmin):
    list_display = ("network", "library", "patron_category", "item_type", "loan_days", "max_loans")
    list_filter = ("network",)


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(admin.ModelAdmin):
    list_display = ("network", "library", "kind", "channel", "language", "subject")
    list_filter = ("network", "kind", "channel", "language")
