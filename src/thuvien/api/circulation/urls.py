"""API v1: circulation resources."""

from django.urls import path

from . import views

urlpatterns = [
    path("circulation/checkout/", views.CheckoutView.as_view(), name="api-circulation-checkout"),
    path("circulation/checkin/", views.CheckinView.as_view(), name="api-circulation-checkin"),
    path("circulation/renew/", views.RenewView.as_view(), name="api-circulation-renew"),
    path("circulation/my/loans/", views.MyLoansView.as_view(), name="api-circulation-my-loans"),
    path("circulation/my/holds/", views.MyHoldsView.as_view(), name="api-circulation-my-holds"),
    path("circulation/my/fees/", views.MyFeesView.as_view(), name="api-circulation-my-fees"),
]
