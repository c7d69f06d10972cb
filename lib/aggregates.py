"""Aggregates Django lacks on both SQLite and PostgreSQL.

JSONList gathers the rows of a subquery into one JSON list, so a page can fetch a record's small
lists (its officials, capacities, monthly figures) in the record's own query instead of one query each.
"""

from django.db.models import Aggregate, JSONField, Subquery
from django.db.models.functions import JSONObject


class JSONList(Aggregate):
    """JSON list of an expression (usually JSONObject(...)) over the grouped rows; None when there is no row."""

    function = "JSON_GROUP_ARRAY"  # SQLite
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # jsonb, not json: Django decodes jsonb itself, psycopg would decode json a second time.
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def json_list(queryset, group_by: str, **fields):
    """A subquery for annotate(): the rows of `queryset` (filtered on OuterRef) as a list of {name: column}."""
    rows = queryset.order_by().values(group_by).annotate(rows=JSONList(JSONObject(**fields))).values("rows")
    return Subquery(rows[:1], output_field=JSONField())
