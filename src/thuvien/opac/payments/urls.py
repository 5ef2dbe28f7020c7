"""The reader's side of online payment and remote copying (/payments/)."""

from django.urls import path

from . import views

app_name = "opac_payments"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("digital/<int:pk>/pay/", views.digital_pay, name="digital_pay"),
    path("vnpay/return/", views.gateway_return, name="return"),
    path("vnpay/ipn/", views.gateway_ipn, name="ipn"),
    path("orders/<str:ref>/", views.order_view, name="order"),
    path("receipts/<str:number>/", views.receipt_view, name="receipt"),
    path("receipts/<str:number>/pdf", views.receipt_pdf_view, name="receipt_pdf"),
    path("copies/new/<int:pk>/", views.copy_new, name="copy_new"),
    path("copies/<int:pk>/pay/", views.copy_pay, name="copy_pay"),
    path("copies/<int:pk>/pdf", views.copy_pdf, name="copy_pdf"),
]
