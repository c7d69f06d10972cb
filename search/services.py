"""Keep SearchDocument rows in step with the records they describe."""

import functools
import multiprocessing
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse

from bulletins.pipeline.segmenter import get_tokenizer

from .documents import SPEC_BY_MODEL, SPECS, DocumentSpec, Row
from .models import SearchDocument
from .tokens import document_tokenizer

BODY_LIMIT = 20_000  # characters kept for snippets; a whole bulletin is longer than anyone reads in a result
REBUILD_BATCH = 2000  # records read, cut and swapped in together
# Lines whose jieba cut a rebuild remembers: builder names, places, industries and problem wordings
# repeat within a model, and across them (a project's builder is an organization's title, a problem
# names its project). About 100 MB at the limit, with the tokens interned.
REBUILD_LINE_CACHE = 250_000
_ID_PLACEHOLDER = 987654321


# On PostgreSQL a batch goes in as one INSERT that also computes each row's tsvector (title tokens
# weighted A, the rest B): one write per row instead of an insert then an update, and no per-row SQL
# built in Python. Elsewhere there is no tsvector and bulk_create suffices. Either way a document
# saved meanwhile by another process (two saves of one record) is overwritten, not a unique violation.
_INSERT_WITH_VECTORS = """
    INSERT INTO search_searchdocument
        (content_type_id, object_id, title, body, url, title_tokens, tokens, vector, updated_at)
    SELECT %s, d.object_id, d.title, d.body, d.url, d.title_tokens, d.tokens,
        setweight(to_tsvector('simple', d.title_tokens), 'A') || setweight(to_tsvector('simple', d.tokens), 'B'),
        now()
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[])
        AS d(object_id, title, body, url, title_tokens, tokens)
    ON CONFLICT (content_type_id, object_id) DO UPDATE SET
        title = EXCLUDED.title, body = EXCLUDED.body, url = EXCLUDED.url, title_tokens = EXCLUDED.title_tokens,
        tokens = EXCLUDED.tokens, vector = EXCLUDED.vector, updated_at = EXCLUDED.updated_at
"""
_UPDATED = ["title", "body", "url", "title_tokens", "tokens", "updated_at"]


class Document(NamedTuple):
    """A SearchDocument's columns as written by saves and the rebuild alike; cheaper to make than model instances."""

    object_id: int
    title: str
    body: str
    url: str
    title_tokens: str
    tokens: str


def _insert(content_type: ContentType, documents: list[Document]) -> None:
    if not documents:
        return
    if connection.vendor != "postgresql":
        SearchDocument.objects.bulk_create(
            [SearchDocument(content_type=content_type, **document._asdict()) for document in documents],
            update_conflicts=True, unique_fields=["content_type", "object_id"], update_fields=_UPDATED,
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_WITH_VECTORS, [content_type.pk, *map(list, zip(*documents, strict=True))])


def _url_format(spec: DocumentSpec) -> str:
    """The record's page address with "{}" for its id, or "" while that page does not exist."""
    try:
        return reverse(spec.url_name, args=[_ID_PLACEHOLDER]).replace(str(_ID_PLACEHOLDER), "{}")
    except NoReverseMatch:
        return ""


def _read(spec: DocumentSpec, records) -> list[Row]:
    rows = list(records.values("pk", *spec.fields))
    if spec.related:
        related = spec.related([row["pk"] for row in rows])
        for row in rows:
            row["related"] = related.get(row["pk"], [])
    return rows


def _documents(spec: DocumentSpec, rows: list[Row], *, tokens) -> list[Document]:
    """The one place a record's document is written, for a save and for the rebuild alike."""
    url = _url_format(spec)
    documents = []
    for row in rows:
        title = spec.title(row)[:300]
        body = spec.body(row)
        title_tokens = tokens(title)
        in_title = set(title_tokens)
        body_tokens = [token for token in tokens(body) if token not in in_title]
        documents.append(Document(
            object_id=row["pk"],
            title=title,
            body=body[:BODY_LIMIT],
            url=url.format(row["pk"]),
            title_tokens=" ".join(title_tokens),
            tokens=f" {' '.join(title_tokens + body_tokens)} ",
        ))
    return documents


