"""Import bulletins: match what the parser proposes to the database, then write it with its evidence.

The parser (bulletins.pipeline) knows nothing of the database; this module resolves its extraction
(the JSON form, so an admin's reviewed copy imports the same way) and writes it in one transaction.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import operator
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import Organization, Person, Position
from enterprises.services import name_key, organization_create, person_create
from lib.figures import figures_changed
from meetings.models import Attendance, Meeting, Requirement
from projects.models import Assignment, Capacity, Milestone, Phase, Problem, ProblemCategory, ProgressReport, Project
from projects.services import problem_create
from search.services import search_indexing_deferred

from .models import Bulletin, Evidence, ImportJob, Indicator, RecordName
from .names import project_key, record_key, record_name_fields
from .pipeline import KnownNames, parse
from .pipeline.industries import mark_proposals
from .pipeline.lexicon import GOVERNMENT_SUFFIXES, OTHER_SUFFIXES
from .pipeline.normalising import load_ocr_corrections
from .pipeline.quantities import capacity_product
from .selectors import (
    KIND_BY_MODEL,
    RECORD_MODELS,
    bulletin_already_imported,
    import_job_pending,
    known_names_for_text,
    records_by_key,
    similar_records,
)

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

logger = logging.getLogger(__name__)


def text_checksum(text: str) -> str:
    """SHA-256 of the text without white space and with full-width forms folded: a re-typed copy is the same."""
    return hashlib.sha256(name_key(text).encode("utf-8")).hexdigest()


# --- the name directory ---------------------------------------------------------------------------
def _record_aliases(obj) -> list[str]:
    if isinstance(obj, Organization):
        return [obj.short_name, *(obj.aliases or [])]
    return list(obj.aliases or [])


def record_names_refresh(*, obj, created: bool = False) -> None:
    """Rewrite the directory rows of one person, organization or project from its names and aliases."""
    kind = KIND_BY_MODEL[type(obj)]
    if not created:
        RecordName.objects.filter(kind=kind, object_id=obj.pk).delete()
    RecordName.objects.bulk_create(
        [RecordName(object_id=obj.pk, **fields) for fields in record_name_fields(kind, obj.name, _record_aliases(obj))]
    )


def record_names_delete(*, obj) -> None:
    RecordName.objects.filter(kind=KIND_BY_MODEL[type(obj)], object_id=obj.pk).delete()


@transaction.atomic
def record_names_rebuild(*, batch_size: int = 2000) -> int:
    """Rebuild the whole directory (after a bulk load that bypassed save()); returns the rows written."""
    RecordName.objects.all().delete()
    total = 0
    for model, kind in KIND_BY_MODEL.items():
        rows = []
        for obj in model.objects.iterator(chunk_size=batch_size):
            fields = record_name_fields(kind, obj.name, _record_aliases(obj))
            rows += [RecordName(object_id=obj.pk, **f) for f in fields]
            if len(rows) >= batch_size:
                RecordName.objects.bulk_create(rows, batch_size=batch_size)
                total, rows = total + len(rows), []
        RecordName.objects.bulk_create(rows, batch_size=batch_size)
        total += len(rows)
    return total


def record_alias_add(*, obj, alias: str) -> bool:
    """Remember another name of a record (a merge or a rename at review), so the next import matches it."""
    kind = KIND_BY_MODEL[type(obj)]
    alias = (alias or "").strip()
    known = {record_key(kind, name) for name in [obj.name, *_record_aliases(obj)] if name}
    if len(record_key(kind, alias)) < 2 or record_key(kind, alias) in known:
        return False
    obj.aliases = [*(obj.aliases or []), alias]
    fields = ["aliases", "updated_at"] if hasattr(obj, "updated_at") else ["aliases"]
    obj.save(update_fields=fields)
    return True


# --- OCR corrections ------------------------------------------------------------------------------
def ocr_table() -> tuple[tuple[str, str], ...]:
    return load_ocr_corrections(settings.OCR_CORRECTIONS_FILE)


def ocr_correct(text: str, table: tuple[tuple[str, str], ...] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The text with the table's corrections, and (end in the old text, shift) after each correction.

    The shifts move offsets into the old text to the new one (`ocr_shift`), for evidence already stored.
    """
    table = ocr_table() if table is None else table
    if not table or not text:
        return text, []
    pattern = re.compile("|".join(re.escape(wrong) for wrong, _right in table))
    lookup = dict(table)
    shifts, shift = [], 0

    def replace(match: re.Match) -> str:
        nonlocal shift
        right = lookup[match.group()]
        shift += len(right) - len(match.group())
        shifts.append((match.end(), shift))
        return right

    return pattern.sub(replace, text), shifts


