"""Import bulletins: match what the parser proposes to the database, then write it with its evidence.

The parser (bulletins.pipeline) knows nothing of the database; this module resolves its extraction
(the JSON form, so an admin's reviewed copy imports the same way) and writes it in one transaction.
"""

from __future__ import annotations

import datetime
import hashlib
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from enterprises.models import Organization, Person, Position
from lib.figures import figures_changed
from meetings.models import Attendance, Meeting, Requirement
from projects.models import Assignment, Capacity, Milestone, Phase, Problem, ProblemCategory, ProgressReport, Project
from search.services import search_indexing_deferred

from .models import Bulletin, Evidence, ImportJob, Indicator
from .pipeline import KnownNames, parse
from .pipeline.industries import mark_proposals
from .pipeline.lexicon import GOVERNMENT_SUFFIXES, OTHER_SUFFIXES

ROLE_BY_VERB = {
    "主持": Attendance.Role.PRESIDED,
    "带队": Attendance.Role.LED,
    "参加": Attendance.Role.ATTENDED,
    "出席": Attendance.Role.ATTENDED,
    "陪同": Attendance.Role.ACCOMPANIED,
    "汇报": Attendance.Role.REPORTED,
}
MEETING_KINDS = {kind.value for kind in Meeting.Kind}
# The parser's "meeting" is a generic gathering; the tracker files it under other.
MEETING_KIND_ALIASES = {"meeting": Meeting.Kind.OTHER}
ASSIGNMENT_WORD = "包挂"


