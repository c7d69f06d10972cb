from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("digest/", views.digest_now, name="digest_now"),
    path("log/", views.send_log, name="send_log"),
    path("log/<int:pk>/resend/", views.resend, name="resend"),
    path("chase/problem/<int:pk>/", views.chase_problem, name="chase_problem"),
    path("chase/follow-up/<int:pk>/", views.chase_follow_up, name="chase_follow_up"),
    path("instruct/project/<int:pk>/", views.instruct_project, name="instruct_project"),
    path("instruct/problem/<int:pk>/", views.instruct_problem, name="instruct_problem"),
]