@transaction.atomic
def _replace(model, object_ids, documents: list[Document]) -> None:
    """Swap in the documents of these records in one short transaction; readers see the old ones until it commits."""
    content_type = ContentType.objects.get_for_model(model)
    SearchDocument.objects.filter(content_type=content_type, object_id__in=object_ids).delete()
    _insert(content_type, documents)


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


def search_documents_update(pending: dict[type, set[int]]) -> None:
    """Re-index the given records of each model (deleted ones lose their document): a few statements a model."""
    tokens = document_tokenizer(cache_size=REBUILD_LINE_CACHE)
    for model, pks in pending.items():
        spec = SPEC_BY_MODEL[model]
        rows = _read(spec, model._default_manager.filter(pk__in=pks))
        _replace(model, pks, _documents(spec, rows, tokens=tokens))


def search_document_update(*, model, pk) -> None:
    """Index one record (or re-index it); records of models that are not searchable are ignored."""
    if model not in SPEC_BY_MODEL:
        return
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        pending.setdefault(model, set()).add(pk)
        return
    search_documents_update({model: {pk}})


def search_document_delete(*, obj) -> None:
    if type(obj) in SPEC_BY_MODEL:
        SearchDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).delete()


# The rebuild's tokenizer, in the process that cuts the documents: this one, or each worker.
_rebuild_tokens = None


def _start_cutting() -> None:
    global _rebuild_tokens
    _rebuild_tokens = document_tokenizer(cache_size=REBUILD_LINE_CACHE)


def _cut(spec_index: int, rows: list[Row]) -> list[Document]:
    return _documents(SPECS[spec_index], rows, tokens=_rebuild_tokens)


@contextmanager
def _cutting(workers: int):
    """submit(spec_index, rows) -> a Future of the documents, cut by `workers` processes (1: by this one).

    jieba is pure Python and most of a rebuild's time; worker processes cut batches while this one
    reads and writes. They are forked after jieba's dictionary is loaded, share it, and never touch
    the database.
    """
    get_tokenizer()
    if workers <= 1:
        _start_cutting()

        def submit(*args):
            done = Future()
            done.set_result(_cut(*args))
            return done

        yield submit
        return
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=fork, initializer=_start_cutting) as pool:
        yield functools.partial(pool.submit, _cut)


def search_index_rebuild(*, batch_size: int = REBUILD_BATCH, workers: int = 1, progress=None) -> int:
    """Re-index every record, a batch of records at a time; returns how many documents were written.

    Each batch replaces its records' documents in its own short transaction, so searches keep finding
    the old documents meanwhile, and a rebuild stopped half-way leaves every document either old or
    new: the index stays usable and the next run completes it. `progress(model, count, seconds)` is
    called as each model is done.
    """
    total = 0
    with _cutting(workers) as submit:
        for spec_index, spec in enumerate(SPECS):
            started = time.perf_counter()
            records = spec.model._default_manager.order_by("pk")
            count, after, cutting = 0, 0, deque()
            while rows := _read(spec, records.filter(pk__gt=after)[:batch_size]):
                ids = [row["pk"] for row in rows]
                cutting.append((ids, submit(spec_index, rows)))
                count, after = count + len(rows), ids[-1]
                if len(cutting) > workers:  # a batch ahead per worker; written in order
                    _replace(spec.model, *_finished(cutting.popleft()))
            while cutting:
                _replace(spec.model, *_finished(cutting.popleft()))
            # Documents of records deleted since the last index, all at once.
            gone = ~Exists(spec.model._default_manager.filter(pk=OuterRef("object_id")))
            SearchDocument.objects.filter(Q(content_type=ContentType.objects.get_for_model(spec.model)) & gone).delete()
            total += count
            if progress:
                progress(spec.model, count, time.perf_counter() - started)
    return total


def _finished(batch):
    ids, documents = batch
    return ids, documents.result()
