"""Keep the name directory (RecordName) in step with people, organizations and projects."""

from django.db.models.signals import post_delete, post_save

from enterprises.models import Organization, Person
from projects.models import Project

from .services import record_names_delete, record_names_refresh


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures: `rebuild_record_names` covers them
        record_names_refresh(obj=instance)


def _on_delete(sender, instance, **kwargs):
    record_names_delete(obj=instance)


for model in (Person, Organization, Project):
    post_save.connect(_on_save, sender=model, dispatch_uid=f"record-names-save-{model._meta.label}")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"record-names-delete-{model._meta.label}")
