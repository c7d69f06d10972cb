"""Re-index a searchable record when it is saved or deleted (registered in SearchConfig.ready)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from enterprises.models import Person, Position
from projects.models import Phase, Project

from .documents import SPECS
from .services import search_document_delete, search_document_update


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows before their relations; `rebuild_search_index` covers them
        search_document_update(model=type(instance), pk=instance.pk)


def _on_delete(sender, instance, **kwargs):
    search_document_delete(obj=instance)


for spec in SPECS:
    post_save.connect(_on_save, sender=spec.model, dispatch_uid=f"search-save-{spec.model._meta.label}")
    post_delete.connect(_on_delete, sender=spec.model, dispatch_uid=f"search-delete-{spec.model._meta.label}")


@receiver([post_save, post_delete], sender=Position, dispatch_uid="search-position")
def _on_position_change(sender, instance, raw=False, **kwargs):
    # A person's posts are part of their document.
    if not raw and instance.person_id:
        search_document_update(model=Person, pk=instance.person_id)


@receiver([post_save, post_delete], sender=Phase, dispatch_uid="search-phase")
def _on_phase_change(sender, instance, raw=False, **kwargs):
    # A project's phases are part of its document.
    if not raw and instance.project_id:
        search_document_update(model=Project, pk=instance.project_id)
