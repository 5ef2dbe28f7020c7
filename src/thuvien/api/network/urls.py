"""API v1: network resources."""

urlpatterns: list = []
