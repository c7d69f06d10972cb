"""Keep SearchDocument rows in step with the records they describe."""

import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from lib.urls import absolute_url_or_blank

from .documents import SPEC_BY_MODEL, SPECS, DocumentSpec
from .models import SearchDocument
from .tokens import document_tokens

BODY_LIMIT = 20_000  # characters kept for snippets; a whole bulletin is longer than anyone reads in a result


def _vector_expression():
    title = SearchVector("title_tokens", weight="A", config="simple")
    return title + SearchVector("tokens", weight="B", config="simple")


def _document_for(spec: DocumentSpec, obj, content_type: ContentType) -> SearchDocument:
    title = spec.title(obj)[:300]
    body = spec.body(obj)
    title_tokens = document_tokens(title)
    body_tokens = [token for token in document_tokens(body) if token not in set(title_tokens)]
    return SearchDocument(
        content_type=content_type,
        object_id=obj.pk,
        title=title,
        body=body[:BODY_LIMIT],
        url=absolute_url_or_blank(obj),
        title_tokens=" ".join(title_tokens),
        tokens=f" {' '.join(title_tokens + body_tokens)} ",
    )


def _set_vectors(queryset) -> None:
    if connection.vendor == "postgresql":
        queryset.update(vector=_vector_expression())


_deferred = threading.local()


@contextmanager
def search_indexing_deferred():
    """Collect the records saved inside the block and index each once at its end, in bulk.

    A bulletin import saves a project several times and hundreds of records in all; indexing them
    one save at a time would cost more than the import itself.
    """
    if getattr(_deferred, "pending", None) is not None:  # nested: the outer block indexes
        yield
        return
    _deferred.pending = {}
    try:
        yield
        pending, _deferred.pending = _deferred.pending, None
        search_documents_update(pending)
    finally:
        _deferred.pending = None


@transaction.atomic
def search_documents_update(pending: dict[type, set[int]]) -> None:
    """Re-index the given records of each model: a few statements a model, whatever their number."""
    for model, pks in pending.items():
        spec = SPEC_BY_MODEL[model]
        content_type = ContentType.objects.get_for_model(model)
        documents = [_document_for(spec, obj, content_type) for obj in spec.queryset().filter(pk__in=pks)]
        SearchDocument.objects.filter(content_type=content_type, object_id__in=pks).delete()
        SearchDocument.objects.bulk_create(documents)
        _set_vectors(SearchDocument.objects.filter(content_type=content_type, object_id__in=pks))


@transaction.atomic
def search_document_update(*, obj) -> SearchDocument | None:
    """Index one record (or re-index it); records of models that are not searchable are ignored."""
    spec = SPEC_BY_MODEL.get(type(obj))
    if spec is None:
        return None
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        pending.setdefault(type(obj), set()).add(obj.pk)
        return None
    document = _document_for(spec, obj, ContentType.objects.get_for_model(obj))
    fields = ["title", "body", "url", "title_tokens", "tokens"]
    saved, _created = SearchDocument.objects.update_or_create(
        content_type=document.content_type,
        object_id=document.object_id,
        defaults={name: getattr(document, name) for name in fields},
    )
    _set_vectors(SearchDocument.objects.filter(pk=saved.pk))
    return saved


def search_document_delete(*, obj) -> None:
    if type(obj) in SPEC_BY_MODEL:
        SearchDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).delete()


@transaction.atomic
def search_index_rebuild(*, batch_size: int = 500) -> int:
    """Drop and rebuild every document; returns how many were indexed."""
    SearchDocument.objects.all().delete()
    total = 0
    for spec in SPECS:
        content_type = ContentType.objects.get_for_model(spec.model)
        batch = []
        for obj in spec.queryset().iterator(chunk_size=batch_size):
            batch.append(_document_for(spec, obj, content_type))
            if len(batch) >= batch_size:
                SearchDocument.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        SearchDocument.objects.bulk_create(batch)
        total += len(batch)
    _set_vectors(SearchDocument.objects.all())
    return total
