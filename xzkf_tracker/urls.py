from django.contrib import admin
from django.urls import include, path

from lib.health import favicon, healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("projects/", include("projects.urls")),
    path("organizations/", include("enterprises.urls")),
    path("meetings/", include("meetings.urls")),
    path("bulletins/", include("bulletins.urls")),
    path("api/v1/", include("api.urls")),
    path("search/", include("search.urls")),
    path("alerts/", include("alerts.urls")),
    path("notify/", include("notify.urls")),
    path("", include("dashboard.urls")),
]

handler400 = "lib.errors.bad_request"
handler403 = "lib.errors.permission_denied"
handler404 = "lib.errors.page_not_found"
handler500 = "lib.errors.server_error"
