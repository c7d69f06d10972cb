from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("me/", views.me, name="me"),
    path("report/weekly/", views.weekly_report, name="weekly_report"),
    path("report/weekly/docx/", views.report_download, {"kind": "weekly", "fmt": "docx"}, name="weekly_report_docx"),
    path("report/weekly/pdf/", views.report_download, {"kind": "weekly", "fmt": "pdf"}, name="weekly_report_pdf"),
    path("report/monthly/", views.monthly_report, name="monthly_report"),
    path("report/monthly/docx/", views.report_download, {"kind": "monthly", "fmt": "docx"},
         name="monthly_report_docx"),
    path("report/monthly/pdf/", views.report_download, {"kind": "monthly", "fmt": "pdf"}, name="monthly_report_pdf"),
]
