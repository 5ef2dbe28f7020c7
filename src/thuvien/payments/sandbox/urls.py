"""The sandbox gateway's pages, at the paths VNPay's own test site uses."""

from django.urls import path

from . import views

app_name = "payments_sandbox"
urlpatterns = [
    path("paymentv2/vpcpay.html", views.pay_page, name="pay"),
    path("paymentv2/submit", views.pay_submit, name="submit"),
    path("merchant_webapi/api/transaction", views.merchant_api, name="merchant_api"),
]
