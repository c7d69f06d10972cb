"""Re-index a searchable record when it is saved or deleted (registered in SearchConfig.ready)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from enterprises.models import Position

from .documents import SPECS
from .services import search_document_delete, search_document_update


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows before their relations; `rebuild_search_index` covers them
        search_document_update(obj=instance)


def _on_delete(sender, instance, **kwargs):
    search_document_delete(obj=instance)


for spec in SPECS:
    post_save.connect(_on_save, sender=spec.model, dispatch_uid=f"search-save-{spec.model._meta.label}")
    post_delete.connect(_on_delete, sender=spec.model, dispatch_uid=f"search-delete-{spec.model._meta.label}")


@receiver([post_save, post_delete], sender=Position, dispatch_uid="search-position")
def _on_position_change(sender, instance, raw=False, **kwargs):
    # A person's posts are part of their document.
    if not raw and instance.person_id:
        person = type(instance.person).objects.filter(pk=instance.person_id).first()
        if person is not None:
            search_document_update(obj=person)
