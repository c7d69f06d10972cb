"""Forms start where the user is: today's date, the project whose page they came from; projects are searched."""

import re

from django.urls import reverse

from bulletins.forms import BulletinUploadForm
from meetings.models import Meeting
from projects.models import Problem


def _selected(html, name):
    """The ids a picker shows chosen: its checked boxes (several projects) or its search box's id (one)."""
    name = re.escape(name)
    return (re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)" checked>', html)
            + re.findall(rf'<input type="search" name="{name}"[^>]*data-value="(\d+)"', html))


def test_the_project_page_links_its_forms_with_the_project_chosen(client_as, staff, official, project):
    html = client_as(staff).get(project.get_absolute_url()).content.decode()
    assert f'href="{reverse("meetings:create")}?project={project.pk}"' in html
    assert f'href="{reverse("projects:problem_create")}?project={project.pk}"' in html
    assert f'{reverse("meetings:create")}?project=' not in client_as(official).get(
        project.get_absolute_url()).content.decode(), "officials do not log visits"


def test_a_meeting_log_opened_from_a_project_starts_with_it_and_today(client_as, staff, project, other_project, today):
    response = client_as(staff).get(reverse("meetings:create"), {"project": project.pk})
    html = response.content.decode()
    assert _selected(html, "projects") == [str(project.pk)]
    assert f'name="date" value="{today:%Y-%m-%d}"' in html
    assert _selected(html, "problems-0-project") == [str(project.pk)]
    assert _selected(html, "requirements-0-project") == [str(project.pk)]


def test_a_meeting_log_saved_from_a_project_link_skips_the_untouched_rows(client_as, staff, meeting_post, project,
                                                                          today):
    url = f'{reverse("meetings:create")}?project={project.pk}'
    data = meeting_post(date=today, projects=[project], problems=[{"project": project.pk}],
                        requirements=[{"project": project.pk}])
    response = client_as(staff).post(url, data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and list(meeting.projects.all()) == [project]
    assert not Problem.objects.exists() and not meeting.requirements.exists()


def test_a_project_id_that_is_not_one_is_ignored(client_as, staff):
    for value in ["abc", "999999"]:
        html = client_as(staff).get(reverse("meetings:create"), {"project": value}).content.decode()
        assert _selected(html, "projects") == []


def test_a_problem_opened_from_a_project_has_it_chosen(client_as, staff, project):
    html = client_as(staff).get(reverse("projects:problem_create"), {"project": project.pk}).content.decode()
    assert _selected(html, "project") == [str(project.pk)]


def test_project_pickers_are_type_ahead_searches_not_lists(client_as, staff, project):
    for url in [reverse("meetings:create"), reverse("projects:problem_create")]:
        html = client_as(staff).get(url).content.decode()
        search_url = reverse("projects:search")
        assert re.search(rf'<input type="search" name="(projects|project)"[^>]*data-search-url="{search_url}"', html)
        assert project.name not in html, "no project is listed until one is chosen"
        assert '<script src="/static/js/typeahead.js"' in html


def test_the_project_search_finds_names_containing_the_query(client_as, official, project, other_project):
    url = reverse("projects:search")
    client = client_as(official)
    assert client.get(url, {"q": "硅片"}).json() == {"results": [{"id": other_project.pk, "name": other_project.name}]}
    assert client.get(url, {"q": "  "}).json() == {"results": []}
    assert client.post(url, {"q": "项目"}).status_code == 405


def test_the_project_search_needs_a_login(client):
    response = client.get(reverse("projects:search"), {"q": "项目"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_bulletin_upload_form_is_dated_today(today):
    assert f'value="{today:%Y-%m-%d}"' in str(BulletinUploadForm()["issued_on"])
