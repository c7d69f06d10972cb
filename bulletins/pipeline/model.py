"""Dataclasses for what the parser finds, and their JSON form (the extraction schema)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .quantities import json_number


@dataclass(frozen=True)
class Evidence:
    """A span of the ORIGINAL text: original[start:end] == sentence."""

    start: int
    end: int
    sentence: str

    def to_schema(self) -> dict:
        return {"start": self.start, "end": self.end, "sentence": self.sentence}


def _evidence(items: list[Evidence]) -> list[dict]:
    seen, out = set(), []
    for ev in items:
        if (ev.start, ev.end) not in seen:
            seen.add((ev.start, ev.end))
            out.append(ev.to_schema())
    return out


@dataclass
class KnownNames:
    """Names the database already knows; aliases map a short name to its canonical name."""

    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass
class Post:
    title: str
    organization: str | None
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"title": self.title, "organization": self.organization, "evidence": _evidence(self.evidence)}


@dataclass
class Person:
    name: str
    titles: list[Post] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def add_post(self, post: Post) -> None:
        for existing in self.titles:
            if existing.title == post.title and existing.organization == post.organization:
                existing.evidence.extend(post.evidence)
                return
        self.titles.append(post)

    def to_schema(self) -> dict:
        return {"name": self.name, "titles": [t.to_schema() for t in self.titles], "evidence": _evidence(self.evidence)}


@dataclass
class Organization:
    name: str
    kind: str
    full_name: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        out = {"name": self.name, "kind": self.kind}
        if self.full_name:
            out["full_name"] = self.full_name
        out["evidence"] = _evidence(self.evidence)
        return out


@dataclass
class Capacity:
    value: Decimal
    unit: str
    phase: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"value": json_number(self.value), "unit": self.unit, "phase": self.phase,
                "evidence": _evidence(self.evidence)}


@dataclass
class Phase:
    name: str
    investment_yuan: Decimal | None = None
    capacities: list[Capacity] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"name": self.name, "investment_yuan": json_number(self.investment_yuan),
                "capacities": [c.to_schema() for c in self.capacities], "evidence": _evidence(self.evidence)}


@dataclass
class Milestone:
    name: str
    phase: str | None
    planned_date: datetime.date | None
    statement: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"name": self.name, "phase": self.phase,
                "planned_date": self.planned_date.isoformat() if self.planned_date else None,
                "statement": self.statement, "evidence": _evidence(self.evidence)}


@dataclass
class Progress:
    statement: str
    phase: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"statement": self.statement, "phase": self.phase, "evidence": _evidence(self.evidence)}


@dataclass
class Project:
    name: str
    enterprise: str | None = None
    investment_yuan: Decimal | None = None
    capacities: list[Capacity] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def phase(self, name: str) -> Phase:
        for phase in self.phases:
            if phase.name == name:
                return phase
        phase = Phase(name)
        self.phases.append(phase)
        return phase

    def add_capacity(self, capacity: Capacity) -> None:
        if not any(c.value == capacity.value and c.unit == capacity.unit for c in self.capacities):
            self.capacities.append(capacity)

    def to_schema(self) -> dict:
        return {
            "name": self.name,
            "enterprise": self.enterprise,
            "investment_yuan": json_number(self.investment_yuan),
            "capacities": [c.to_schema() for c in self.capacities],
            "phases": [p.to_schema() for p in self.phases],
            "milestones": [m.to_schema() for m in self.milestones],
            "progress": [p.to_schema() for p in self.progress],
            "aliases": list(self.aliases),
            "evidence": _evidence(self.evidence),
        }


@dataclass
class Event:
    date: datetime.date
    part_of_day: str | None
    kind: str
    title: str
    people: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    projects: list[str] = field(default_factory=list)
    article: int | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"date": self.date.isoformat(), "part_of_day": self.part_of_day, "kind": self.kind,
                "title": self.title, "people": list(self.people), "roles": dict(self.roles),
                "projects": list(self.projects), "article": self.article, "evidence": _evidence(self.evidence)}


@dataclass
class Indicator:
    name: str
    value: Decimal
    unit: str
    period: str | None
    growth_percent: Decimal | None = None
    evidence: list[Evidence] = field(default_factory=list)
    at: int | None = field(default=None, repr=False, compare=False)  # where its figure starts (cleaned text)

    def to_schema(self) -> dict:
        return {"name": self.name, "value": json_number(self.value), "unit": self.unit, "period": self.period,
                "growth_percent": json_number(self.growth_percent), "evidence": _evidence(self.evidence)}


@dataclass
class Problem:
    category: str
    phrase: str
    project: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"category": self.category, "phrase": self.phrase, "project": self.project,
                "evidence": _evidence(self.evidence)}


@dataclass
class Requirement:
    person: str
    verb: str
    text: str
    project: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"person": self.person, "verb": self.verb, "text": self.text, "project": self.project,
                "evidence": _evidence(self.evidence)}


@dataclass
class Article:
    headline: str
    subheadlines: list[str]
    kind: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {"headline": self.headline, "subheadlines": list(self.subheadlines), "kind": self.kind,
                "evidence": _evidence(self.evidence)}


@dataclass
class Extraction:
    issued: datetime.date
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def to_schema(self) -> dict:
        return {
            "issued": self.issued.isoformat(),
            "people": [p.to_schema() for p in self.people],
            "organizations": [o.to_schema() for o in self.organizations],
            "projects": [p.to_schema() for p in self.projects],
            "events": [e.to_schema() for e in self.events],
            "indicators": [i.to_schema() for i in self.indicators],
            "problems": [p.to_schema() for p in self.problems],
            "requirements": [r.to_schema() for r in self.requirements],
            "articles": [a.to_schema() for a in self.articles],
        }
