"""Staff pages of the authorities: the network's figures (oversight officers, network admins)."""

from django.urls import path

from . import (
    evaluation_views,
    figure_views,
    register_views,
    schedule_views,
    stocktake_views,
    target_views,
    training_views,
    unit_views,
    views,
    weeding_views,
)

app_name = "oversight"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("report/", views.network_report, name="network-report"),
    path("report/library/", views.library_report, name="library-report"),
    path("evaluations/", evaluation_views.network_list, name="evaluations"),
    path("evaluations/<int:pk>/", evaluation_views.network_evaluation, name="evaluation"),
    path("evaluations/library/", evaluation_views.library_list, name="library-evaluations"),
    path(
        "evaluations/library/<int:pk>/",
        evaluation_views.library_evaluation,
        name="library-evaluation",
    ),
    path("registers/", register_views.registers, name="registers"),
    path("figures/", figure_views.year_figures, name="year-figures"),
    path("targets/", target_views.targets, name="targets"),
    path("targets/add/", target_views.targets_add, name="targets-add"),
    path("targets/<int:pk>/", target_views.target_edit, name="target-edit"),
    path("stocktakes/", stocktake_views.stocktakes, name="stocktakes"),
    path("stocktakes/start/", stocktake_views.start, name="stocktake-start"),
    path("stocktakes/<int:pk>/", stocktake_views.stocktake, name="stocktake"),
    path("stocktakes/<int:pk>/scan/", stocktake_views.scan, name="stocktake-scan"),
    path("stocktakes/<int:pk>/close/", stocktake_views.close, name="stocktake-close"),
    path("training/", training_views.training, name="training"),
    path("training/person/", training_views.person_save, name="training-person"),
    path("training/course/", training_views.course_add, name="training-course"),
    path("training/attendance/", training_views.attendance_add, name="training-attendance"),
    path("training/credential/", training_views.credential_new, name="training-credential"),
    path(
        "training/credential/<int:pk>/scan/",
        training_views.credential_scan,
        name="training-scan",
    ),
    path("training/network/", training_views.network, name="training-network"),
    path("units/", unit_views.units, name="units"),
    path("reports/", schedule_views.reports, name="reports"),
    path("reports/schedule/", schedule_views.schedule, name="reports-schedule"),
    path("reports/schedules/<int:pk>/stop/", schedule_views.stop, name="reports-stop"),
    path("reports/schedules/<int:pk>/", schedule_views.edit, name="reports-edit"),
    path("reports/make/", schedule_views.make, name="reports-make"),
    path("reports/<int:pk>/file/", schedule_views.kept_file, name="reports-file"),
    path("weeding/", weeding_views.weedings, name="weedings"),
    path("weeding/create/", weeding_views.create, name="weeding-create"),
    path("weeding/<int:pk>/", weeding_views.weeding, name="weeding"),
    path("weeding/<int:pk>/remove/", weeding_views.remove, name="weeding-remove"),
    path("weeding/<int:pk>/approve/", weeding_views.approve, name="weeding-approve"),
]
