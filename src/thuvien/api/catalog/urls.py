"""API v1: catalog resources."""

urlpatterns: list = []
