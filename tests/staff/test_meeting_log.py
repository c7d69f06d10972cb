import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.models import Person
from meetings.models import Attendance, FollowUp, Meeting, Requirement
from projects.models import Problem


@pytest.fixture
def full_log(meeting_post, mayor, project, other_project, category, today):
    """The day's inspection: the mayor led, a new official attended, two projects, a problem, a requirement."""
    return meeting_post(
        date=today,
        projects=[project, other_project],
        attendees=[
            {"person": mayor.pk, "name": mayor.name, "role": "led"},
            {"name": "王书记", "post": "党工委书记", "organization_name": "经开区党工委", "role": "attended"},
        ],
        problems=[{
            "project": project.pk, "category": category.pk, "description": "资金、供地、供电问题",
            "owner_unit_name": "徐州经开区", "due_date": (today + datetime.timedelta(days=30)).isoformat(),
        }],
        requirements=[{
            "project": project.pk, "text": "细排计划、挂图作战", "issued_by_name": mayor.name,
            "follow_up_unit_name": "经开区经发局",
            "follow_up_due_date": (today + datetime.timedelta(days=14)).isoformat(),
        }],
    )


def test_it_saves_a_whole_log_as_a_draft(client_as, staff, full_log, mayor, project, other_project):
    response = client_as(staff).post(reverse("meetings:create"), full_log)

    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.DRAFT and meeting.author == staff
    assert set(meeting.projects.all()) == {project, other_project}
    roles = {a.person.name: a.role for a in Attendance.objects.filter(meeting=meeting)}
    assert roles == {mayor.name: "led", "王书记": "attended"}
    new_person = Person.objects.get(name="王书记")
    assert new_person.positions.get().title == "党工委书记"
    problem = Problem.objects.get(meeting=meeting)
    assert problem.owner_unit.name == "徐州经开区" and problem.raised_on == meeting.date
    assert problem.updates.count() == 1
    requirement = Requirement.objects.get(meeting=meeting)
    assert requirement.issued_by == mayor
    assert FollowUp.objects.get(requirement=requirement).owner_unit.name == "经开区经发局"


def test_the_meeting_page_shows_who_led_projects_problems_and_follow_ups(client_as, staff, official, full_log, mayor):
    client_as(staff).post(reverse("meetings:create"), full_log)
    meeting = Meeting.objects.get()

    page = client_as(official).get(meeting.get_absolute_url()).content.decode()

    assert mayor.name in page and "市长" in page
    assert "王书记" in page
    assert "半导体大硅片项目" in page
    assert "资金、供地、供电问题" in page
    assert "细排计划、挂图作战" in page and "经开区经发局" in page


def test_it_refuses_a_problem_due_before_the_meeting_and_keeps_the_input(
    client_as, staff, meeting_post, category, project, today
):
    data = meeting_post(date=today, title="现场会办", problems=[{
        "project": project.pk, "category": category.pk, "description": "供地指标",
        "due_date": (today - datetime.timedelta(days=1)).isoformat(),
    }])

    response = client_as(staff).post(reverse("meetings:create"), data)

    assert response.status_code == 200
    assert not Meeting.objects.exists() and not Problem.objects.exists()
    assert response.context["log"].problems.forms[0].errors["due_date"]
    assert "供地指标" in response.content.decode() and "现场会办" in response.content.decode()


def test_it_refuses_a_follow_up_due_before_the_meeting(client_as, staff, meeting_post, today):
    data = meeting_post(date=today, requirements=[{
        "text": "加快建设", "follow_up_unit_name": "经发局",
        "follow_up_due_date": (today - datetime.timedelta(days=3)).isoformat(),
    }])

    response = client_as(staff).post(reverse("meetings:create"), data)

    assert response.status_code == 200 and not Meeting.objects.exists()
    assert response.context["log"].requirements.forms[0].errors["follow_up_due_date"]


def test_it_refuses_the_same_person_twice_in_one_meeting(client_as, staff, meeting_post, mayor, today):
    data = meeting_post(date=today, attendees=[
        {"person": mayor.pk, "name": mayor.name, "role": "led"},
        {"person": mayor.pk, "name": mayor.name, "role": "attended"},
    ])

    response = client_as(staff).post(reverse("meetings:create"), data)

    assert response.status_code == 200 and not Meeting.objects.exists()
    assert response.context["log"].attendances.forms[1].errors["name"]


def test_it_refuses_the_same_new_name_twice(client_as, staff, meeting_post, today):
    data = meeting_post(date=today, attendees=[{"name": "赵局长", "role": "attended"}] * 2)

    response = client_as(staff).post(reverse("meetings:create"), data)

    assert response.status_code == 200 and not Person.objects.filter(name="赵局长").exists()


