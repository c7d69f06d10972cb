"""Filters on records that grow with the data (officials, organizations, people, projects) are search boxes: a list
page's HTML stays the same size however many there are, and a filter takes the record's id or a typed name."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from enterprises.models import Organization, Person
from lib.figures import figures_changed
from meetings.models import Meeting
from projects.models import Assignment, Problem, ProblemCategory, Project

ON_THE_PAGE = 50  # the project list's page size: the rows compared are the same in both worlds
PRODUCTION = datetime.date(2030, 1, 1)  # the listed projects come first (the list sorts by planned production)


@pytest.fixture
def listed(db):
    """50 projects with 5 officials between them; a problem and a meeting to list."""
    builder = Organization.objects.create(name="列表建设单位有限公司")
    projects = Project.objects.bulk_create(
        Project(name=f"列表项目{index:02d}", builder=builder, planned_production=PRODUCTION)
        for index in range(ON_THE_PAGE)
    )
    officials = Person.objects.bulk_create(Person(name=f"包挂领导{index}") for index in range(5))
    Assignment.objects.bulk_create(
        Assignment(person=officials[index % 5], project=project) for index, project in enumerate(projects)
    )
    category = ProblemCategory.objects.create(name="用地")
    Problem.objects.create(project=projects[0], category=category, description="供地滞后", owner_unit=builder)
    Meeting.objects.create(kind=Meeting.Kind.INSPECTION, date=PRODUCTION, title="现场调研").projects.add(projects[0])
    return {"projects": projects, "officials": officials, "builder": builder}


def _grow(count):
    """`count` more officials, each leading a project of their own (after the first page), with its builder."""
    with transaction.atomic():
        builders = Organization.objects.bulk_create(Organization(name=f"增建单位{index:03d}") for index in range(count))
        projects = Project.objects.bulk_create(
            Project(name=f"增建项目{index:03d}", builder=builders[index],
                    planned_production=PRODUCTION + datetime.timedelta(days=365))
            for index in range(count)
        )
        people = Person.objects.bulk_create(Person(name=f"增派领导{index:03d}") for index in range(count))
        Assignment.objects.bulk_create(Assignment(person=person, project=project)
                                       for person, project in zip(people, projects, strict=True))
    figures_changed()


@pytest.mark.parametrize("url", ["projects:list", "projects:problem_list", "meetings:list"])
def test_a_list_page_does_not_grow_with_the_records_its_filters_pick_from(client_as, official, listed, url):
    client = client_as(official)
    few = len(client.get(reverse(url)).content)
    _grow(500)
    many = client.get(reverse(url)).content
    assert "增派领导" not in many.decode() and "增建单位" not in many.decode()
    assert len(many) <= few * 1.1, f"{few} bytes with 5 officials, {len(many)} with 505"


def _names(response):
    return [project.name for project in response.context["page"].object_list]


def test_the_official_filter_takes_an_id_or_a_typed_name(client_as, official, listed):
    lead = listed["officials"][1]
    expected = [p.name for index, p in enumerate(listed["projects"]) if index % 5 == 1]
    client = client_as(official)
    by_id = client.get(reverse("projects:list"), {"official": lead.pk})
    assert _names(by_id) == expected
    page = by_id.content.decode()
    assert f'value="{lead.name}"' in page and f'data-value="{lead.pk}"' in page, "the box shows whom it filters by"
    # Without the script the box is typed into: the server finds the official by name.
    assert _names(client.get(reverse("projects:list"), {"official": lead.name})) == expected


def test_a_name_matching_several_or_none_says_so_and_filters_nothing(client_as, official, listed):
    client = client_as(official)
    for typed, message in [("包挂领导", "有多项与“包挂领导”相符"), ("无此人", "没有与“无此人”相符")]:
        response = client.get(reverse("projects:list"), {"official": typed})
        assert message in response.content.decode()
        assert len(_names(response)) == ON_THE_PAGE


def test_the_official_search_finds_assigned_officials_only(client_as, official, listed):
    Person.objects.create(name="包挂领导候选")  # not assigned to any project
    found = client_as(official).get(reverse("projects:officials_search"), {"q": "包挂"}).json()["results"]
    assert [person["name"] for person in found] == [f"包挂领导{index}" for index in range(5)]
    assert client_as(official).get(reverse("projects:officials_search"), {"q": " "}).json() == {"results": []}


def test_the_meeting_and_problem_lists_filter_by_project_id_or_name(client_as, official, listed):
    project = listed["projects"][0]
    client = client_as(official)
    for value in [project.pk, project.name]:
        meetings = client.get(reverse("meetings:list"), {"project": value}).context["page"].object_list
        assert [meeting.title for meeting in meetings] == ["现场调研"]
        problems = client.get(reverse("projects:problem_list"), {"project": value}).context["page"].object_list
        assert [problem.description for problem in problems] == ["供地滞后"]
    unit = client.get(reverse("projects:problem_list"), {"owner_unit": listed["builder"].name})
    assert [problem.description for problem in unit.context["page"].object_list] == ["供地滞后"]


def test_the_api_filters_by_the_same_ids(official, listed):
    api = APIClient()
    api.force_authenticate(official)
    lead = listed["officials"][2]
    body = api.get("/api/v1/projects/", {"official": lead.pk, "page_size": 100}).json()
    assert sorted(p["name"] for p in body["results"]) == [
        p.name for index, p in enumerate(listed["projects"]) if index % 5 == 2
    ]
    meetings = api.get("/api/v1/meetings/", {"project": listed["projects"][0].pk}).json()
    assert [meeting["title"] for meeting in meetings["results"]] == ["现场调研"]
    assert api.get("/api/v1/projects/", {"official": 999999}).status_code == 400
