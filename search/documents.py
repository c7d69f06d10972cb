"""What is searchable: for each model, the queryset to read it with, its title and its text."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from bulletins.models import Bulletin
from enterprises.models import Organization, Person
from meetings.models import Meeting
from projects.models import Problem, Project


def _join(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _aliases(obj) -> str:
    return " ".join(obj.aliases or [])


@dataclass(frozen=True)
class DocumentSpec:
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet]
    title: Callable[[models.Model], str]
    body: Callable[[models.Model], str]


SPECS = (
    DocumentSpec(
        Project,
        lambda: Project.objects.select_related("builder"),
        lambda p: p.name,
        lambda p: _join(_aliases(p), p.builder, p.industry, p.location, p.description),
    ),
    DocumentSpec(
        Organization,
        lambda: Organization.objects.all(),
        lambda o: o.name,
        lambda o: _join(o.short_name, _aliases(o), o.industry),
    ),
    DocumentSpec(
        Person,
        lambda: Person.objects.prefetch_related("positions__organization"),
        lambda p: p.name,
        lambda p: _join(
            _aliases(p), *(f"{pos.organization or ''}{pos.title}" for pos in p.positions.all()), p.notes
        ),
    ),
    DocumentSpec(
        Meeting,
        lambda: Meeting.objects.all(),
        lambda m: str(m),
        lambda m: _join(m.location, m.summary),
    ),
    DocumentSpec(
        Problem,
        lambda: Problem.objects.select_related("category", "project"),
        lambda p: p.description[:80],
        lambda p: _join(p.category, p.project, p.description, p.resolution),
    ),
    DocumentSpec(
        Bulletin,
        lambda: Bulletin.objects.all(),
        lambda b: str(b),
        lambda b: b.raw_text,
    ),
)
SPEC_BY_MODEL = {spec.model: spec for spec in SPECS}

