from django.urls import path

from . import views

app_name = "opac_sitemaps"
urlpatterns = [
    path("sitemap.xml", views.index, name="index"),
    path("sitemap-<slug:section>.xml", views.section, name="section"),
    path("robots.txt", views.robots, name="robots"),
]
