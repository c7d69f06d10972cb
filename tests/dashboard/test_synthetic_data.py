import datetime

import pytest
from django.core.management import CommandError, call_command

from bulletins.models import Bulletin
from enterprises.models import Organization, Person
from meetings.models import FollowUp, Meeting
from projects.management.commands.generate_synthetic import generate
from projects.models import Assignment, InvestmentReport, Milestone, Phase, Problem, ProgressReport, Project

TODAY = datetime.date(2026, 6, 15)


def _snapshot():
    return (
        list(Project.objects.order_by("pk").values_list("name", "stage", "total_investment", "planned_start")),
        list(Milestone.objects.order_by("pk").values_list("name", "planned_date", "actual_date")),
    )


def _wipe():
    from django.contrib.auth.models import User

    Meeting.objects.all().delete()
    Project.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    User.objects.filter(username__startswith="synthetic-").delete()


def test_it_fills_every_part_of_a_project(db):
    generate(projects=20, seed=1, milestones_per_project=6, today=TODAY)
    assert Project.objects.count() == 20
    assert Milestone.objects.count() == 20 * 6
    for model in (Phase, ProgressReport, InvestmentReport, Assignment, Meeting, Problem, FollowUp):
        assert model.objects.exists(), model
    assert Milestone.objects.filter(actual_date__isnull=False).exists()
    assert Milestone.objects.filter(actual_date__isnull=True, planned_date__lt=TODAY).exists(), "some are overdue"
    assert Organization.objects.filter(subsidiaries__isnull=False).exists(), "builders belong to groups"
    assert Person.objects.filter(user__groups__name="领导", assignments__isnull=False).exists()


def test_its_rows_pass_model_validation(db):
    generate(projects=10, seed=2, today=datetime.date.today())
    for model in (Project, Phase, Milestone, ProgressReport, Problem, FollowUp, Assignment):
        for row in model.objects.all()[:30]:
            row.full_clean()


def test_the_same_seed_gives_the_same_data(db):
    generate(projects=15, seed=4, today=TODAY)
    first = _snapshot()
    _wipe()
    generate(projects=15, seed=4, today=TODAY)
    assert _snapshot() == first


def test_another_seed_gives_other_data(db):
    generate(projects=15, seed=4, today=TODAY)
    first = _snapshot()
    _wipe()
    generate(projects=15, seed=5, today=TODAY)
    assert _snapshot()[0] != first[0]


def test_it_runs_twice_into_one_database_without_name_clashes(db):
    generate(projects=10, seed=1, today=TODAY)
    generate(projects=10, seed=1, today=TODAY)
    assert Project.objects.count() == 20


def test_the_command_refuses_a_database_with_bulletins(db):
    Bulletin.objects.create(issued_on=TODAY, raw_text="text", checksum="x" * 64)
    with pytest.raises(CommandError, match="--yes"):
        call_command("generate_synthetic", "--projects", "3")
    assert not Project.objects.exists()


def test_the_command_goes_on_with_yes_and_says_how_long_it_took(db, capsys):
    Bulletin.objects.create(issued_on=TODAY, raw_text="text", checksum="x" * 64)
    call_command("generate_synthetic", "--projects", "3", "--yes", "--milestones-per-project", "2")
    assert Project.objects.count() == 3
    assert Milestone.objects.count() == 6
    assert "Generated 3 projects in" in capsys.readouterr().out


def test_the_command_rejects_zero_projects(db):
    with pytest.raises(CommandError):
        call_command("generate_synthetic", "--projects", "0")
