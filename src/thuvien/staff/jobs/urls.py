"""Staff pages: background jobs."""

from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list_view, name="list"),
    path("<int:pk>/", views.job_detail_view, name="detail"),
    path("<int:pk>/report/", views.job_report_view, name="report"),
]
