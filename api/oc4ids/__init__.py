"""Projects as an OC4IDS 0.9 project package (Open Contracting for Infrastructure Data Standard).

Read in a fixed number of queries whatever the number of projects. The schema it is tested
against is kept beside this file, in schema/0.9.3/.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Prefetch
from django.utils import timezone

from bulletins.models import Evidence
from enterprises.industries import SCHEME as INDUSTRY_SCHEME
from lib.urls import absolute_url_or_blank
from projects.models import Milestone, ProgressReport, Project

VERSION = "0.9"
SCHEMA_DIR = Path(__file__).parent / "schema" / "0.9.3"
# OC4IDS ids start with a publisher prefix; this one names the zone's tracker.
ID_PREFIX = "oc4ids-xzkf"
PUBLIC_AUTHORITY = {"id": f"{ID_PREFIX}-authority", "name": "徐州经济技术开发区管理委员会"}

STATUS_BY_STAGE = {
    Project.Stage.SIGNED: "identification",
    Project.Stage.PREPARATION: "preparation",
    Project.Stage.CONSTRUCTION: "implementation",
    Project.Stage.INSTALLATION: "implementation",
    Project.Stage.TRIAL: "implementation",
    Project.Stage.PRODUCTION: "completion",
    Project.Stage.FULL_PRODUCTION: "completion",
}


# 建设性质 as OC4IDS's projectType codelist says it (恢复 rebuilds what was there: a rehabilitation).
TYPE_BY_NATURE = {
    Project.Nature.NEW: "construction",
    Project.Nature.EXPANSION: "expansion",
    Project.Nature.RENOVATION: "rehabilitation",
    Project.Nature.RELOCATION: "replacement",
    Project.Nature.RESTORATION: "rehabilitation",
}
PROJECT_CODE_SCHEME = "GB/T 40058-2021"
# org-id.guide's list for the unified social credit code (统一社会信用代码).
CREDIT_CODE_SCHEME = "CN-USCC"


def _classifications(project: Project) -> list[dict]:
    """The national codes, each with the standard that defines it as its scheme."""
    rows = []
    if project.project_code:
        rows.append({"scheme": PROJECT_CODE_SCHEME, "id": project.project_code, "description": "项目代码"})
    if project.industry_code_id:
        rows.append({"scheme": INDUSTRY_SCHEME, "id": project.industry_code_id,
                     "description": project.industry_code.name})
    return rows


def _builder(project: Project) -> dict:
    builder = project.builder
    party = {"id": f"{ID_PREFIX}-org-{builder.pk}", "name": builder.name, "roles": ["builder"]}
    if builder.credit_code:
        party["identifier"] = {"scheme": CREDIT_CODE_SCHEME, "id": builder.credit_code, "legalName": builder.name}
    return party


def _datetime(day: datetime.date | None) -> str | None:
    """OC4IDS dates are date-times; a day starts at midnight in the zone's time zone."""
    if day is None:
        return None
    midnight = datetime.datetime.combine(day, datetime.time())
    return timezone.make_aware(midnight, timezone.get_current_timezone()).isoformat()


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _milestone(milestone: Milestone, today: datetime.date) -> dict:
    if milestone.actual_date:
        status = "met"
    elif milestone.planned_date < today:
        status = "notMet"
    else:
        status = "scheduled"
    data = {
        "id": str(milestone.pk), "title": milestone.name, "dueDate": _datetime(milestone.planned_date),
        "status": status,
    }
    if milestone.actual_date:
        data["dateMet"] = _datetime(milestone.actual_date)
    return data


def _physical_progress(reports: list[ProgressReport]) -> dict:
    return {
        "id": "physicalProgress",
        "title": "Physical progress",
        "observations": [
            {
                "id": f"physicalProgress-{report.pk}",
                "period": {"startDate": _datetime(report.date), "endDate": _datetime(report.date)},
                "measure": _number(report.percent_complete),
                "unit": {"name": "percent"},
                **({"notes": report.statement} if report.statement else {}),
            }
            for report in reports
        ],
    }


def _documents(evidence: list[Evidence], absolute) -> list[dict]:
    seen = {}
    for item in evidence:
        bulletin = item.bulletin
        if bulletin.pk in seen:
            continue
        document = {
            "id": f"bulletin-{bulletin.pk}",
            "documentType": "news",
            "title": bulletin.title or bulletin.file_name or str(bulletin.issued_on),
            "description": item.sentence,
            "datePublished": _datetime(bulletin.issued_on),
            "language": "zh",
        }
        url = absolute_url_or_blank(bulletin)
        if url:
            document["url"] = absolute(url)
        seen[bulletin.pk] = document
    return list(seen.values())


def _project(project: Project, evidence: list[Evidence], today: datetime.date, absolute) -> dict:
    data = {
        "id": f"{ID_PREFIX}-{project.pk}",
        "updated": project.updated_at.isoformat(),
        "title": project.name,
        "status": STATUS_BY_STAGE[project.stage],
        "publicAuthority": PUBLIC_AUTHORITY,
        "parties": [{**PUBLIC_AUTHORITY, "roles": ["publicAuthority"]}],
        "language": "zh",
    }
    if project.description:
        data["description"] = project.description
    period = {
        key: _datetime(value)
        for key, value in (
            ("startDate", project.actual_start or project.planned_start),
            ("endDate", project.planned_production),
        )
        if value
    }
    if period:
        data["period"] = period
    if project.total_investment is not None:
        data["budget"] = {"amount": {"amount": _number(project.total_investment), "currency": "CNY"}}
    if project.builder_id:
        data["parties"].append(_builder(project))
    if project.nature:
        data["type"] = TYPE_BY_NATURE[project.nature]
    classifications = _classifications(project)
    if classifications:
        data["additionalClassifications"] = classifications
    if project.location:
        data["locations"] = [{"id": "1", "description": project.location}]
    milestones = [_milestone(m, today) for m in project.milestones.all()]
    if milestones:
        data["milestones"] = milestones
    reports = [r for r in project.progress_reports.all() if r.percent_complete is not None]
    if reports:
        data["metrics"] = [_physical_progress(reports)]
    documents = _documents(evidence, absolute)
    if documents:
        data["documents"] = documents
    if project.actual_production:
        data["completion"] = {"endDate": _datetime(project.actual_production)}
    return data


def project_package(*, uri: str, absolute=lambda path: path, projects=None) -> dict:
    """The package for `projects` (all projects by default); `absolute` turns a path into a full URL."""
    projects = projects if projects is not None else Project.objects.all()
    projects = projects.select_related("builder", "industry_code").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("planned_date", "pk")),
        Prefetch("progress_reports", queryset=ProgressReport.objects.order_by("date", "pk")),
    ).order_by("pk")
    evidence_by_project = defaultdict(list)
    for item in (
        Evidence.objects.filter(content_type=ContentType.objects.get_for_model(Project))
        .select_related("bulletin")
        .order_by("bulletin__issued_on", "bulletin_id", "start")
    ):
        evidence_by_project[item.object_id].append(item)
    today = timezone.localdate()
    last_change = projects.aggregate(last=Max("updated_at"))["last"] or timezone.now()
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": last_change.isoformat(),
        "publisher": {"name": PUBLIC_AUTHORITY["name"]},
        "projects": [_project(p, evidence_by_project[p.pk], today, absolute) for p in projects],
    }
