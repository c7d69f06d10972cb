import datetime

import pytest
from django.db import connection
from django.utils import timezone

from alerts.models import Alert, Severity, SubjectType
from alerts.services import projects_lag_refresh
from enterprises.models import Person
from projects.management.commands.generate_synthetic import generate
from projects.models import Assignment, Project

# 14: the project page's chase log (催办, notify) is one query of its own, and the page reads the alert
# settings once for its problems' and follow-ups' lights (alerts.lights).
PAGE_BUDGET = 14


@pytest.fixture(autouse=True)
def _database_features_known(db):
    # SQLite checks once per connection whether it has JSON functions; that check is not a page's query.
    connection.features.supports_json_field  # noqa: B018


@pytest.fixture
def synthetic(db):
    """synthetic(n) → fill the database with n synthetic projects (seed 7) and return them."""

    def make(projects, **options):
        generate(projects=projects, seed=options.pop("seed", 7), **options)
        return list(Project.objects.order_by("pk"))

    return make


@pytest.fixture
def flag(db):
    """flag(project, severity) → an open alert saying the project lags."""

    def make(project, severity=Severity.RED):
        now = timezone.now()
        alert = Alert.objects.create(
            rule="behind_schedule", subject_type=SubjectType.PROJECT, project=project, severity=severity,
            first_flagged=now - datetime.timedelta(days=3), last_seen=now,
        )
        projects_lag_refresh()  # what the scan does after writing alerts
        return alert

    return make


@pytest.fixture
def official_person(official):
    """The `official` user's person, linked for 'my projects'."""
    return Person.objects.create(name="测试领导", user=official)


@pytest.fixture
def assign(db):
    def make(person, project, role=Assignment.Role.LEAD):
        return Assignment.objects.create(person=person, project=project, role=role)

    return make
