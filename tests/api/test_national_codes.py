"""The national codes through the API, the OC4IDS package and the list's export."""

import csv
import io

from django.urls import reverse
from django.utils.translation import gettext as _

from enterprises.models import Organization
from projects.models import Project

from .test_oc4ids import assert_valid

CODE = "2306-320924-89-02-799920"
CREDIT = "91350100M000100Y43"


def _coded(world):
    Organization.objects.filter(pk=world["organizations"].pk).update(credit_code=CREDIT, industry_code_id="38")
    Project.objects.filter(pk=world["projects"].pk).update(
        project_code=CODE, industry_code_id="3825", nature=Project.Nature.NEW,
        statistical_stage=Project.StatisticalStage.BUILDING, statistics_registered=True,
    )


def test_the_api_reads_the_codes_and_both_wordings(api_as, official, world):
    _coded(world)
    project = api_as(official).get(f"/api/v1/projects/{world['projects'].pk}/").json()
    assert (project["project_code"], project["industry_code"], project["industry_name"]) == (
        CODE, "3825", "光伏设备及元器件制造"
    )
    assert (project["nature"], project["statistical_stage"], project["statistics_registered"]) == (
        "new", "building", True
    )
    assert project["dispatch_stage"] in {"new_start", "continuing"}
    organization = api_as(official).get(f"/api/v1/organizations/{world['organizations'].pk}/").json()
    assert (organization["credit_code"], organization["industry_code"]) == (CREDIT, "38")


def test_the_api_refuses_a_bad_code_and_changes_nothing(api_as, admin, world):
    url = f"/api/v1/projects/{world['projects'].pk}/"
    response = api_as(admin).patch(url, {"project_code": "2306-320924-89-02"}, format="json")
    assert response.status_code == 400
    assert "4-6-2-2-6" in response.json()["project_code"][0]  # the example is the same in every language
    response = api_as(admin).patch(
        f"/api/v1/organizations/{world['organizations'].pk}/", {"credit_code": "91350100M000100Y4A"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["credit_code"] == [
        _("The last character of this unified social credit code does not match its check character.")
    ]
    response = api_as(admin).patch(url, {"industry_code": "9999"}, format="json")
    assert response.status_code == 400
    world["projects"].refresh_from_db()
    world["organizations"].refresh_from_db()
    assert (world["projects"].project_code, world["projects"].industry_code_id) == ("", None)
    assert world["organizations"].credit_code == ""


def test_the_api_writes_a_code_in_its_normal_form(api_as, admin, world):
    response = api_as(admin).patch(
        f"/api/v1/projects/{world['projects'].pk}/", {"project_code": "23063209248902799920"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["project_code"] == CODE


def test_the_oc4ids_package_names_the_schemes_and_stays_valid(api_as, official, world):
    _coded(world)
    package = api_as(official).get("/api/v1/oc4ids/").json()
    assert_valid(package)
    project = next(p for p in package["projects"] if p["title"] == world["projects"].name)
    assert project["type"] == "construction"
    assert {(c["scheme"], c["id"]) for c in project["additionalClassifications"]} == {
        ("GB/T 40058-2021", CODE), ("GB/T 4754-2017", "3825")
    }
    builder = next(p for p in project["parties"] if p["roles"] == ["builder"])
    assert builder["identifier"] == {"scheme": "CN-USCC", "id": CREDIT, "legalName": world["organizations"].name}


def test_the_export_carries_the_codes(client_as, official, world):
    _coded(world)
    response = client_as(official).get(reverse("projects:list"), {"export": "csv"})
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[:2]
    exported = dict(zip(header, row, strict=True))
    assert exported[_("Project code")] == CODE
    assert (exported[_("Industry code (GB/T 4754)")], exported[_("Industry (GB/T 4754)")]) == (
        "3825", "光伏设备及元器件制造"
    )
    assert exported[_("Nature of construction")] == Project.Nature.NEW.label
    assert exported[_("Statistical stage")] == Project.StatisticalStage.BUILDING.label
    assert exported[_("Registered for statistics")] == _("Yes")