def ocr_shift(offset: int, shifts: list[tuple[int, int]]) -> int:
    moved = 0
    for end, shift in shifts:
        if end > offset:
            break
        moved = shift
    return offset + moved


# Imported text shown to users, besides each bulletin's own text and its evidence sentences.
OCR_TEXT_FIELDS = (
    (Bulletin, ("title",)),
    (Meeting, ("title", "summary")),
    (Problem, ("description",)),
    (Requirement, ("text",)),
    (ProgressReport, ("statement",)),
    (Milestone, ("note",)),
)


@transaction.atomic
def ocr_corrections_apply() -> dict[str, int]:
    """Re-apply the OCR table to text already stored (after the table changed); returns rows changed per model.

    A bulletin's text is corrected with its evidence: offsets move with the corrections and each sentence
    is re-read from the corrected text. Records are saved one by one so the search index follows.
    """
    table = ocr_table()
    changed: dict[str, int] = {}
    if not table:
        return changed

    def containing(field_name: str) -> models.Q:
        return functools.reduce(operator.or_, (models.Q(**{f"{field_name}__contains": wrong})
                                               for wrong, _right in table))

    for bulletin in Bulletin.objects.filter(containing("raw_text")):
        corrected, shifts = ocr_correct(bulletin.raw_text, table)
        bulletin.raw_text = corrected
        bulletin.save(update_fields=["raw_text"])
        evidence = list(bulletin.evidence.all())
        for span in evidence:
            span.start, span.end = ocr_shift(span.start, shifts), ocr_shift(span.end, shifts)
            span.sentence = corrected[span.start:span.end]
        Evidence.objects.bulk_update(evidence, ["start", "end", "sentence"], batch_size=500)
        figures_changed()  # bulk_update() sends no signal
        changed["bulletin text"] = changed.get("bulletin text", 0) + 1
        changed["evidence"] = changed.get("evidence", 0) + len(evidence)
    for model, field_names in OCR_TEXT_FIELDS:
        condition = functools.reduce(operator.or_, (containing(name) for name in field_names))
        for obj in model.objects.filter(condition):
            for name in field_names:
                setattr(obj, name, ocr_correct(getattr(obj, name), table)[0])
            obj.save(update_fields=list(field_names))
            changed[model._meta.model_name] = changed.get(model._meta.model_name, 0) + 1
    return changed


def known_names_from_db(text: str) -> KnownNames:
    """Names the database knows that occur in this text, so the parser recognises them."""
    return known_names_for_text(text)


def bulletin_parse(*, text: str, issued_on: datetime.date) -> dict:
    """The extraction of a bulletin in its JSON form, with what the database already knows."""
    return parse(text, issued_on, known_names=known_names_for_text(text),
                 ocr_table=str(settings.OCR_CORRECTIONS_FILE)).to_schema()


def guess_organization_kind(name: str) -> str:
    if name.endswith(GOVERNMENT_SUFFIXES) or name in ("开发区", "经开区") or name.endswith(("开发区", "经开区")):
        return Organization.Kind.GOVERNMENT
    if name.endswith(OTHER_SUFFIXES):
        return Organization.Kind.OTHER
    return Organization.Kind.ENTERPRISE


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


def _extraction_names(extraction: dict) -> dict[str, set[str]]:
    """Every name of each kind the extraction mentions, wherever it mentions it."""
    people, organizations, projects = set(), set(), set()
    for org in extraction.get("organizations") or []:
        organizations.update(filter(None, [org.get("name"), org.get("full_name")]))
    for person in extraction.get("people") or []:
        people.add(person.get("name"))
        organizations.update(t.get("organization") for t in person.get("titles") or [])
    for project in extraction.get("projects") or []:
        projects.update([project.get("name"), *(project.get("aliases") or [])])
        organizations.add(project.get("enterprise"))
    for event in extraction.get("events") or []:
        people.update(event.get("people") or [])
        projects.update(event.get("projects") or [])
    for item in (extraction.get("problems") or []) + (extraction.get("requirements") or []):
        projects.add(item.get("project"))
        people.update([item.get("person"), item.get("owner")])
        organizations.add(item.get("owner_unit"))
    return {RecordName.Kind.PERSON: people, RecordName.Kind.ORGANIZATION: organizations,
            RecordName.Kind.PROJECT: projects}


