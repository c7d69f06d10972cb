"""Keep the name directory (RecordName) in step with people, organizations and projects."""

from django.db.models.signals import post_delete, post_save

from enterprises.models import Organization, Person
from projects.models import Project

from .services import record_names_delete, record_names_refresh

NAME_FIELDS = {"name", "short_name", "aliases"}


def _on_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:  # fixtures: `rebuild_record_names` covers them
        return
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return  # a save of other fields (the builder, the investment) leaves the names as they were
    record_names_refresh(obj=instance, created=created)


def _on_delete(sender, instance, **kwargs):
    record_names_delete(obj=instance)


for model in (Person, Organization, Project):
    post_save.connect(_on_save, sender=model, dispatch_uid=f"record-names-save-{model._meta.label}")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"record-names-delete-{model._meta.label}")