def test_a_typed_name_finds_the_one_person_on_file(client_as, staff, meeting_post, mayor, today):
    data = meeting_post(date=today, attendees=[{"name": mayor.name, "role": "led"}])

    client_as(staff).post(reverse("meetings:create"), data)

    assert Attendance.objects.get().person == mayor
    assert Person.objects.filter(name=mayor.name).count() == 1


def test_staff_confirm_their_draft(client_as, staff, meeting):
    response = client_as(staff).post(reverse("meetings:confirm", args=[meeting.pk]))

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.confirmed_at is not None


def test_confirming_twice_keeps_the_first_time(client_as, staff, meeting):
    client = client_as(staff)
    client.post(reverse("meetings:confirm", args=[meeting.pk]))
    meeting.refresh_from_db()
    first = meeting.confirmed_at

    client.post(reverse("meetings:confirm", args=[meeting.pk]))

    meeting.refresh_from_db()
    assert meeting.confirmed_at == first


def test_confirm_refuses_get(client_as, staff, meeting):
    assert client_as(staff).get(reverse("meetings:confirm", args=[meeting.pk])).status_code == 405


def test_the_author_edits_a_confirmed_log_within_24_hours(client_as, staff, meeting, meeting_post):
    meeting.status, meeting.confirmed_at = Meeting.Status.CONFIRMED, timezone.now() - datetime.timedelta(hours=23)
    meeting.save()

    response = client_as(staff).post(
        reverse("meetings:edit", args=[meeting.pk]), meeting_post(date=meeting.date, title="更正后的标题")
    )

    meeting.refresh_from_db()
    assert response.status_code == 302 and meeting.title == "更正后的标题"


def test_the_author_cannot_edit_a_confirmed_log_after_24_hours(client_as, staff, meeting, meeting_post):
    meeting.status, meeting.confirmed_at = Meeting.Status.CONFIRMED, timezone.now() - datetime.timedelta(hours=25)
    meeting.save()

    response = client_as(staff).post(
        reverse("meetings:edit", args=[meeting.pk]), meeting_post(date=meeting.date, title="太晚了")
    )

    meeting.refresh_from_db()
    assert response.status_code == 403 and meeting.title != "太晚了"


def test_an_admin_edits_any_confirmed_log(client_as, admin, meeting, meeting_post):
    meeting.status, meeting.confirmed_at = Meeting.Status.CONFIRMED, timezone.now() - datetime.timedelta(days=30)
    meeting.save()

    response = client_as(admin).post(
        reverse("meetings:edit", args=[meeting.pk]), meeting_post(date=meeting.date, title="管理员更正")
    )

    meeting.refresh_from_db()
    assert response.status_code == 302 and meeting.title == "管理员更正"


@pytest.mark.parametrize("who", ["other_staff", "official", "outsider"])
def test_others_cannot_edit_a_log(client_as, request, who, meeting):
    assert client_as(request.getfixturevalue(who)).get(reverse("meetings:edit", args=[meeting.pk])).status_code == 403


def test_anonymous_users_are_sent_to_login(client_as, meeting):
    response = client_as(None).get(meeting.get_absolute_url())

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_officials_cannot_log_meetings(client_as, official, meeting_post, today):
    response = client_as(official).post(reverse("meetings:create"), meeting_post(date=today))

    assert response.status_code == 403 and not Meeting.objects.exists()


def test_every_change_shows_in_the_history_on_the_page(client_as, staff, official, meeting, meeting_post):
    client_as(staff).post(reverse("meetings:edit", args=[meeting.pk]), meeting_post(date=meeting.date, title="新标题"))

    page = client_as(official).get(meeting.get_absolute_url()).content.decode()

    assert meeting.history.count() >= 2
    assert "专题调研包挂重大产业项目 → 新标题" in page


def test_editing_keeps_existing_problems_and_their_trail(client_as, staff, meeting, problem, meeting_post):
    problem.meeting = meeting
    problem.raised_on = meeting.date
    problem.save()
    data = meeting_post(date=meeting.date, problems=[{
        "id": problem.pk, "project": problem.project_id, "category": problem.category_id,
        "description": "更新后的描述", "due_date": problem.due_date.isoformat(),
    }])
    data["problems-INITIAL_FORMS"] = "1"

    response = client_as(staff).post(reverse("meetings:edit", args=[meeting.pk]), data)

    assert response.status_code == 302
    assert Problem.objects.get().description == "更新后的描述"


def test_missing_meetings_are_404(client_as, staff):
    assert client_as(staff).get(reverse("meetings:detail", args=[999999])).status_code == 404
    assert client_as(staff).get(reverse("meetings:edit", args=[999999])).status_code == 404


def test_people_search_returns_names_with_their_post(client_as, staff, mayor):
    response = client_as(staff).get(reverse("meetings:people_search"), {"q": "张"})

    assert response.json() == {"results": [{"id": mayor.pk, "name": mayor.name, "post": "徐州市人民政府市长"}]}


