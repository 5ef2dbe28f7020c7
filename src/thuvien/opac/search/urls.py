"""Public portal: search, record pages, new acquisitions."""

from django.urls import path

from . import views

app_name = "opac_search"
urlpatterns = [
    path("", views.search, name="search"),
    path("record/<int:pk>/", views.record, name="record"),
    path("new/", views.new_items, name="new_items"),
    path("new/feed/", views.new_items_feed, name="new_items_feed"),
    path("ask/", views.ask_view, name="ask"),
]
