"""Staff pages: circulation."""

from django.urls import path

from .views import desk, holds, ledger, lost, manage, notices, patrons

app_name = "circulation"
urlpatterns = [
    path("", desk.home, name="home"),
    path("checkout/", desk.checkout, name="checkout"),
    path("checkin/", desk.checkin, name="checkin"),
    path("renew/", desk.renew, name="renew"),
    path("slips/hold/<int:pk>/", desk.slip_hold, name="slip-hold"),
    path("slips/transit/<int:pk>/", desk.slip_transit, name="slip-transit"),
    path("patrons/", patrons.patron_list, name="patron-list"),
    path("patrons/new/", patrons.patron_create, name="patron-create"),
    path("patrons/<int:pk>/", patrons.patron_detail, name="patron-detail"),
    path("patrons/<int:pk>/edit/", patrons.patron_edit, name="patron-edit"),
    path("patrons/<int:pk>/card.pdf", patrons.patron_card, name="patron-card"),
    path("patrons/<int:pk>/export.json", patrons.patron_export, name="patron-export"),
    path("patrons/<int:pk>/fees/<slug:action>/", patrons.patron_fee_action, name="patron-fee"),
    path("patrons/<int:pk>/hold/", holds.patron_hold, name="patron-hold"),
    path("holds/<int:pk>/cancel/", holds.hold_cancel_view, name="hold-cancel"),
    path("loans/<int:pk>/<slug:kind>/", lost.loan_lost, name="loan-lost"),
    path("fees/<int:pk>/undo-lost/", lost.lost_undo, name="lost-undo"),
    path("notices/", notices.notice_templates, name="notice-templates"),
    path("ledger/", ledger.ledger, name="ledger"),
    path("patrons/<int:pk>/<slug:action>/", patrons.patron_action, name="patron-action"),
    path("receipts/<int:pk>/", patrons.receipt, name="receipt"),
    path("rules/", manage.rules, name="rules"),
    path("rules/<int:pk>/delete/", manage.rule_delete, name="rule-delete"),
    path("reports/", manage.reports, name="reports"),
    path("reports/<slug:name>/", manage.reports, name="report"),
    path("postal/", manage.postal_list, name="postal-list"),
    path("reading/", manage.reading_permissions, name="reading"),
    path("postal/<int:pk>/<slug:action>/", manage.postal_action, name="postal-action"),
    path("deletion-requests/", manage.deletion_requests, name="deletion-requests"),
]
