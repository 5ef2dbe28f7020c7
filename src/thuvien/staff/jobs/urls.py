"""Staff pages: jobs."""

app_name = "jobs"
urlpatterns: list = []
