"""API v1: circulation resources."""

urlpatterns: list = []
