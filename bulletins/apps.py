from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "bulletins"
    verbose_name = _("News bulletins")

    def ready(self):
        # Receivers, like the search index's: people, organizations and projects are saved by the admin,
        # the API, the pages and the import; the name directory must follow whoever saves.
        from . import receivers  # noqa: F401
