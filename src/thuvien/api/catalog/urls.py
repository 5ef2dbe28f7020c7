"""API v1: catalog resources."""

from django.urls import path

from . import views

urlpatterns = [
    path("records/", views.RecordListView.as_view(), name="api-records"),
    path("records/<int:pk>/", views.RecordDetailView.as_view(), name="api-record"),
    path("records/<int:pk>/items/", views.RecordItemsView.as_view(), name="api-record-items"),
]