def text_checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def name_key(name: str | None) -> str:
    """A name as compared: NFKC (full-width brackets become half-width) without white space."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def project_key(name: str | None) -> str:
    return name_key(name).removesuffix("项目")


def guess_organization_kind(name: str) -> str:
    if name.endswith(GOVERNMENT_SUFFIXES) or name in ("开发区", "经开区") or name.endswith(("开发区", "经开区")):
        return Organization.Kind.GOVERNMENT
    if name.endswith(OTHER_SUFFIXES):
        return Organization.Kind.OTHER
    return Organization.Kind.ENTERPRISE


def known_names_from_db() -> KnownNames:
    """Names the database knows, so the parser recognises them in the next bulletin."""
    aliases: dict[str, str] = {}
    organizations, projects = [], []
    for name, short_name, other_names in Organization.objects.values_list("name", "short_name", "aliases"):
        organizations.append(name)
        for alias in [short_name, *other_names]:
            if alias:
                aliases[alias] = name
    for name, other_names in Project.objects.values_list("name", "aliases"):
        projects.append(name)
        for alias in other_names:
            aliases[alias] = name
    people = list(Person.objects.values_list("name", flat=True).distinct())
    return KnownNames(people=people, organizations=organizations, projects=projects, aliases=aliases)


def bulletin_parse(*, text: str, issued_on: datetime.date) -> dict:
    """The extraction of a bulletin in its JSON form, with what the database already knows."""
    return parse(text, issued_on, known_names=known_names_from_db()).to_schema()


@dataclass
class ImportReport:
    bulletin: Bulletin | None = None
    duplicate_of: Bulletin | None = None
    created: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.duplicate_of is not None:
            return f"skipped: already imported as bulletin {self.duplicate_of.pk} ({self.duplicate_of})"
        return f"created {len(self.created)}, linked {len(self.linked)}, skipped {len(self.skipped)}"


class _Matcher:
    """Finds existing records by normalised name and aliases; loads each table once per import."""

    def __init__(self):
        self.organizations: dict[str, Organization] = {}
        for org in Organization.objects.all():
            for name in (org.name, org.short_name, *org.aliases):
                if name:
                    self.organizations.setdefault(name_key(name), org)
        self.projects: dict[str, Project] = {}
        for project in Project.objects.all():
            for name in (project.name, *project.aliases):
                self.projects.setdefault(project_key(name), project)
        self.people: dict[str, Person] = {}
        for person in Person.objects.all():
            self.people.setdefault(name_key(person.name), person)

    def organization(self, name):
        return self.organizations.get(name_key(name))

    def project(self, name):
        return self.projects.get(project_key(name))

    def person(self, name):
        return self.people.get(name_key(name))


def extraction_preview(extraction: dict) -> dict:
    """The extraction with each proposed record marked new, matches (an existing record) or changes (one)."""
    matcher = _Matcher()
    preview = {key: [dict(item) for item in extraction.get(key, [])] for key in
               ("people", "organizations", "projects", "events", "problems", "requirements", "indicators")}
    for org in preview["organizations"]:
        existing = matcher.organization(org.get("full_name") or org["name"])
        org["status"] = "matches" if existing else "new"
    # The posts of every matched person in one query, not one per person.
    matched = [p for p in (matcher.person(person["name"]) for person in preview["people"]) if p is not None]
    known_posts: dict[int, set[tuple[str, str]]] = {person.pk: set() for person in matched}
    for position in Position.objects.filter(person__in=matched).select_related("organization"):
        organization = position.organization.name if position.organization else ""
        known_posts[position.person_id].add((name_key(position.title), name_key(organization)))
    for person in preview["people"]:
        existing = matcher.person(person["name"])
        if existing is None:
            person["status"] = "new"
        else:
            known = known_posts[existing.pk]
            posts = {(name_key(t["title"]), name_key(t.get("organization"))) for t in person.get("titles", [])}
            person["status"] = "changes" if posts - known else "matches"
    for project in preview["projects"]:
        existing = matcher.project(project["name"])
        if existing is None:
            project["status"] = "new"
        else:
            investment = project.get("investment_yuan")
            differs = investment is not None and existing.total_investment != Decimal(str(investment))
            project["status"] = "changes" if differs else "matches"
    mark_proposals(preview["projects"])  # the GB/T 4754 industry the project's words suggest
    for key in ("events", "problems", "requirements", "indicators"):
        for item in preview[key]:
            item["status"] = "new"
    for items in preview.values():
        for item in items:
            # What the reviewer looks for in the source sentence.
            item["label"] = item.get("name") or item.get("phrase") or item.get("title") or item.get("text") or ""
    return preview


class _Writer:
    """Writes one bulletin's extraction; every record it creates or links gets an Evidence row."""

    def __init__(self, bulletin: Bulletin, report: ImportReport):
        self.bulletin = bulletin
        self.report = report
        self.matcher = _Matcher()
        self.evidence: list[Evidence] = []
        self.content_types: dict[type, ContentType] = {}
        self.org_kinds: dict[str, str] = {}

    # --- evidence ---
    def cite(self, obj: models.Model, item: dict, fact: str = "") -> None:
        model = type(obj)
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        text = self.bulletin.raw_text
        for span in item.get("evidence") or []:
            start, end = int(span["start"]), int(span["end"])
            # Only spans that point at the stored text: a reviewed extraction cannot cite what is not there.
            if 0 <= start < end <= len(text) and text[start:end] == span["sentence"]:
                self.evidence.append(Evidence(
                    bulletin=self.bulletin, content_type=self.content_types[model], object_id=obj.pk,
                    field=fact, sentence=span["sentence"], start=start, end=end,
                ))

    def note(self, created: bool, label: str, name: str) -> None:
        (self.report.created if created else self.report.linked).append(f"{label} {name}")

    # --- organizations ---
    def organization(self, name: str | None, *, kind: str | None = None) -> Organization | None:
        if not name:
            return None
        existing = self.matcher.organization(name)
        if existing is not None:
            return existing
        kind = kind or self.org_kinds.get(name_key(name)) or guess_organization_kind(name)
        org = Organization.objects.create(name=name, kind=kind)
        self.matcher.organizations[name_key(name)] = org
        self.note(True, "organization", name)
        return org

    def write_organizations(self, items: list[dict]) -> None:
        for item in items:
            self.org_kinds[name_key(item["name"])] = item.get("kind") or Organization.Kind.ENTERPRISE
        for item in items:
            full_name = item.get("full_name")
            existed = self.matcher.organization(full_name or item["name"]) is not None
            org = self.organization(full_name or item["name"], kind=item.get("kind"))
            if full_name and name_key(item["name"]) != name_key(org.name) and item["name"] not in org.aliases:
                org.aliases = [*org.aliases, item["name"]]
                org.save(update_fields=["aliases", "updated_at"])
                self.matcher.organizations[name_key(item["name"])] = org
            if existed:
                self.note(False, "organization", org.name)
            self.cite(org, item)
        self.link_groups()

    def link_groups(self) -> None:
        """A group company is the parent of the companies that carry its brand (X(集团)… → X…)."""
        orgs = {org.pk: org for org in self.matcher.organizations.values() if org.kind == Organization.Kind.ENTERPRISE}
        groups = [(group_brand(org.name), org) for org in orgs.values() if "集团" in org.name]
        groups = [(brand, org) for brand, org in groups if len(brand) >= 2]
        for org in orgs.values():
            if org.parent_id:
                continue
            candidates = [(len(brand), group) for brand, group in groups
                          if group.pk != org.pk and brand in name_key(org.name)
                          and not (group_brand(org.name) == brand and "集团" in org.name)]
            if candidates:
                org.parent = max(candidates, key=lambda c: c[0])[1]
                org.save(update_fields=["parent", "updated_at"])

    # --- people ---
    def write_people(self, items: list[dict]) -> None:
        issued = self.bulletin.issued_on
        for item in items:
            person = self.matcher.person(item["name"])
            created = person is None
            if created:
                person = Person.objects.create(name=item["name"])
                self.matcher.people[name_key(person.name)] = person
            self.note(created, "person", person.name)
            self.cite(person, item)
            for post in item.get("titles") or []:
                org = self.organization(post.get("organization"))
                position, post_created = Position.objects.get_or_create(
                    person=person, organization=org, title=post["title"],
                    defaults={"first_seen": issued, "last_seen": issued},
                )
                if not post_created:
                    position.first_seen = min(filter(None, [position.first_seen, issued]))
                    position.last_seen = max(filter(None, [position.last_seen, issued]))
                    position.save(update_fields=["first_seen", "last_seen"])
                self.note(post_created, "position", str(position))
                self.cite(position, post)

    # --- projects ---
    def write_projects(self, items: list[dict]) -> None:
        for item in items:
            project = self.matcher.project(item["name"])
            created = project is None
            investment = _decimal(item.get("investment_yuan"))
            builder = self.organization(item.get("enterprise"))
            proposal = {"name": item["name"], "aliases": item.get("aliases"), "capacities": item.get("capacities")}
            mark_proposals([proposal])
            if created:
                project = Project.objects.create(
                    name=item["name"], builder=builder, total_investment=investment,
                    aliases=[a for a in item.get("aliases") or [] if a != item["name"]],
                    industry_code_id=proposal.get("industry_code"),
                )
                self.matcher.projects[project_key(project.name)] = project
            else:
                changed = []
                if builder and project.builder_id is None:
                    project.builder = builder
                    changed.append("builder")
                if proposal.get("industry_code") and project.industry_code_id is None:
                    project.industry_code_id = proposal["industry_code"]
                    changed.append("industry_code")
                if investment is not None and project.total_investment != investment:
                    project.total_investment = investment
                    changed.append("total_investment")
                if changed:
                    project.save(update_fields=[*changed, "updated_at"])
            self.note(created, "project", project.name)
            self.cite(project, item)
            if investment is not None:
                self.cite(project, item, "total_investment")
            phases = {
                p["name"]: self.write_phase(project, p, order=order)
                for order, p in enumerate(item.get("phases") or [], start=1)
            }
            for capacity in item.get("capacities") or []:
                self.write_capacity(project, phases.get(capacity.get("phase")), capacity)
            for milestone in item.get("milestones") or []:
                self.write_milestone(project, phases.get(milestone.get("phase")), milestone)
            for progress in item.get("progress") or []:
                self.write_progress(project, phases.get(progress.get("phase")), progress)

    def write_phase(self, project: Project, item: dict, *, order: int) -> Phase:
        """`order` is the phase's place in the bulletin; a phase the project already has keeps its own."""
        phase, created = Phase.objects.get_or_create(project=project, name=item["name"], defaults={"order": order})
        investment = _decimal(item.get("investment_yuan"))
        if investment is not None and phase.investment != investment:
            phase.investment = investment
            phase.save(update_fields=["investment"])
            self.cite(phase, item, "investment")
        self.note(created, "phase", str(phase))
        self.cite(phase, item)
        for capacity in item.get("capacities") or []:
            self.write_capacity(project, phase, capacity)
        return phase

    def write_capacity(self, project: Project, phase: Phase | None, item: dict) -> None:
        value = _decimal(item.get("value"))
        if not value or value <= 0 or not item.get("unit"):
            self.report.skipped.append(f"capacity {item.get('value')} {item.get('unit')}")
            return
        capacity, created = Capacity.objects.get_or_create(
            project=project, value=value, unit=item["unit"], defaults={"phase": phase}
        )
        self.note(created, "capacity", f"{project.name} {capacity}")
        self.cite(capacity, item)

    def write_milestone(self, project: Project, phase: Phase | None, item: dict) -> None:
        planned = _date(item.get("planned_date"))
        if planned is None:
            self.report.skipped.append(f"milestone {item.get('name')} (no date)")
            return
        milestone, created = Milestone.objects.get_or_create(
            project=project, name=item["name"],
            defaults={"phase": phase, "planned_date": planned, "baseline_date": planned,
                      "note": item.get("statement", "")},
        )
        self.note(created, "milestone", str(milestone))
        self.cite(milestone, item)

    def write_progress(self, project: Project, phase: Phase | None, item: dict) -> None:
        report, created = ProgressReport.objects.get_or_create(
            project=project, statement=item["statement"], defaults={"phase": phase, "date": self.bulletin.issued_on}
        )
        self.note(created, "progress", item["statement"])
        self.cite(report, item)

    # --- meetings, problems, requirements ---
    def write_events(self, items: list[dict]) -> list[tuple[int, Meeting]]:
        """Meetings with their first offset, so problems and requirements find the meeting they belong to."""
        meetings = []
        for item in items:
            date = _date(item.get("date"))
            if date is None:
                self.report.skipped.append(f"event {item.get('title')} (no date)")
                continue
            kind = MEETING_KIND_ALIASES.get(item.get("kind"), item.get("kind"))
            kind = kind if kind in MEETING_KINDS else Meeting.Kind.OTHER
            title = (item.get("title") or "")[:300] or f"{date:%m月%d日}{Meeting.Kind(kind).label}"
            meeting, created = Meeting.objects.get_or_create(
                date=date, kind=kind, title=title,
                defaults={"part_of_day": item.get("part_of_day") or "", "status": Meeting.Status.CONFIRMED,
                          "confirmed_at": timezone.now(), "summary": _first_sentence(item)},
            )
            self.note(created, "meeting", str(meeting))
            self.cite(meeting, item)
            roles = item.get("roles") or {}
            people = [self.person_named(name) for name in item.get("people") or []]
            for person in people:
                role = ROLE_BY_VERB.get(roles.get(person.name), Attendance.Role.ATTENDED)
                Attendance.objects.get_or_create(meeting=meeting, person=person, defaults={"role": role})
            projects = [p for p in (self.matcher.project(name) for name in item.get("projects") or []) if p]
            meeting.projects.add(*projects)
            if people and projects and any(ASSIGNMENT_WORD in span["sentence"] for span in item.get("evidence") or []):
                self.write_assignments(people[0], projects, item)
            first = min((span["start"] for span in item.get("evidence") or []), default=0)
            meetings.append((first, meeting))
        return sorted(meetings, key=lambda pair: pair[0])

    def person_named(self, name: str) -> Person:
        person = self.matcher.person(name)
        if person is None:
            person = Person.objects.create(name=name)
            self.matcher.people[name_key(name)] = person
            self.note(True, "person", name)
        return person

    def write_assignments(self, official: Person, projects: list[Project], item: dict) -> None:
        """包挂 in the event's sentence: the leading official answers for the projects visited."""
        for project in projects:
            assignment, created = Assignment.objects.get_or_create(
                person=official, project=project, ended_on=None,
                defaults={"started_on": self.bulletin.issued_on},
            )
            self.note(created, "assignment", str(assignment))
            self.cite(assignment, item)

    @staticmethod
    def meeting_at(meetings: list[tuple[int, Meeting]], item: dict) -> Meeting | None:
        start = min((span["start"] for span in item.get("evidence") or []), default=None)
        if start is None:
            return None
        before = [meeting for first, meeting in meetings if first <= start]
        return before[-1] if before else None

    def write_problems(self, items: list[dict], meetings: list[tuple[int, Meeting]]) -> None:
        categories = {c.name: c for c in ProblemCategory.objects.all()}
        fallback = categories.get("其他") or ProblemCategory.objects.get_or_create(name="其他")[0]
        for item in items:
            meeting = self.meeting_at(meetings, item)
            project = self.matcher.project(item.get("project")) if item.get("project") else None
            raised_on = meeting.date if meeting else self.bulletin.issued_on
            problem, created = Problem.objects.get_or_create(
                project=project, category=categories.get(item.get("category"), fallback),
                description=item.get("phrase") or item.get("category"), raised_on=raised_on,
                defaults={"meeting": meeting},
            )
            self.note(created, "problem", str(problem))
            self.cite(problem, item)

    def write_requirements(self, items: list[dict], meetings: list[tuple[int, Meeting]]) -> None:
        for item in items:
            meeting = self.meeting_at(meetings, item)
            if meeting is None:
                self.report.skipped.append(f"requirement {item.get('text', '')[:20]} (no meeting)")
                continue
            requirement, created = Requirement.objects.get_or_create(
                meeting=meeting, text=item["text"],
                defaults={
                    "issued_by": self.person_named(item["person"]) if item.get("person") else None,
                    "project": self.matcher.project(item.get("project")) if item.get("project") else None,
                },
            )
            self.note(created, "requirement", item["text"][:30])
            self.cite(requirement, item)

    def write_indicators(self, items: list[dict]) -> None:
        for item in items:
            value = _decimal(item.get("value"))
            if value is None:
                continue
            indicator, created = Indicator.objects.get_or_create(
                bulletin=self.bulletin, name=item["name"], period=item.get("period") or "",
                defaults={"value": value, "unit": item.get("unit") or "",
                          "growth_percent": _decimal(item.get("growth_percent"))},
            )
            self.note(created, "indicator", str(indicator))
            self.cite(indicator, item)

    def flush_evidence(self) -> None:
        Evidence.objects.bulk_create(self.evidence, ignore_conflicts=True, batch_size=500)


