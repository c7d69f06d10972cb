"""What is searchable: for each model, the columns to read, its title and its text.

Documents are built from values() rows, never model instances, so that the rebuild reads 100,000
records a few thousand at a time in a few statements; a save re-indexes its record through the same
functions, so the live index and a rebuilt one cannot differ.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from bulletins.models import Bulletin
from enterprises.models import Organization, Person, Position
from meetings.models import Meeting
from projects.models import Phase, Problem, Project

Row = dict
# Lines of text from related rows, by the id of the record they belong to.
RelatedLines = Callable[[Iterable[int]], dict[int, list[str]]]


def _join(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _aliases(row: Row) -> str:
    return " ".join(row["aliases"] or [])


def _phase_lines(project_ids) -> dict[int, list[str]]:
    # A project is found by its phases' names and descriptions (一期, 二期 and what each builds).
    lines = defaultdict(list)
    phases = Phase.objects.filter(project_id__in=project_ids).order_by("project_id", "order", "pk")
    for project_id, name, description in phases.values_list("project_id", "name", "description"):
        lines[project_id] += [name, description]
    return lines


def _post_lines(person_ids) -> dict[int, list[str]]:
    lines = defaultdict(list)
    posts = Position.objects.filter(person_id__in=person_ids).order_by("person_id", "-last_seen", "pk")
    for person_id, organization, title in posts.values_list("person_id", "organization__name", "title"):
        lines[person_id].append(f"{organization or ''}{title}")
    return lines


@dataclass(frozen=True)
class DocumentSpec:
    model: type[models.Model]
    fields: tuple[str, ...]  # read with values(); the record's id is always read as "id"
    title: Callable[[Row], str]
    body: Callable[[Row], str]  # reads row["related"] when `related` is set
    url_name: str  # the record's page, which takes its id
    related: RelatedLines | None = field(default=None)


# In this order, the rebuild meets a builder as an organization before its project, and a project
# before its problems, so the cut of each name is made once (see services.REBUILD_LINE_CACHE).
SPECS = (
    DocumentSpec(
        Organization,
        ("name", "short_name", "aliases", "industry"),
        lambda o: o["name"],
        lambda o: _join(o["short_name"], _aliases(o), o["industry"]),
        "enterprises:organization_detail",
    ),
    DocumentSpec(
        Project,
        ("name", "aliases", "builder__name", "industry", "location", "description"),
        lambda p: p["name"],
        lambda p: _join(_aliases(p), p["builder__name"], p["industry"], p["location"], p["description"], *p["related"]),
        "projects:detail",
        related=_phase_lines,
    ),
    DocumentSpec(
        Problem,
        ("description", "resolution", "category__name", "project__name"),
        lambda p: p["description"][:80],
        lambda p: _join(p["category__name"], p["project__name"], p["description"], p["resolution"]),
        "projects:problem_detail",
    ),
    DocumentSpec(
        Person,
        ("name", "aliases", "notes"),
        lambda p: p["name"],
        lambda p: _join(_aliases(p), *p["related"], p["notes"]),
        "enterprises:person_detail",
        related=_post_lines,
    ),
    DocumentSpec(
        Meeting,
        ("date", "title", "location", "summary"),
        lambda m: str(Meeting(date=m["date"], title=m["title"])),
        lambda m: _join(m["location"], m["summary"]),
        "meetings:detail",
    ),
    DocumentSpec(
        Bulletin,
        ("issued_on", "title", "file_name", "raw_text"),
        lambda b: str(Bulletin(issued_on=b["issued_on"], title=b["title"], file_name=b["file_name"])),
        lambda b: b["raw_text"],
        "bulletins:detail",
    ),
)
SPEC_BY_MODEL = {spec.model: spec for spec in SPECS}
