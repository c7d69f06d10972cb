from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("projects/", include("projects.urls")),
    path("organizations/", include("enterprises.urls")),
    path("meetings/", include("meetings.urls")),
    path("bulletins/", include("bulletins.urls")),
    path("", include("dashboard.urls")),
]
