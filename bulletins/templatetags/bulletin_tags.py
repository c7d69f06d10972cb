from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

register = template.Library()

# What the review says of a proposal against the database (bulletins.services.extraction_preview).
REVIEW_STATUS = {"new": _("new"), "matches": _("matches"), "changes": _("changes"), "similar": _("similar")}


@register.filter
def review_status(status: str) -> str:
    return REVIEW_STATUS.get(status, status)


@register.filter
def meeting_kind(kind: str) -> str:
    """The label of a meeting kind the parser proposes ('inspection' → 专题调研)."""
    return Meeting.Kind(kind).label if kind in Meeting.Kind.values else kind


@register.filter
def highlight(sentence: str, term: str) -> str:
    """The sentence, escaped, with each occurrence of term marked."""
    sentence, term = escape(sentence or ""), escape(term or "")
    if not term:
        return sentence
    return mark_safe(sentence.replace(term, f"<mark>{term}</mark>"))  # noqa: S308 - both parts escaped above
