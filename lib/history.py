"""Change history (django-simple-history) turned into lines a person can read on a record's page.

Diffs are computed in memory between consecutive records of the same object, so a page shows its
history in one query however long it is.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


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


def _shown(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _changes(new, old) -> list[Change]:
    changes = []
    for model_field in new.tracked_fields:
        if not model_field.editable or model_field.many_to_many:
            continue
        before, after = getattr(old, model_field.attname), getattr(new, model_field.attname)
        if before == after:
            continue
        if model_field.is_relation:
            # A related id means nothing to a reader; say that it changed.
            changes.append(Change(str(model_field.verbose_name), "", ""))
        else:
            label = str(model_field.verbose_name)
            changes.append(Change(label, _shown(model_field, before), _shown(model_field, after)))
    return changes


def history_entries(history_queryset, *, limit: int = 50, subject=None) -> list[HistoryEntry]:
    """The newest `limit` changes of the records in `history_queryset`, each with what changed.

    `subject(record)` names the record when several objects share one list (a project's milestones).
    """
    newest_first = history_queryset.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(newest_first[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        older = next((r for r in records[index + 1:] if r.id == record.id), None)
        entry = HistoryEntry(
            date=record.history_date, user=record.history_user, action=ACTIONS.get(record.history_type, ""),
            subject=subject(record) if subject else "",
        )
        if record.history_type == "~" and older is not None:
            entry.changes = _changes(record, older)
        entries.append(entry)
    return entries
