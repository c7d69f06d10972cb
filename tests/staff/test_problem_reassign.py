"""Problems have owners and deadlines; a reassignment is logged in the trail as from → to."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from enterprises.models import Organization
from projects.models import Problem, ProblemUpdate
from projects.services import problem_reassign


@pytest.fixture
def owned_problem(problem):
    problem.owner_unit = Organization.objects.create(name="市财政局", kind=Organization.Kind.GOVERNMENT)
    problem.save(update_fields=["owner_unit"])
    return problem


def test_reassigning_logs_the_owner_and_due_date_from_and_to(owned_problem, staff, today):
    new_unit = Organization.objects.create(name="经开区金融办", kind=Organization.Kind.GOVERNMENT)
    old_due = owned_problem.due_date
    new_due = today + datetime.timedelta(days=40)

    problem_reassign(problem=owned_problem, owner_unit=new_unit, owner_person=None, due_date=new_due, author=staff,
                     note="归口调整")

    owned_problem.refresh_from_db()
    update = ProblemUpdate.objects.filter(problem=owned_problem).latest("created_at")
    assert owned_problem.owner_unit == new_unit and owned_problem.due_date == new_due
    assert "市财政局 → 经开区金融办" in update.text
    assert f"{old_due} → {new_due}" in update.text and "归口调整" in update.text
    assert update.author == staff and update.status_before == update.status_after


def test_a_reassignment_that_changes_nothing_is_refused(owned_problem, staff):
    with pytest.raises(ValidationError):
        problem_reassign(problem=owned_problem, owner_unit=owned_problem.owner_unit, owner_person=None,
                         due_date=owned_problem.due_date, author=staff)

    assert not ProblemUpdate.objects.filter(problem=owned_problem).exists()


def test_a_closed_problem_cannot_be_reassigned(owned_problem, staff):
    Problem.objects.filter(pk=owned_problem.pk).update(status="closed", resolution="已解决")

    with pytest.raises(ValidationError):
        problem_reassign(problem=owned_problem, owner_unit=None, owner_person=None, due_date=None, author=staff)


def test_staff_reassign_from_the_problem_page(client_as, staff, owned_problem, today):
    page = client_as(staff).get(owned_problem.get_absolute_url()).content.decode()
    assert reverse("projects:problem_reassign", args=[owned_problem.pk]) in page

    response = client_as(staff).post(reverse("projects:problem_reassign", args=[owned_problem.pk]), {
        "owner_unit_name": "", "owner_person_name": "王局长",
        "due_date": (today + datetime.timedelta(days=5)).isoformat(), "note": "",
    })

    owned_problem.refresh_from_db()
    assert response.status_code == 302
    assert owned_problem.owner_person.name == "王局长" and owned_problem.owner_unit is None
    trail = client_as(staff).get(owned_problem.get_absolute_url()).content.decode()
    assert "市财政局 → 王局长" in trail


def test_a_due_date_before_the_problem_was_raised_is_refused(client_as, staff, owned_problem):
    before = owned_problem.raised_on - datetime.timedelta(days=1)

    response = client_as(staff).post(reverse("projects:problem_reassign", args=[owned_problem.pk]), {
        "owner_unit_name": "市财政局", "due_date": before.isoformat(),
    })

    assert response.status_code == 400 and response.context["reassign_form"].errors["due_date"]
    owned_problem.refresh_from_db()
    assert owned_problem.due_date != before


def test_a_reassignment_needs_an_owner(client_as, staff, owned_problem):
    response = client_as(staff).post(reverse("projects:problem_reassign", args=[owned_problem.pk]), {
        "owner_unit_name": " ", "owner_person_name": "", "due_date": "",
    })

    assert response.status_code == 400 and response.context["reassign_form"].non_field_errors()
    owned_problem.refresh_from_db()
    assert owned_problem.owner_unit.name == "市财政局"


def test_officials_cannot_reassign(client_as, official, owned_problem):
    response = client_as(official).post(reverse("projects:problem_reassign", args=[owned_problem.pk]),
                                        {"owner_person_name": "王局长"})

    assert response.status_code == 403


def test_owner_and_deadline_show_on_the_list_and_the_project_page(client_as, official, owned_problem, project):
    listed = client_as(official).get(reverse("projects:problem_list")).content.decode()
    on_project = client_as(official).get(project.get_absolute_url()).content.decode()

    for content in (listed, on_project):
        assert "市财政局" in content
    assert f"{owned_problem.due_date:%Y-%m-%d}" in listed
