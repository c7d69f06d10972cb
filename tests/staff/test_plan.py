"""Staff run a project's plan from its pages: templates, adding, editing with a reason, reordering, removing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import Attachment, Milestone, MilestoneTemplate, MilestoneTemplateStep
from projects.services import (
    milestone_create,
    milestone_delete,
    milestone_move,
    milestone_update,
    plan_apply_template,
    spread_dates,
)

INDUSTRIAL_STEPS = ["签约", "供地", "开工", "主体封顶", "设备安装", "试生产", "投产", "达产"]


def _names(project):
    return list(Milestone.objects.filter(project=project).order_by("position", "planned_date", "pk")
                .values_list("name", flat=True))


def test_the_data_migration_gives_each_kind_of_project_a_template(db):
    industrial = MilestoneTemplate.objects.get(category="industrial")

    assert list(industrial.steps.values_list("name", flat=True)) == INDUSTRIAL_STEPS
    assert set(MilestoneTemplate.objects.values_list("category", flat=True)) == {"industrial", "urban", "livelihood"}
    assert MilestoneTemplate.objects.get(category="urban").steps.count() >= 5


def test_dates_spread_evenly_from_the_start_to_the_end():
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)

    dates = spread_dates(start, end, 5)

    assert dates[0] == start and dates[-1] == end
    gaps = {(b - a).days for a, b in zip(dates, dates[1:], strict=False)}
    assert max(gaps) - min(gaps) <= 1


def test_applying_the_template_fills_the_plan_in_order(project):
    start, end = datetime.date(2026, 1, 1), datetime.date(2027, 9, 1)

    added = plan_apply_template(project=project, template=MilestoneTemplate.objects.get(category="industrial"),
                                start=start, end=end)

    assert [m.name for m in added] == INDUSTRIAL_STEPS == _names(project)
    assert added[0].planned_date == start and added[-1].planned_date == end
    assert all(a.planned_date <= b.planned_date for a, b in zip(added, added[1:], strict=False))


def test_applying_it_again_adds_only_what_is_missing(project):
    template = MilestoneTemplate.objects.get(category="industrial")
    milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 3, 1))

    added = plan_apply_template(project=project, template=template, start=datetime.date(2026, 1, 1),
                                end=datetime.date(2027, 1, 1))

    assert "开工" not in [m.name for m in added] and len(added) == 7
    with pytest.raises(ValidationError):
        plan_apply_template(project=project, template=template, start=datetime.date(2026, 1, 1),
                            end=datetime.date(2027, 1, 1))


def test_an_admin_edited_template_is_what_gets_applied(project):
    template = MilestoneTemplate.objects.get(category="industrial")
    MilestoneTemplateStep.objects.create(template=template, order=99, name="达效")

    added = plan_apply_template(project=project, template=template, start=datetime.date(2026, 1, 1),
                                end=datetime.date(2027, 1, 1))

    assert added[-1].name == "达效"


def test_an_end_before_the_start_is_refused_and_changes_nothing(project):
    with pytest.raises(ValidationError):
        plan_apply_template(project=project, template=MilestoneTemplate.objects.get(category="industrial"),
                            start=datetime.date(2026, 5, 1), end=datetime.date(2026, 1, 1))

    assert not Milestone.objects.filter(project=project).exists()


def test_moving_a_saved_date_keeps_the_baseline_and_the_reason(project):
    milestone = milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 3, 1))

    milestone_update(milestone=milestone, name="开工", planned_date=datetime.date(2026, 5, 1), reason="供地延后")
    milestone_update(milestone=milestone, name="开工", planned_date=datetime.date(2026, 6, 1), reason="雨季")

    milestone.refresh_from_db()
    assert milestone.planned_date == datetime.date(2026, 6, 1)
    assert milestone.baseline_date == datetime.date(2026, 3, 1)
    assert milestone.reschedule_reason == "雨季"
    assert milestone.history.filter(reschedule_reason="供地延后").exists()


def test_moving_a_date_without_a_reason_is_refused(project):
    milestone = milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 3, 1))

    with pytest.raises(ValidationError):
        milestone_update(milestone=milestone, name="开工", planned_date=datetime.date(2026, 5, 1), reason=" ")

    milestone.refresh_from_db()
    assert milestone.planned_date == datetime.date(2026, 3, 1) and milestone.baseline_date is None


def test_renaming_needs_no_reason(project):
    milestone = milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 3, 1))

    milestone_update(milestone=milestone, name="正式开工", planned_date=datetime.date(2026, 3, 1))

    assert _names(project) == ["正式开工"]


def test_two_milestones_of_a_plan_cannot_share_a_name(project):
    milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 3, 1))

    with pytest.raises(ValidationError):
        milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 4, 1))


def test_reordering_swaps_neighbours_and_stops_at_the_ends(project):
    for index, name in enumerate(["签约", "供地", "开工"]):
        milestone_create(project=project, name=name, planned_date=datetime.date(2026, 1 + index, 1))
    last = Milestone.objects.get(project=project, name="开工")

    milestone_move(milestone=last, up=True)
    assert _names(project) == ["签约", "开工", "供地"]
    milestone_move(milestone=last, up=True)
    milestone_move(milestone=last, up=True)
    assert _names(project) == ["开工", "签约", "供地"]


def test_a_milestone_can_be_removed_until_something_is_reported_on_it(project, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fresh = milestone_create(project=project, name="供地", planned_date=datetime.date(2026, 3, 1))
    reached = milestone_create(project=project, name="签约", planned_date=datetime.date(2026, 1, 1))
    Milestone.objects.filter(pk=reached.pk).update(actual_date=datetime.date(2026, 1, 5))
    photographed = milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 5, 1))
    Attachment.objects.create(project=project, milestone=photographed, original_name="a.png", mime_type="image/png",
                              size=1, file="attachments/a.png")

    milestone_delete(milestone=fresh)
    for kept in (reached, photographed):
        with pytest.raises(ValidationError):
            milestone_delete(milestone=kept)

    assert _names(project) == ["签约", "开工"]


# --- The pages ---------------------------------------------------------------------------------


def test_staff_apply_a_template_from_the_plan_page(client_as, staff, project):
    template = MilestoneTemplate.objects.get(category="industrial")

    response = client_as(staff).post(reverse("projects:plan_apply_template", args=[project.pk]), {
        "template": template.pk, "start": "2026-01-01", "end": "2027-06-30",
    })

    assert response.status_code == 302 and response["Location"] == reverse("projects:plan", args=[project.pk])
    assert _names(project) == INDUSTRIAL_STEPS
    assert Milestone.objects.get(project=project, name="达产").planned_date == datetime.date(2027, 6, 30)


def test_a_bad_template_form_says_why_and_adds_nothing(client_as, staff, project):
    template = MilestoneTemplate.objects.get(category="industrial")

    response = client_as(staff).post(reverse("projects:plan_apply_template", args=[project.pk]), {
        "template": template.pk, "start": "2026-06-01", "end": "2026-01-01",
    })

    assert response.status_code == 400 and response.context["template_form"].errors["end"]
    assert not Milestone.objects.filter(project=project).exists()


def test_the_plan_form_offers_the_projects_own_template(client_as, staff, project):
    project.category = "urban"
    project.save(update_fields=["category"])

    form = client_as(staff).get(reverse("projects:plan", args=[project.pk])).context["template_form"]

    assert form.initial["template"] == MilestoneTemplate.objects.get(category="urban")


def test_staff_add_edit_move_and_remove_from_the_pages(client_as, staff, project):
    client = client_as(staff)
    plan_url = reverse("projects:plan", args=[project.pk])
    client.post(plan_url, {"name": "签约", "planned_date": "2026-01-10"})
    client.post(plan_url, {"name": "开工", "planned_date": "2026-04-10"})
    start = Milestone.objects.get(project=project, name="开工")

    refused = client.post(reverse("projects:milestone_edit", args=[start.pk]),
                          {"name": "开工", "planned_date": "2026-05-10", "reason": ""})
    client.post(reverse("projects:milestone_edit", args=[start.pk]),
                {"name": "开工", "planned_date": "2026-05-10", "reason": "环评未批"})
    client.post(reverse("projects:milestone_move", args=[start.pk]), {"direction": "up"})

    assert refused.status_code == 400 and refused.context["form"].errors["reason"]
    start.refresh_from_db()
    assert (start.planned_date, start.baseline_date) == (datetime.date(2026, 5, 10), datetime.date(2026, 4, 10))
    assert _names(project) == ["开工", "签约"]

    client.post(reverse("projects:milestone_delete", args=[start.pk]))
    assert _names(project) == ["签约"]


def test_the_history_page_shows_why_the_plan_moved(client_as, staff, official, project):
    milestone = milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 3, 1))
    client_as(staff).post(reverse("projects:milestone_edit", args=[milestone.pk]),
                          {"name": "开工", "planned_date": "2026-05-10", "reason": "供电线路未接入"})

    content = client_as(official).get(reverse("projects:history", args=[project.pk])).content.decode()

    assert "供电线路未接入" in content


def test_an_empty_chart_offers_staff_the_plan_buttons_and_officials_none(client_as, staff, official, project):
    plan_url = reverse("projects:plan", args=[project.pk])

    as_staff = client_as(staff).get(project.get_absolute_url()).content.decode()
    as_official = client_as(official).get(project.get_absolute_url()).content.decode()

    assert f'{plan_url}#template"' in as_staff and f'{plan_url}#add"' in as_staff
    assert plan_url not in as_official
    assert "admin" not in as_staff.split('id="milestones"')[1].split("</section>")[0]


def test_each_row_of_the_chart_table_links_reached_and_reschedule_for_staff(client_as, staff, official, project):
    milestone = milestone_create(project=project, name="开工", planned_date=datetime.date(2026, 3, 1))
    links = [reverse("projects:milestone_reached", args=[milestone.pk]),
             reverse("projects:milestone_reschedule", args=[milestone.pk])]

    as_staff = client_as(staff).get(project.get_absolute_url()).content.decode()
    as_official = client_as(official).get(project.get_absolute_url()).content.decode()

    assert all(link in as_staff for link in links)
    assert not any(link in as_official for link in links)


@pytest.mark.parametrize("name", ["projects:plan_apply_template", "projects:plan"])
def test_officials_cannot_change_the_plan(client_as, official, project, name):
    response = client_as(official).post(reverse(name, args=[project.pk]), {"name": "开工", "planned_date": "2026-1-1"})

    assert response.status_code == 403 and not Milestone.objects.filter(project=project).exists()


def test_officials_cannot_remove_or_move_milestones(client_as, official, milestone):
    for name in ("projects:milestone_delete", "projects:milestone_move", "projects:milestone_edit"):
        assert client_as(official).post(reverse(name, args=[milestone.pk])).status_code == 403

    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_removing_is_post_only(client_as, staff, milestone):
    assert client_as(staff).get(reverse("projects:milestone_delete", args=[milestone.pk])).status_code == 405
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_template_falls_in_date_order_among_milestones_already_there(project):
    # As a bulletin import leaves them: no place in the sequence yet.
    Milestone.objects.create(project=project, name="开工", planned_date=datetime.date(2026, 4, 1))
    Milestone.objects.create(project=project, name="竣工", planned_date=datetime.date(2026, 11, 1))

    plan_apply_template(project=project, template=MilestoneTemplate.objects.get(category="industrial"),
                        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))

    rows = list(Milestone.objects.filter(project=project).order_by("position"))
    assert [m.position for m in rows] == list(range(1, 10))
    assert [m.planned_date for m in rows] == sorted(m.planned_date for m in rows)
    assert [m.name for m in rows][:2] == ["签约", "供地"]


@pytest.mark.parametrize("count", [3, 40])
def test_the_plan_page_needs_the_same_queries_for_any_plan(client_as, staff, project, count,
                                                           django_assert_max_num_queries):
    for index in range(count):
        Milestone.objects.create(project=project, name=f"节点{index}", position=index + 1,
                                 planned_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=index))
    client = client_as(staff)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("projects:plan", args=[project.pk]))

    assert len(response.context["milestones"]) == count


def test_admins_find_the_templates_from_the_plan_page(client_as, admin, staff, project):
    link = reverse("admin:projects_milestonetemplate_changelist")

    assert link in client_as(admin).get(reverse("projects:plan", args=[project.pk])).content.decode()
    assert link not in client_as(staff).get(reverse("projects:plan", args=[project.pk])).content.decode()
