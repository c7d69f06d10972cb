"""Change history (django-simple-history) turned into lines a person can read on a record's page.

Diffs are computed in memory between consecutive records of the same object, so a page shows its
history in one query however long it is (plus one per kind of related record named in the changes).
Values read as elsewhere on the site: local time to the minute, choice labels, names of related records,
amounts in 亿元/万元, and — for nothing.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .formatting import yuan_short

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
EMPTY = "—"
# Amounts are stored in yuan and shown in 亿元/万元 on every page.
MONEY_FIELDS = {"total_investment", "investment", "planned_investment", "amount"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    user: object
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)


def shown(model_field, value, names: dict | None = None) -> str:
    """`value` of `model_field` as the site shows it; `names` maps a related record's id to its name."""
    if value is None or value == "":
        return EMPTY
    if model_field.is_relation:
        return (names or {}).get(value, f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return yuan_short(value) if model_field.name in MONEY_FIELDS else f"{value.normalize():f}"
    return str(value)


def _changed_fields(new, old):
    for model_field in new.tracked_fields:
        if not model_field.editable or model_field.many_to_many:
            continue
        before, after = getattr(old, model_field.attname), getattr(new, model_field.attname)
        if before != after:
            yield model_field, before, after


def _m2m_snapshots(records) -> dict:
    """{(history_id, field name): set of related ids} for the tracked many-to-many fields: one query per field."""
    snapshots = defaultdict(set)
    if not records:
        return snapshots
    for model_field in getattr(type(records[0]), "_history_m2m_fields", []):
        snapshot = getattr(records[0], model_field.name).model
        target = f"{model_field.m2m_reverse_field_name()}_id"
        rows = snapshot.objects.filter(history_id__in=[r.history_id for r in records]).values_list("history_id", target)
        for history_id, related_id in rows:
            snapshots[(history_id, model_field.name)].add(related_id)
    return snapshots


def _m2m_changes(record, older, snapshots):
    for model_field in getattr(type(record), "_history_m2m_fields", []):
        before = snapshots[(older.history_id, model_field.name)]
        after = snapshots[(record.history_id, model_field.name)]
        if before != after:
            yield model_field, before, after


def _related_names(pairs, snapshots) -> dict:
    """{related model: {id: name}} for every related record named in the changes: one query per model."""
    wanted = defaultdict(set)
    for record, older in pairs:
        for model_field, before, after in _changed_fields(record, older):
            if model_field.is_relation:
                wanted[model_field.related_model].update(v for v in (before, after) if v is not None)
        for model_field, before, after in _m2m_changes(record, older, snapshots):
            wanted[model_field.related_model].update(before | after)
    return {model: {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=ids)}
            for model, ids in wanted.items()}


def _names(ids, names: dict) -> str:
    return "、".join(sorted(names.get(pk, f"#{pk}") for pk in ids)) or EMPTY


def history_entries(history_queryset, *, limit: int = 50, subject=None) -> list[HistoryEntry]:
    """The newest `limit` changes of the records in `history_queryset`, each with what changed.

    `subject(record)` names the record when several objects share one list (a project's milestones).
    """
    newest_first = history_queryset.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(newest_first[: limit + 1])
    pairs = []
    for index, record in enumerate(records[:limit]):
        older = next((r for r in records[index + 1:] if r.id == record.id), None)
        pairs.append((record, older if record.history_type == "~" else None))
    compared = [(record, older) for record, older in pairs if older is not None]
    snapshots = _m2m_snapshots([r for pair in compared for r in pair])
    names = _related_names(compared, snapshots)
    entries = []
    for record, older in pairs:
        entry = HistoryEntry(
            date=record.history_date, user=record.history_user, action=ACTIONS.get(record.history_type, ""),
            subject=subject(record) if subject else "",
        )
        if older is not None:
            entry.changes = [
                Change(capfirst(str(model_field.verbose_name)),
                       shown(model_field, before, names.get(model_field.related_model)),
                       shown(model_field, after, names.get(model_field.related_model)))
                for model_field, before, after in _changed_fields(record, older)
            ] + [
                Change(capfirst(str(model_field.verbose_name)),
                       _names(before, names.get(model_field.related_model, {})),
                       _names(after, names.get(model_field.related_model, {})))
                for model_field, before, after in _m2m_changes(record, older, snapshots)
            ]
        entries.append(entry)
    return entries