class _Matcher:
    """Finds the existing records an extraction names, by normalised name and alias, in a few indexed queries.

    Only the names the bulletin mentions are looked up, so an import costs the same in a database of
    a hundred projects or a hundred thousand. Records the import creates are added as it goes.
    """

    def __init__(self, extraction: dict):
        names = _extraction_names(extraction)
        self.people: dict[str, Person] = records_by_key(RecordName.Kind.PERSON, names[RecordName.Kind.PERSON])
        self.organizations: dict[str, Organization] = records_by_key(
            RecordName.Kind.ORGANIZATION, names[RecordName.Kind.ORGANIZATION])
        self.projects: dict[str, Project] = records_by_key(RecordName.Kind.PROJECT, names[RecordName.Kind.PROJECT])

    def organization(self, name):
        return self.organizations.get(name_key(name))

    def project(self, name):
        return self.projects.get(project_key(name))

    def person(self, name):
        return self.people.get(name_key(name))

    def remember(self, kind: str, name: str, obj) -> None:
        table = {RecordName.Kind.PERSON: self.people, RecordName.Kind.ORGANIZATION: self.organizations,
                 RecordName.Kind.PROJECT: self.projects}[kind]
        table[record_key(kind, name)] = obj


def _event_before(events: list[dict], item: dict) -> dict | None:
    """The event a problem or requirement belongs to: the last one that starts before it in the text."""
    start = min((span["start"] for span in item.get("evidence") or []), default=None)
    if start is None:
        return None
    before = [e for e in events if e.get("evidence") and min(s["start"] for s in e["evidence"]) <= start]
    return max(before, key=lambda e: min(s["start"] for s in e["evidence"]), default=None)


def problems_propose(extraction: dict, matcher: _Matcher) -> None:
    """Give each problem that has none an owner and a deadline to review, so the overdue rules can flag it.

    The owner is the project's 包挂 leader: an open assignment in the database, or the official leading a
    visit whose sentence says 包挂; the unit is where that leader holds a post. The deadline is
    settings.BULLETIN_PROBLEM_DUE_DAYS after the day the problem was raised.
    """
    problems = extraction.get("problems") or []
    if not problems:
        return
    issued = _date(extraction.get("issued")) or timezone.localdate()
    events = extraction.get("events") or []
    named = [item.get("project") for item in problems] + [n for e in events for n in e.get("projects") or []]
    projects = [p for p in (matcher.project(name) for name in named if name) if p]
    leaders: dict[int, Person] = {}
    # "lead" sorts before "liaison" and "responsible": the 包挂 leader first, else another assigned official.
    for assignment in (Assignment.objects.filter(project__in=projects, ended_on__isnull=True)
                       .select_related("person").order_by("project", "role", "pk")):
        leaders.setdefault(assignment.project_id, assignment.person)
    posts_in_text = {p["name"]: (p.get("titles") or [{}])[0].get("organization")
                     for p in extraction.get("people") or []}
    units: dict[int, str | None] = {}  # a leader's unit, read once per leader
    for item in problems:
        event = _event_before(events, item)
        raised = _date(event.get("date")) if event else None
        leader, unit = None, None
        project = matcher.project(item.get("project")) if item.get("project") else None
        if project is not None and project.pk in leaders:
            leader = leaders[project.pk].name
        elif event and event.get("people") and any(ASSIGNMENT_WORD in s["sentence"] for s in event["evidence"]):
            leader = event["people"][0]
        elif event:
            visited = [p for p in (matcher.project(name) for name in event.get("projects") or []) if p]
            leader = next((leaders[p.pk].name for p in visited if p.pk in leaders), None)
        if leader:
            unit = posts_in_text.get(leader)
            known = matcher.person(leader)
            if unit is None and known is not None:
                if known.pk not in units:
                    post = known.positions.exclude(organization=None).select_related("organization").order_by(
                        "-last_seen").first()
                    units[known.pk] = post.organization.name if post else None
                unit = units[known.pk]
        item.setdefault("owner", leader or "")
        item.setdefault("owner_unit", unit or "")
        due = (raised or issued) + datetime.timedelta(days=settings.BULLETIN_PROBLEM_DUE_DAYS)
        item.setdefault("due_date", due.isoformat())
        item.setdefault("raised_on", (raised or issued).isoformat())


