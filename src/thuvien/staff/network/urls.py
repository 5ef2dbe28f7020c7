"""Staff pages: network."""

app_name = "network"
urlpatterns: list = []
