from django.urls import path

from . import plan_views, problem_views, progress_views, project_views

app_name = "projects"

# Read pages for officials (issue 4): the list with its export, a project's page.
urlpatterns = [
    path("", project_views.project_list, name="list"),
    path("<int:pk>/", project_views.project_detail, name="detail"),
    path("search.json", project_views.project_search, name="search"),
    path("officials.json", project_views.officials_search, name="officials_search"),
]

# Staff work (issue 5): the problem list, progress, investment, uploads, history.
urlpatterns += [
    path("problems/", problem_views.problem_list, name="problem_list"),
    path("problems/new/", problem_views.problem_create_view, name="problem_create"),
    path("problems/<int:pk>/", problem_views.problem_detail, name="problem_detail"),
    path("problems/<int:pk>/reply/", problem_views.problem_reply_view, name="problem_reply"),
    path("problems/<int:pk>/solve/", problem_views.problem_solve_view, name="problem_solve"),
    path("problems/<int:pk>/reopen/", problem_views.problem_reopen_view, name="problem_reopen"),
    path("problems/<int:pk>/sign-off/", problem_views.problem_sign_off_view, name="problem_sign_off"),
    path("problems/<int:pk>/escalate/", problem_views.problem_escalate_view, name="problem_escalate"),
    path("problems/<int:pk>/attach/", problem_views.problem_attach_view, name="problem_attach"),
    path("milestones/<int:pk>/reached/", progress_views.milestone_reached, name="milestone_reached"),
    path("milestones/<int:pk>/reschedule/", progress_views.milestone_reschedule_view, name="milestone_reschedule"),
    path("<int:pk>/progress/new/", progress_views.progress_report_create_view, name="progress_create"),
    path("<int:pk>/investment/", progress_views.investment, name="investment"),
    path("<int:pk>/attachments/new/", progress_views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", progress_views.attachment_download, name="attachment_download"),
    path("<int:pk>/history/", progress_views.project_history, name="history"),
    path("attachments/<int:pk>/thumbnail/", progress_views.attachment_thumbnail, name="attachment_thumbnail"),
]

# The plan on the project's pages (issue 13): milestones added, edited, reordered, removed, from a template.
urlpatterns += [
    path("<int:pk>/plan/", plan_views.plan, name="plan"),
    path("<int:pk>/plan/template/", plan_views.plan_apply_template_view, name="plan_apply_template"),
    path("milestones/<int:pk>/edit/", plan_views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", plan_views.milestone_delete_view, name="milestone_delete"),
    path("milestones/<int:pk>/move/", plan_views.milestone_move_view, name="milestone_move"),
    path("problems/<int:pk>/reassign/", problem_views.problem_reassign_view, name="problem_reassign"),
]