RECORD_KINDS = {"people": RecordName.Kind.PERSON, "organizations": RecordName.Kind.ORGANIZATION,
                "projects": RecordName.Kind.PROJECT}


def extraction_preview(extraction: dict) -> dict:
    """The extraction with each proposed record marked new, matches (an existing record), changes (one) or
    similar (to existing records, listed as `candidates` to merge into, best first)."""
    extraction = {**extraction, "problems": [dict(item) for item in extraction.get("problems") or []]}
    matcher = _Matcher(extraction)
    problems_propose(extraction, matcher)
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
    for key, kind in RECORD_KINDS.items():
        for item in preview[key]:
            if item["status"] != "new":
                continue
            name = item.get("full_name") or item["name"] if key == "organizations" else item["name"]
            candidates = similar_records(kind, name)
            if candidates:
                item["status"] = "similar"
                item["candidates"] = candidates
                # Only a place or a legal form apart: proposed as the same record, the reviewer can undo it.
                item["merge_default"] = candidates[0].pk if candidates[0].same_core else None
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

    def __init__(self, bulletin: Bulletin, report: ImportReport, matcher: _Matcher):
        self.bulletin = bulletin
        self.report = report
        self.matcher = matcher
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

    # --- what the reviewer merged or renamed ---
    def apply_merges(self, extraction: dict) -> None:
        """A proposal merged at review is the chosen record: every later mention of its name finds it."""
        for key, kind in RECORD_KINDS.items():
            items = [item for item in extraction.get(key) or [] if item.get("merge_into")]
            targets = RECORD_MODELS[kind].objects.in_bulk({int(item["merge_into"]) for item in items})
            for item in items:
                target = targets.get(int(item["merge_into"]))
                if target is None:
                    self.report.skipped.append(f"merge of {item['name']} (record {item['merge_into']} is gone)")
                    continue
                for name in filter(None, [item.get("name"), item.get("full_name")]):
                    self.matcher.remember(kind, name, target)

    def learn_aliases(self, extraction: dict) -> None:
        """The parser's name of a merged or renamed record becomes an alias, so the next import matches it."""
        for key, kind in RECORD_KINDS.items():
            lookup = {RecordName.Kind.PERSON: self.matcher.person, RecordName.Kind.PROJECT: self.matcher.project,
                      RecordName.Kind.ORGANIZATION: self.matcher.organization}[kind]
            for item in extraction.get(key) or []:
                learned = [item.get("proposed_name")]
                if item.get("merge_into"):
                    learned += [item.get("name"), item.get("full_name")]
                obj = lookup(item.get("full_name") or item["name"] if key == "organizations" else item["name"])
                for alias in filter(None, learned):
                    if obj is not None and record_alias_add(obj=obj, alias=alias):
                        self.matcher.remember(kind, alias, obj)
                        self.note(False, "alias", f"{alias} → {obj.name}")

    # --- organizations ---
    def organization(self, name: str | None, *, kind: str | None = None) -> Organization | None:
        if not name:
            return None
        existing = self.matcher.organization(name)
        if existing is not None:
            return existing
        kind = kind or self.org_kinds.get(name_key(name)) or guess_organization_kind(name)
        org = organization_create(name=name, kind=kind)
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
                person = person_create(name=item["name"])
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
        # The product keeps capacities of different products apart wherever they are added up (dashboard).
        product = next((capacity_product(span.get("sentence") or "", value, item["unit"])
                        for span in item.get("evidence") or []), "")
        capacity, created = Capacity.objects.get_or_create(
            project=project, value=value, unit=item["unit"], defaults={"phase": phase, "product": product}
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
            person = person_create(name=name)
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
            due = _date(item.get("due_date"))
            fields = {
                "project": project, "category": categories.get(item.get("category"), fallback),
                "description": item.get("phrase") or item.get("category"), "raised_on": raised_on,
            }
            # Through the service the pages use, so an imported problem opens its trail like any other.
            problem = Problem.objects.filter(**fields).order_by("pk").first()
            created = problem is None
            if created:
                problem = problem_create(
                    **fields, meeting=meeting, created_by=None,
                    owner_person=self.person_named(item["owner"]) if item.get("owner") else None,
                    owner_unit=self.organization(item.get("owner_unit")),
                    due_date=due if due and due >= raised_on else None,
                    note=f"{self.bulletin.issued_on:%Y-%m-%d} {self.bulletin.title}",
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


class BulletinAlreadyImported(ValueError):
    """Raised at upload: this text was imported before (or waits for review); `earlier` is where."""

    def __init__(self, earlier: Bulletin | ImportJob):
        super().__init__(f"already imported: {earlier}")
        self.earlier = earlier


def bulletin_title(text: str, typed: str = "") -> str:
    """What the admin typed, else the text's first line (the headline of a pasted article)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return (typed.strip() or first)[:300]


@transaction.atomic
def bulletin_import(
    *, text: str, issued_on: datetime.date, extraction: dict | None = None, file_name: str = "", user=None,
    title: str = "",
) -> ImportReport:
    """Import one bulletin. Re-importing the same text writes nothing (the checksum of its normalised text
    is unique). The OCR table corrects the text before it is parsed and stored, so every sentence shown
    later (summaries, evidence, search) reads corrected."""
    report = ImportReport()
    checksum = text_checksum(text)
    duplicate = bulletin_already_imported(checksum)
    if duplicate is not None:
        report.duplicate_of = duplicate
        return report
    text, _shifts = ocr_correct(text)
    if extraction is None:
        extraction = bulletin_parse(text=text, issued_on=issued_on)
    articles = extraction.get("articles") or []
    title = (title.strip() or (articles[0]["headline"] if articles else "") or bulletin_title(text))[:300]
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
    extraction = {**extraction, "problems": [dict(item) for item in extraction.get("problems") or []]}
    matcher = _Matcher(extraction)
    problems_propose(extraction, matcher)
    writer = _Writer(bulletin, report, matcher)
    with search_indexing_deferred():
        writer.apply_merges(extraction)
        writer.write_organizations(extraction.get("organizations") or [])
        writer.write_people(extraction.get("people") or [])
        writer.write_projects(extraction.get("projects") or [])
        writer.learn_aliases(extraction)
        meetings = writer.write_events(extraction.get("events") or [])
        writer.write_problems(extraction.get("problems") or [], meetings)
        writer.write_requirements(extraction.get("requirements") or [], meetings)
        writer.write_indicators(extraction.get("indicators") or [])
        writer.flush_evidence()
    figures_changed()
    return report


# A larger bulletin is parsed in a task so the upload page answers at once.
ASYNC_PARSE_BYTES = 200 * 1024


# A job still "parsing" this long after it was queued (or created) was lost: a worker or web process died,
# or the broker dropped it. Longer than the parse task's hard time limit, so a running parse is left alone.
STALE_PARSE_AFTER = datetime.timedelta(minutes=10)
# Publishing retries a broker that refuses a few times before the job is marked not queued.
PUBLISH_RETRY_POLICY = {"max_retries": 3, "interval_start": 0.5, "interval_step": 0.5, "interval_max": 2}


def import_job_create(*, text: str, issued_on: datetime.date, file_name: str, user, title: str = "") -> ImportJob:
    """Stage a bulletin for review; parse it now, or in a task when it is large.

    A text already imported, or already waiting for review, is refused here (BulletinAlreadyImported),
    before anyone reviews it a second time.
    """
    checksum = text_checksum(text)
    earlier = bulletin_already_imported(checksum) or import_job_pending(checksum)
    if earlier is not None:
        raise BulletinAlreadyImported(earlier)
    title = title.strip() or ("" if file_name else bulletin_title(text))
    job = ImportJob.objects.create(text=text, issued_on=issued_on, file_name=file_name[:255], created_by=user,
                                   title=title[:300], checksum=checksum)
    if len(text.encode("utf-8")) > ASYNC_PARSE_BYTES:
        # After commit, so the worker finds the row; robust, so a dead broker never fails the upload.
        transaction.on_commit(lambda: import_job_enqueue(job.pk), robust=True)
    else:
        import_job_parse(job)
    return job


def import_job_enqueue(job_id: int) -> bool:
    """Hand a job's parse to the broker, retrying; if it still cannot, mark the job "not queued" and say why."""
    from .tasks import parse_import_job

    waiting = [ImportJob.Status.PARSING, ImportJob.Status.UNQUEUED]
    if not ImportJob.objects.filter(pk=job_id, status__in=waiting).update(status=ImportJob.Status.PARSING):
        return False  # parsed meanwhile, or gone
    try:
        parse_import_job.apply_async(args=[job_id], retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception as error:  # noqa: BLE001 - kombu and redis raise many kinds; the job must record any of them
        logger.warning("import job %s could not be queued: %r", job_id, error)
        ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PARSING).update(
            status=ImportJob.Status.UNQUEUED, error=f"{type(error).__name__}: {error}"[:1000]
        )
        return False
    ImportJob.objects.filter(pk=job_id).update(queued_at=timezone.now())
    return True


def import_jobs_requeue_stale(*, now: datetime.datetime | None = None) -> int:
    """Queue again the jobs not queued, and those "parsing" long after they were queued; the number queued."""
    cutoff = (now or timezone.now()) - STALE_PARSE_AFTER
    stale = ImportJob.objects.filter(
        models.Q(status=ImportJob.Status.UNQUEUED)
        | models.Q(status=ImportJob.Status.PARSING, queued_at__lt=cutoff)
        | models.Q(status=ImportJob.Status.PARSING, queued_at__isnull=True, created_at__lt=cutoff)
    )
    return sum(import_job_enqueue(pk) for pk in stale.values_list("pk", flat=True))


def import_job_parse(job: ImportJob) -> None:
    try:
        # Parsed as it will be stored: corrected, so the evidence offsets point into the stored text.
        job.extraction = bulletin_parse(text=ocr_correct(job.text)[0], issued_on=job.issued_on)
        job.status = ImportJob.Status.READY
    except Exception as error:  # noqa: BLE001 - the admin must see why, not a 500 page
        job.status, job.error = ImportJob.Status.FAILED, f"{type(error).__name__}: {error}"
    job.save(update_fields=["extraction", "status", "error"])


def import_job_confirm(*, job: ImportJob, extraction: dict, user, title: str = "") -> ImportReport:
    """Import a reviewed extraction; claiming the job first means a double click imports once."""
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
            status=ImportJob.Status.IMPORTED
        )
        if not claimed:
            raise ValueError("This import job is not ready or was imported already.")
        report = bulletin_import(
            text=job.text, issued_on=job.issued_on, extraction=extraction, file_name=job.file_name, user=user,
            title=title or job.title,
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


class ReviewError(ValueError):
    """A reviewed value that cannot be imported; the message says which and why."""


PROBLEM_FIELDS = ("owner", "owner_unit", "due_date")


def extraction_review(
    extraction: dict, *, kept: dict[str, set[int]], renames: dict[str, dict[int, str]],
    merges: dict[str, dict[int, int]] | None = None, problems: dict[int, dict[str, str]] | None = None,
) -> dict:
    """Apply an admin's review: drop unticked items, rename corrected ones, merge others into existing records
    (`merges`: kind → index → record id), set problems' owners and deadlines, and follow renames into references.

    Raises ReviewError, before anything is written, for a deadline that is no date or falls before the problem.
    """
    merges, problems = merges or {}, problems or {}
    issued = _date(extraction.get("issued"))
    for index, values in problems.items():
        if not values.get("due_date"):
            continue
        due = _date(values["due_date"])
        if due is None:
            raise ReviewError(_("Problem %(number)d: the deadline %(value)s is not a date (YYYY-MM-DD).")
                              % {"number": index + 1, "value": values["due_date"]})
        item = (extraction.get("problems") or [])[index] if index < len(extraction.get("problems") or []) else {}
        event = _event_before(extraction.get("events") or [], item)
        raised = (_date(event.get("date")) if event else None) or issued
        if raised and due < raised:
            message = _("Problem %(number)d: the deadline %(due)s is before the day it was raised (%(raised)s).")
            raise ReviewError(message % {"number": index + 1, "due": due, "raised": raised})
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
            merge_into = merges.get(kind, {}).get(index)
            if kind in RENAMABLE_KINDS and merge_into:
                item["merge_into"] = int(merge_into)
                item["proposed_name"] = item["name"]
            elif kind in RENAMABLE_KINDS and new_name and new_name != item["name"]:
                renamed[kind][item["name"]] = new_name
                item["proposed_name"] = item["name"]
                item["name"] = new_name
            if kind == "problems" and index in problems:
                item.update({name: (problems[index].get(name) or "").strip() for name in PROBLEM_FIELDS})
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