def group_brand(name: str) -> str:
    """The brand of a company name: 某某(集团)控股有限公司 → 某某."""
    key = name_key(name)
    for suffix in ("股份有限公司", "有限责任公司", "有限公司", "控股", "集团", "(集团)", "公司"):
        key = key.removesuffix(suffix)
    for suffix in ("控股", "(集团)", "集团"):
        key = key.removesuffix(suffix)
    return key


@transaction.atomic
def bulletin_import(
    *, text: str, issued_on: datetime.date, extraction: dict | None = None, file_name: str = "", user=None
) -> ImportReport:
    """Import one bulletin. Re-importing the same text writes nothing (its checksum is unique)."""
    report = ImportReport()
    checksum = text_checksum(text)
    duplicate = Bulletin.objects.filter(checksum=checksum).first()
    if duplicate is not None:
        report.duplicate_of = duplicate
        return report
    if extraction is None:
        extraction = bulletin_parse(text=text, issued_on=issued_on)
    articles = extraction.get("articles") or []
    title = articles[0]["headline"][:300] if articles else ""
    try:
        with transaction.atomic():
            bulletin = Bulletin.objects.create(
                issued_on=issued_on, title=title, file_name=file_name[:255], raw_text=text,
                checksum=checksum, imported_by=user,
            )
    except IntegrityError:
        # Another import of the same text won the race.
        report.duplicate_of = Bulletin.objects.get(checksum=checksum)
        return report
    report.bulletin = bulletin
    writer = _Writer(bulletin, report)
    with search_indexing_deferred():
        writer.write_organizations(extraction.get("organizations") or [])
        writer.write_people(extraction.get("people") or [])
        writer.write_projects(extraction.get("projects") or [])
        meetings = writer.write_events(extraction.get("events") or [])
        writer.write_problems(extraction.get("problems") or [], meetings)
        writer.write_requirements(extraction.get("requirements") or [], meetings)
        writer.write_indicators(extraction.get("indicators") or [])
        writer.flush_evidence()
    figures_changed()
    return report


