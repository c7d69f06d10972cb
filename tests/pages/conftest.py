import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.models import Phase, Project


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def project(db):
    """A project with no planned period: no 序时进度 can be computed for it."""
    return Project.objects.create(name="测试新材料项目", total_investment=Decimal("500000000"))


@pytest.fixture
def phase(project):
    return Phase.objects.create(project=project, name="一期", order=1)


@pytest.fixture
def planned_project(db, today):
    return Project.objects.create(
        name="测试道路工程", planned_start=today - datetime.timedelta(days=100),
        planned_production=today + datetime.timedelta(days=100),
    )
