from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet)
router.register("people", views.PersonViewSet)
router.register("positions", views.PositionViewSet)
router.register("projects", views.ProjectViewSet)
router.register("phases", views.PhaseViewSet)
router.register("capacities", views.CapacityViewSet)
router.register("milestones", views.MilestoneViewSet)
router.register("progress-reports", views.ProgressReportViewSet)
router.register("annual-plans", views.AnnualPlanViewSet)
router.register("investment-reports", views.InvestmentReportViewSet)
router.register("assignments", views.AssignmentViewSet)
router.register("problems", views.ProblemViewSet)
router.register("meetings", views.MeetingViewSet)
router.register("attendances", views.AttendanceViewSet)
router.register("requirements", views.RequirementViewSet)
router.register("follow-ups", views.FollowUpViewSet)
router.register("alerts", views.AlertViewSet)
router.register("bulletins", views.BulletinViewSet)
router.register("evidence", views.EvidenceViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file of its own, and our template drops the inline style:
    # a Content-Security-Policy can forbid inline code.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("oc4ids/", views.OC4IDSView.as_view(), name="oc4ids"),
    *router.urls,
]
