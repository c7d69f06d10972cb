"""One user per role, as every permission test needs them."""

import datetime
import os
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone

from accounts.policy import Role
from accounts.services import user_role_set
from enterprises.models import Organization, Person, Position
from lib import figures
from meetings.models import Attendance, FollowUp, Meeting, Requirement
from projects.models import (
    AnnualPlan,
    Assignment,
    Attachment,
    Capacity,
    InvestmentReport,
    Milestone,
    Phase,
    Problem,
    ProblemCategory,
    ProblemUpdate,
    ProgressReport,
    Project,
)

# The rows data migrations make (role groups and their permissions, problem categories, alert settings).
REFERENCE_DATA = [
    ("accounts.migrations.0001_role_groups", "create_role_groups"),
    ("enterprises.migrations.0003_load_gbt4754_industries", "load"),
    ("projects.migrations.0002_problem_categories", "add_categories"),
    ("projects.migrations.0005_milestone_template_defaults", "add_templates"),
    ("alerts.migrations.0002_defaults_permissions_schedule", "create_settings"),
    ("alerts.migrations.0002_defaults_permissions_schedule", "grant_permissions"),
    ("accounts.migrations.0002_roles_drive_flags", "clear_group_permissions_and_sync_flags"),
]


def pytest_configure(config):
    # Parallel test processes (pytest-xdist) share one Redis: each keeps its cache keys to itself.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        settings.CACHES["default"]["KEY_PREFIX"] = worker


def pytest_collection_modifyitems(items):
    # Tests that start real workers and cut connections run one after another, on one test process.
    for item in items:
        if item.get_closest_marker("services"):
            item.add_marker(pytest.mark.xdist_group("services"))


@pytest.fixture(scope="session")
def migrated_apps():
    """The models as the migrations leave them: what data migrations expect instead of the live registry."""
    return MigrationLoader(None, ignore_no_migrations=True).project_state().apps


@pytest.fixture(autouse=True)
def reference_data_after_flush(request):
    """A transactional test flushes the database after itself, data migrations' rows too: put them back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if not transactional and not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    historical = request.getfixturevalue("migrated_apps")
    # The flush removed content types; neither registry may answer from what it cached before.
    ContentType.objects.clear_cache()
    historical.get_model("contenttypes", "ContentType").objects.clear_cache()
    for module, function in REFERENCE_DATA:
        getattr(import_module(module), function)(historical, None)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Tests make many users; the real hasher is slow on purpose and would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_figures():
    # Each test starts from its own data, so figures cached by an earlier test must not be read.
    cache.delete(figures.VERSION_KEY)


def _user(username: str, role: Role | None) -> User:
    user = User.objects.create_user(username=username, password="correct-horse-battery-staple")
    user_role_set(user=user, role=role)
    return user


@pytest.fixture
def official(db):
    return _user("official", Role.OFFICIAL)


@pytest.fixture
def staff(db):
    return _user("staff", Role.STAFF)


@pytest.fixture
def other_staff(db):
    return _user("other_staff", Role.STAFF)


@pytest.fixture
def admin(db):
    return _user("admin", Role.ADMIN)


@pytest.fixture
def outsider(db):
    """Logged in, but in no role group."""
    return _user("outsider", None)


@pytest.fixture
def client_as():
    """client_as(user) → a test client logged in as that user (None: anonymous)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def one_of_each(db, staff, official, settings, tmp_path):
    """One row of every model the URL kwargs may name, owned so that staff may edit what they log."""
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    organization = Organization.objects.create(name="矩阵测试有限公司")
    person = Person.objects.create(name="矩阵人员")
    project = Project.objects.create(
        name="矩阵测试项目", builder=organization, planned_start=today - datetime.timedelta(days=90)
    )
    phase = Phase.objects.create(project=project, name="一期")
    milestone = Milestone.objects.create(project=project, phase=phase, name="开工", planned_date=today)
    category = ProblemCategory.objects.order_by("pk").first()
    meeting = Meeting.objects.create(title="矩阵会议", date=today, author=staff)
    problem = Problem.objects.create(project=project, category=category, description="矩阵问题", meeting=meeting)
    requirement = Requirement.objects.create(meeting=meeting, text="矩阵要求", issued_by=person, project=project)
    attachment = Attachment(project=project, original_name="a.pdf", mime_type="application/pdf", size=9,
                            uploaded_by=staff)
    attachment.file.save("attachments/matrix.pdf", ContentFile(b"%PDF-1.4 x"), save=False)
    attachment.save()
    made = [
        organization, person, project, phase, milestone, category, meeting, problem, requirement, attachment,
        Position.objects.create(person=person, organization=organization, title="总经理"),
        Capacity.objects.create(project=project, value=Decimal("300"), unit="MW"),
        ProgressReport.objects.create(project=project, date=today, percent_complete=Decimal("10")),
        AnnualPlan.objects.create(project=project, year=today.year, planned_investment=Decimal("1000")),
        InvestmentReport.objects.create(project=project, year=today.year, month=1, amount=Decimal("10")),
        Assignment.objects.create(person=Person.objects.create(name="矩阵领导", user=official), project=project),
        ProblemUpdate.objects.create(problem=problem, text="矩阵答复"),
        Attendance.objects.create(meeting=meeting, person=person),
        FollowUp.objects.create(requirement=requirement, due_date=today),
    ]
    objects = {type(obj)._meta.model_name: obj for obj in made}
    objects["user"] = User.objects.order_by("pk").first()
    objects["contenttype"] = ContentType.objects.order_by("pk").first()
    # Models of other apps the test does not know: the first row, if one exists.
    for model in apps.get_models():
        objects.setdefault(model._meta.model_name, model._default_manager.order_by("pk").first())
    return objects