# A larger bulletin is parsed in a task so the upload page answers at once.
ASYNC_PARSE_BYTES = 200 * 1024


def import_job_create(*, text: str, issued_on: datetime.date, file_name: str, user) -> ImportJob:
    """Stage a bulletin for review; parse it now, or in a task when it is large."""
    from .tasks import parse_import_job

    job = ImportJob.objects.create(text=text, issued_on=issued_on, file_name=file_name[:255], created_by=user)
    if len(text.encode("utf-8")) > ASYNC_PARSE_BYTES:
        parse_import_job.delay_on_commit(job.pk)
    else:
        import_job_parse(job)
    return job



def import_job_parse(job: ImportJob) -> None:
    try:
        job.extraction = bulletin_parse(text=job.text, issued_on=job.issued_on)
        job.status = ImportJob.Status.READY
    except Exception as error:  # noqa: BLE001 - the admin must see why, not a 500 page
        job.status, job.error = ImportJob.Status.FAILED, f"{type(error).__name__}: {error}"
    job.save(update_fields=["extraction", "status", "error"])


def import_job_confirm(*, job: ImportJob, extraction: dict, user) -> ImportReport:
    """Import a reviewed extraction; claiming the job first means a double click imports once."""
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
            status=ImportJob.Status.IMPORTED
        )
        if not claimed:
            raise ValueError("This import job is not ready or was imported already.")
        report = bulletin_import(
            text=job.text, issued_on=job.issued_on, extraction=extraction, file_name=job.file_name, user=user
        )
        ImportJob.objects.filter(pk=job.pk).update(bulletin=report.bulletin or report.duplicate_of)
    return report


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _first_sentence(item: dict) -> str:
    spans = item.get("evidence") or []
    return spans[0]["sentence"] if spans else ""


