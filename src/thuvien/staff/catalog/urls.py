"""Staff pages: catalog."""

app_name = "catalog"
urlpatterns: list = []
