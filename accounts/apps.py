from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True  # this module also holds AxesConfig
    name = "accounts"
    verbose_name = _("Accounts and roles")


class AxesConfig(AxesAppConfig):
    """django-axes with a Chinese name in the admin (its own config has none to translate)."""

    verbose_name = _("Login attempts")