REVIEW_KINDS = ("organizations", "people", "projects", "events", "problems", "requirements", "indicators")
RENAMABLE_KINDS = ("organizations", "people", "projects")


def extraction_review(extraction: dict, *, kept: dict[str, set[int]], renames: dict[str, dict[int, str]]) -> dict:
    """Apply an admin's review: drop unticked items, rename corrected ones, and follow both into references."""
    reviewed = {key: value for key, value in extraction.items() if key not in REVIEW_KINDS}
    renamed: dict[str, dict[str, str]] = {kind: {} for kind in RENAMABLE_KINDS}
    dropped: dict[str, set[str]] = {kind: set() for kind in RENAMABLE_KINDS}
    for kind in REVIEW_KINDS:
        items = []
        for index, item in enumerate(extraction.get(kind) or []):
            if index not in kept.get(kind, set()):
                if kind in RENAMABLE_KINDS:
                    dropped[kind].add(item["name"])
                continue
            item = dict(item)
            new_name = (renames.get(kind, {}).get(index) or "").strip()
            if kind in RENAMABLE_KINDS and new_name and new_name != item["name"]:
                renamed[kind][item["name"]] = new_name
                item["name"] = new_name
            items.append(item)
        reviewed[kind] = items

    def follow(kind: str, name: str | None) -> str | None:
        if name is None or name in dropped[kind]:
            return None
        return renamed[kind].get(name, name)

    for person in reviewed["people"]:
        person["titles"] = [dict(t, organization=follow("organizations", t.get("organization")))
                            for t in person.get("titles") or []]
    for project in reviewed["projects"]:
        project["enterprise"] = follow("organizations", project.get("enterprise"))
    for event in reviewed["events"]:
        event["people"] = [n for n in (follow("people", n) for n in event.get("people") or []) if n]
        event["roles"] = {follow("people", n): r for n, r in (event.get("roles") or {}).items() if follow("people", n)}
        event["projects"] = [n for n in (follow("projects", n) for n in event.get("projects") or []) if n]
    for item in reviewed["problems"] + reviewed["requirements"]:
        if item.get("project"):
            item["project"] = follow("projects", item["project"])
    for requirement in reviewed["requirements"]:
        requirement["person"] = follow("people", requirement.get("person"))
    return reviewed
