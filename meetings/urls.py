from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/confirm/", views.meeting_confirm_view, name="confirm"),
    path("<int:pk>/attachments/new/", views.meeting_attachment_upload, name="attachment_upload"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("people.json", views.people_search, name="people_search"),
    path("organizations.json", views.organizations_search, name="organizations_search"),
]