def test_people_search_is_for_staff_only(client_as, official):
    assert client_as(official).get(reverse("meetings:people_search"), {"q": "张"}).status_code == 403


def test_the_list_filters_by_kind(client_as, official, meeting):
    client = client_as(official)

    assert meeting.title in client.get(reverse("meetings:list"), {"kind": "inspection"}).content.decode()
    assert meeting.title not in client.get(reverse("meetings:list"), {"kind": "symposium"}).content.decode()


def _many_meetings(count, staff, project, category):
    for index in range(count):
        meeting = Meeting.objects.create(title=f"会议{index}", date=timezone.localdate(), author=staff)
        meeting.projects.add(project)
        person = Person.objects.create(name=f"人员{index}")
        Attendance.objects.create(meeting=meeting, person=person)
        Problem.objects.create(meeting=meeting, category=category, description="问题", project=project)
        Requirement.objects.create(meeting=meeting, text="要求", issued_by=person)


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_uses_a_bounded_number_of_queries(
    client_as, official, staff, project, category, count, django_assert_max_num_queries
):
    _many_meetings(count, staff, project, category)
    client = client_as(official)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("meetings:list"))

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 25])
def test_the_detail_page_uses_a_bounded_number_of_queries(
    client_as, official, staff, meeting, project, category, rows, django_assert_max_num_queries
):
    for index in range(rows):
        person = Person.objects.create(name=f"人员{index}")
        Attendance.objects.create(meeting=meeting, person=person)
        Problem.objects.create(meeting=meeting, category=category, description="问题", project=project)
        requirement = Requirement.objects.create(meeting=meeting, text="要求", issued_by=person)
        FollowUp.objects.create(requirement=requirement, owner_person=person, due_date=meeting.date)
        meeting.title = f"标题{index}"
        meeting.save()
    client = client_as(official)

    with django_assert_max_num_queries(16):
        response = client.get(meeting.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_the_edit_form_uses_a_bounded_number_of_queries(
    client_as, staff, meeting, project, category, rows, django_assert_max_num_queries
):
    for index in range(rows):
        person = Person.objects.create(name=f"人员{index}")
        Attendance.objects.create(meeting=meeting, person=person)
        Problem.objects.create(meeting=meeting, category=category, description="问题", project=project)
        requirement = Requirement.objects.create(meeting=meeting, text="要求", issued_by=person)
        FollowUp.objects.create(requirement=requirement, owner_person=person, due_date=meeting.date)
    client = client_as(staff)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("meetings:edit", args=[meeting.pk]))

    assert response.status_code == 200


@pytest.fixture
def follow_up(meeting, today):
    requirement = Requirement.objects.create(meeting=meeting, text="细排计划")
    return FollowUp.objects.create(requirement=requirement, due_date=today)


def test_staff_close_a_follow_up_of_their_log_with_a_reply(client_as, staff, follow_up, meeting):
    response = client_as(staff).post(reverse("meetings:follow_up_done", args=[follow_up.pk]), {"reply": "已完成"})

    follow_up.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.reply == "已完成"


def test_other_staff_cannot_close_a_follow_up_that_is_not_theirs(client_as, other_staff, follow_up):
    # It was any staff member on the page and only its owner in the API; now the policy says who, for both.
    response = client_as(other_staff).post(reverse("meetings:follow_up_done", args=[follow_up.pk]), {"reply": "x"})

    follow_up.refresh_from_db()
    assert response.status_code == 403 and follow_up.status == FollowUp.Status.OPEN


def test_staff_close_a_follow_up_they_are_named_on(client_as, other_staff, follow_up):
    follow_up.owner_user = other_staff
    follow_up.save()

    client_as(other_staff).post(reverse("meetings:follow_up_done", args=[follow_up.pk]), {"reply": "已协调"})

    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE


def test_a_follow_up_is_not_closed_without_a_reply(client_as, staff, follow_up):
    client_as(staff).post(reverse("meetings:follow_up_done", args=[follow_up.pk]), {"reply": " "})

    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN


def test_officials_cannot_close_follow_ups(client_as, official, follow_up):
    response = client_as(official).post(reverse("meetings:follow_up_done", args=[follow_up.pk]), {"reply": "x"})

    follow_up.refresh_from_db()
    assert response.status_code == 403 and follow_up.status == FollowUp.Status.OPEN


def test_closing_a_follow_up_refuses_get_and_missing_ones(client_as, staff, follow_up):
    assert client_as(staff).get(reverse("meetings:follow_up_done", args=[follow_up.pk])).status_code == 405
    assert client_as(staff).post(reverse("meetings:follow_up_done", args=[999999]), {"reply": "x"}).status_code == 404
