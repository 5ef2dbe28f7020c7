"""API v1: search resources."""

urlpatterns: list = []
