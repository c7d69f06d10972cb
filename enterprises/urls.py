from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("<int:pk>/", views.organization_detail, name="organization_detail"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
]
