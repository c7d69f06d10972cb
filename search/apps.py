from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Receivers, not service calls: projects, people and bulletins are written by many services,
        # the admin and the bulletin import; a receiver keeps the index current whoever saves.
        from . import receivers  # noqa: F401
