from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .roles import any_login_required

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Every logged-in user changes their own password, even one with no role yet.
    path("password/", any_login_required(views.PasswordChangeView.as_view()), name="password_change"),
    path("password/done/", any_login_required(views.PasswordChangeDoneView.as_view()), name="password_change_done"),
]
