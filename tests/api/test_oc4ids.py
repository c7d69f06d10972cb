"""The OC4IDS export validates against the OC4IDS 0.9.3 project-package schema kept in api/oc4ids/schema/."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from api.oc4ids import SCHEMA_DIR
from projects.models import Milestone, Project


def validator() -> Draft4Validator:
    names = ("project-package-schema.json", "project-schema.json")
    schemas = {name: json.loads((SCHEMA_DIR / name).read_text()) for name in names}
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in schemas.values()
    )
    return Draft4Validator(schemas["project-package-schema.json"], registry=registry, format_checker=FormatChecker())


def assert_valid(package):
    errors = sorted(validator().iter_errors(package), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def package(api_as, official, world):
    today = timezone.localdate()
    Milestone.objects.create(
        project=world["projects"], name="设备进场", planned_date=today - datetime.timedelta(days=10),
        actual_date=today - datetime.timedelta(days=12),
    )
    Milestone.objects.create(
        project=world["projects"], name="环评批复", planned_date=today - datetime.timedelta(days=5)
    )
    Project.objects.create(name="安置房项目", stage=Project.Stage.SIGNED)
    response = api_as(official).get("/api/v1/oc4ids/")
    assert response.status_code == 200
    return response.json()


def test_the_package_is_valid_oc4ids(package):
    assert_valid(package)
    assert package["version"] == "0.9"


def test_the_validator_rejects_what_oc4ids_forbids(package):
    package["projects"][0]["status"] = "construction"
    package["projects"][0]["budget"]["amount"]["currency"] = "RMB"
    assert len(list(validator().iter_errors(package))) == 2


def test_a_project_carries_status_budget_parties_and_progress(package, world):
    project = next(p for p in package["projects"] if p["title"] == world["projects"].name)
    assert project["status"] == "implementation"
    assert project["budget"]["amount"] == {"amount": 1500000000, "currency": "CNY"}
    roles = {party["name"]: party["roles"] for party in project["parties"]}
    assert roles[world["organizations"].name] == ["builder"]
    assert ["publicAuthority"] in roles.values()
    [metric] = project["metrics"]
    assert metric["id"] == "physicalProgress"
    assert [o["measure"] for o in metric["observations"]] == [40]
    assert project["period"]["endDate"].startswith(world["projects"].planned_production.isoformat())


def test_milestones_are_met_not_met_or_scheduled(package, world):
    project = next(p for p in package["projects"] if p["title"] == world["projects"].name)
    statuses = {m["title"]: m["status"] for m in project["milestones"]}
    assert statuses == {"设备进场": "met", "环评批复": "notMet", "主体封顶": "scheduled"}
    met = next(m for m in project["milestones"] if m["status"] == "met")
    assert met["dateMet"] < met["dueDate"]
    assert {"id", "title", "dueDate", "status"} <= set(project["milestones"][0])


def test_documents_link_the_source_bulletins(package, world):
    project = next(p for p in package["projects"] if p["title"] == world["projects"].name)
    [document] = project["documents"]
    assert document["id"] == f"bulletin-{world['bulletins'].pk}"
    assert document["title"] == world["bulletins"].title


def test_a_signed_project_is_in_identification(package):
    project = next(p for p in package["projects"] if p["title"] == "安置房项目")
    assert project["status"] == "identification"
    assert "budget" not in project


def test_the_command_writes_the_same_valid_package(tmp_path, world, capsys):
    target = tmp_path / "oc4ids.json"
    call_command("export_oc4ids", str(target), "--base-url", "https://tracker.example.org")
    package = json.loads(target.read_text())
    assert_valid(package)
    assert package["uri"] == "https://tracker.example.org/api/v1/oc4ids/"
    assert [p["title"] for p in package["projects"]] == [world["projects"].name]
    assert "Wrote 1 projects" in capsys.readouterr().out


@pytest.mark.parametrize("role", ["official", "staff", "admin"])
def test_every_role_may_read_the_package(request, api_as, world, role):
    assert api_as(request.getfixturevalue(role)).get("/api/v1/oc4ids/").status_code == 200


def test_the_package_is_closed_to_outsiders_and_anonymous(api_as, outsider, world):
    assert api_as(outsider).get("/api/v1/oc4ids/").status_code == 403
    assert api_as(None).get("/api/v1/oc4ids/").status_code == 401


def test_the_package_is_read_only(api_as, admin, world):
    assert api_as(admin).post("/api/v1/oc4ids/", {}, format="json").status_code == 405


def test_amounts_keep_their_cents(api_as, official, world):
    Project.objects.filter(pk=world["projects"].pk).update(total_investment=Decimal("1234.56"))
    project = api_as(official).get("/api/v1/oc4ids/").json()["projects"][0]
    assert project["budget"]["amount"]["amount"] == 1234.56
