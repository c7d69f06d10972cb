from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("me/", views.me, name="me"),
    path("report/weekly/", views.weekly_report, name="weekly_report"),
]
