"""Read pages for imported bulletins: the list, and one bulletin's text with every extracted record marked."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from accounts.roles import view_required

from .models import Bulletin

PAGE_SIZE = 50

# Records whose page is reached by their own id; others are shown without a link.
RECORD_URLS = {
    ("projects", "project"): "projects:detail",
    ("projects", "problem"): "projects:problem_detail",
    ("enterprises", "organization"): "enterprises:organization_detail",
    ("enterprises", "person"): "enterprises:person_detail",
    ("meetings", "meeting"): "meetings:detail",
}


@dataclass
class Segment:
    text: str
    evidence: object = None
    url: str = ""
    label: str = ""


def _record_url(evidence) -> str:
    content_type = evidence.content_type
    name = RECORD_URLS.get((content_type.app_label, content_type.model))
    if not name:
        return ""
    try:
        return reverse(name, args=[evidence.object_id])
    except NoReverseMatch:
        return ""


def marked_segments(text: str, evidence_list) -> list[Segment]:
    """The text cut into plain and marked pieces; overlapping spans keep the first, so no text repeats."""
    segments, position = [], 0
    for evidence in sorted(evidence_list, key=lambda e: (e.start, -e.end)):
        start, end = max(evidence.start, position), min(evidence.end, len(text))
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        model = evidence.content_type.model_class()
        label = str(model._meta.verbose_name) if model else ""
        if evidence.field:
            label = f"{label} · {evidence.field}"
        segments.append(Segment(text[start:end], evidence=evidence, url=_record_url(evidence), label=label))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


@require_GET
@view_required
def bulletin_list(request):
    bulletins = Bulletin.objects.annotate(records=Count("evidence")).order_by("-issued_on", "-pk")
    page = Paginator(bulletins, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "bulletins/bulletin_list.html", {"page": page})


@require_GET
@view_required
def bulletin_detail(request, pk):
    bulletin = get_object_or_404(Bulletin, pk=pk)
    evidence = list(bulletin.evidence.select_related("content_type"))
    return render(request, "bulletins/bulletin_detail.html", {
        "bulletin": bulletin, "segments": marked_segments(bulletin.raw_text, evidence), "records": len(evidence),
    })
