"""Staff pages of online payment and remote copying (/staff/payments/)."""

from django.urls import path

from . import views

app_name = "staff_payments"
urlpatterns = [
    path("", views.payment_list, name="list"),
    path("<int:pk>/refund/", views.refund, name="refund"),
    path("receipts/<str:number>/", views.receipt_view, name="receipt"),
    path("copies/", views.copy_queue_view, name="copies"),
    path("copies/<int:pk>/decide/", views.copy_decide, name="copy_decide"),
    path("objects/<int:pk>/fees/", views.object_fees, name="object_fees"),
]
