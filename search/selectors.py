"""Find documents: tsvector and ts_rank on PostgreSQL, whole-token matching on SQLite; same clauses both ways."""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from .models import SearchDocument
from .tokens import highlight_terms, query_clauses

RANK_WINDOW = 1000  # matches ranked at most; more than this, and the user is asked to add a word
SNIPPET_BEFORE = 30
SNIPPET_LENGTH = 120


def _tsquery_text(clauses) -> str:
    # Terms are runs of letters and digits (see tokens._WORD_RE), so quoting them cannot break out.
    def term(text: str) -> str:
        return f"'{text.removesuffix(':*')}':*" if text.endswith(":*") else f"'{text}'"

    return " & ".join(
        "(" + " | ".join("(" + " & ".join(term(t) for t in alternative) + ")" for alternative in clause) + ")"
        for clause in clauses
    )


def _token_filter(clauses) -> Q:
    def term(text: str) -> Q:
        if text.endswith(":*"):
            return Q(tokens__contains=" " + text.removesuffix(":*"))
        return Q(tokens__contains=f" {text} ")

    condition = Q()
    for clause in clauses:
        alternatives = Q()
        for alternative in clause:
            matched = Q()
            for text in alternative:
                matched &= term(text)
            alternatives |= matched
        condition &= alternatives
    return condition


def search_documents(*, query: str, models: list[str] | None = None) -> QuerySet[SearchDocument]:
    """Documents matching every word of the query, best first (rank on PostgreSQL, title on SQLite).

    The query's jieba words first; if they find nothing, its Chinese bigrams (see search.tokens).
    At most RANK_WINDOW documents: a query that matches more is too broad to read through anyway.
    """
    documents = SearchDocument.objects.select_related("content_type")
    if models:
        documents = documents.filter(content_type__model__in=models)
    clauses = query_clauses(query)
    if not clauses:
        return documents.none()
    window = _window(documents, clauses)
    bigrams = query_clauses(query, fallback=True)
    if not window and bigrams != clauses:
        clauses, window = bigrams, _window(documents, bigrams)
    found = documents.filter(pk__in=window)
    if connection.vendor == "postgresql":
        return found.annotate(rank=SearchRank(F("vector"), _tsquery(clauses))).order_by("-rank", "title", "pk")
    return found.order_by("title", "pk")


def _tsquery(clauses) -> SearchQuery:
    return SearchQuery(_tsquery_text(clauses), search_type="raw", config="simple")


def _window(documents, clauses) -> list[int]:
    """The ids of the first RANK_WINDOW matches, in one query: the page, its count and its ranking then read
    these ids, not the index again (a word in half of 300,000 documents costs the index lookup each time)."""
    # Ranking reads every matching row; a word found in a tenth of 100,000 documents would take hundreds of
    # milliseconds. The first RANK_WINDOW matches the index yields are ranked instead.
    if connection.vendor == "postgresql":
        matching = documents.filter(vector=_tsquery(clauses))
    else:
        matching = documents.filter(_token_filter(clauses))
    return list(matching.order_by().values_list("pk", flat=True)[:RANK_WINDOW])


@dataclass
class Hit:
    document: SearchDocument
    title: SafeString
    snippet: SafeString


def _mark(text: str, pattern: re.Pattern | None) -> SafeString:
    escaped = html.escape(text)
    if pattern is None:
        return mark_safe(escaped)  # escaped just above
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # escaped, then marked


def highlight(documents, *, query: str) -> list[Hit]:
    """Escape, then mark the query's words, in the title and in a window of the text around the first match."""
    terms = highlight_terms(query)
    # Terms are letters and digits only, so escaping the text leaves them as they are.
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    hits = []
    for document in documents:
        body = document.body
        found = pattern.search(body) if pattern else None
        start = max(0, found.start() - SNIPPET_BEFORE) if found else 0
        window = body[start : start + SNIPPET_LENGTH]
        window = ("…" if start else "") + window + ("…" if start + SNIPPET_LENGTH < len(body) else "")
        hits.append(Hit(document=document, title=_mark(document.title, pattern), snippet=_mark(window, pattern)))
    return hits
