"""Reads for the import: which known names a text holds, which records a bulletin's names are, what is similar.

Every lookup goes through the name directory (RecordName) with batched, indexed queries on normalised
keys, so its cost follows the bulletin's length, not the number of people, organizations and projects.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest, Length

from enterprises.models import Organization, Person
from projects.models import Project

from .models import Bulletin, ImportJob, RecordName
from .names import core_prefixes, record_core, record_key, text_heads, text_key
from .pipeline import KnownNames

RECORD_MODELS = {RecordName.Kind.PERSON: Person, RecordName.Kind.ORGANIZATION: Organization,
                 RecordName.Kind.PROJECT: Project}
KIND_BY_MODEL = {model: kind for kind, model in RECORD_MODELS.items()}
# Below SQLite's 999 bound parameters.
BATCH = 900
SIMILAR_LIMIT = 5


def _batches(values: Iterable[str]) -> Iterator[list[str]]:
    values = sorted(set(values))
    for start in range(0, len(values), BATCH):
        yield values[start:start + BATCH]


def record_names_in_text(text: str) -> list[RecordName]:
    """The directory rows whose name occurs in the text: found by their head, then checked whole."""
    key = text_key(text)
    heads = sorted(text_heads(key))
    fields = ("kind", "object_id", "name", "key", "is_alias")
    if connection.vendor == "postgresql":
        # One array parameter instead of thousands of IN parameters: one round trip, still the head index.
        rows = RecordName.objects.raw(
            f"SELECT id, {', '.join(fields)} FROM bulletins_recordname WHERE head = ANY(%s)", [heads])
        return [row for row in rows if row.key in key]
    found = []
    for batch in _batches(heads):
        found += [row for row in RecordName.objects.filter(head__in=batch).only(*fields) if row.key in key]
    return found


def known_names_for_text(text: str) -> KnownNames:
    """What the database knows of the names in this text, for the parser (replaces loading every name)."""
    rows = record_names_in_text(text)
    ids: dict[str, set[int]] = {kind: set() for kind in RECORD_MODELS}
    for row in rows:
        ids[row.kind].add(row.object_id)
    names = {kind: dict(RECORD_MODELS[kind].objects.filter(pk__in=pks).values_list("pk", "name"))
             for kind, pks in ids.items() if pks}
    known = KnownNames()
    for row in rows:
        canonical = names.get(row.kind, {}).get(row.object_id)
        if canonical is None:
            continue
        if row.kind == RecordName.Kind.PERSON:
            known.people.append(canonical)
            continue
        (known.organizations if row.kind == RecordName.Kind.ORGANIZATION else known.projects).append(canonical)
        if row.is_alias:
            known.aliases[row.name] = canonical
    known.people = sorted(set(known.people))
    known.organizations = sorted(set(known.organizations))
    known.projects = sorted(set(known.projects))
    return known


def records_by_key(kind: str, names: Iterable[str]) -> dict[str, object]:
    """Existing records of one kind by the key of each name given; a record's own name wins over an alias."""
    keys = {record_key(kind, name) for name in names if name}
    best: dict[str, tuple[bool, int]] = {}
    for batch in _batches(k for k in keys if k):
        for key, object_id, is_alias in RecordName.objects.filter(kind=kind, key__in=batch).values_list(
                "key", "object_id", "is_alias"):
            if key not in best or (is_alias, object_id) < best[key]:
                best[key] = (is_alias, object_id)
    records = RECORD_MODELS[kind].objects.in_bulk({object_id for _alias, object_id in best.values()})
    return {key: records[object_id] for key, (_alias, object_id) in best.items() if object_id in records}


@dataclass
class Candidate:
    """An existing record a proposed name may be: `same_core` when only a place or a legal form differs."""

    pk: int
    name: str
    score: float
    same_core: bool
    url: str = ""


def similar_records(kind: str, name: str) -> list[Candidate]:
    """Existing records whose names resemble `name`, best first.

    Indexed everywhere: the same core, a core that begins the name's (a brand), a core the name's begins.
    On PostgreSQL, pg_trgm's similarity and word similarity (the name inside a longer one) add fuzzier ones.
    """
    key = record_key(kind, name)
    core = record_core(kind, key)
    if len(core) < 2:
        return []
    condition = Q(core__in=core_prefixes(core))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
        from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

        # Registered on this field alone: django.contrib.postgres is not an installed app (SQLite runs too).
        key_field = RecordName._meta.get_field("key")
        key_field.register_lookup(TrigramSimilar)
        key_field.register_lookup(TrigramWordSimilar)
        condition |= Q(core__startswith=core) | Q(key__trigram_similar=key) | Q(key__trigram_word_similar=key)
        order = Greatest(TrigramSimilarity("key", key), TrigramWordSimilarity(key, "key")).desc()
    else:
        # A range on the index: every core that begins with this one (startswith would scan on SQLite).
        condition |= Q(core__gte=core, core__lt=core + "\U0010ffff")
        order = Length("core").asc()
    rows = list(RecordName.objects.filter(condition, kind=kind).exclude(key=key)
                .order_by(order, "object_id").values_list("object_id", "key", "core")[:SIMILAR_LIMIT * 4])
    records = RECORD_MODELS[kind].objects.in_bulk({object_id for object_id, _key, _core in rows})
    candidates: dict[int, Candidate] = {}
    for object_id, other_key, other_core in rows:
        record = records.get(object_id)
        if record is None:
            continue
        same_core = other_core == core
        score = 1.0 if same_core else difflib.SequenceMatcher(None, key, other_key).ratio()
        if object_id not in candidates or score > candidates[object_id].score:
            candidates[object_id] = Candidate(object_id, record.name, round(score, 2), same_core,
                                              record.get_absolute_url())
    return sorted(candidates.values(), key=lambda c: (-c.score, c.name))[:SIMILAR_LIMIT]


def bulletin_already_imported(checksum: str) -> Bulletin | None:
    return Bulletin.objects.filter(checksum=checksum).first()


def import_job_pending(checksum: str) -> ImportJob | None:
    """A staged import of the same text still waiting for review."""
    return (ImportJob.objects.filter(checksum=checksum, status__in=[ImportJob.Status.PARSING, ImportJob.Status.READY])
            .order_by("-created_at").first())
