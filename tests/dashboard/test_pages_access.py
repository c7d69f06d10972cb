"""Every read page: who may open it, the wrong method, the missing object, and the query budget."""

import datetime

import pytest
from django.urls import reverse

from bulletins.models import Bulletin

from .conftest import PAGE_BUDGET


@pytest.fixture
def urls(synthetic):
    """The read pages, on a database with a few projects and one bulletin."""
    projects = synthetic(3)
    project = projects[0]
    bulletin = Bulletin.objects.create(issued_on=datetime.date(2026, 1, 5), raw_text="经开区项目。", checksum="a" * 64)
    person = project.assignments.first().person
    return [
        reverse("dashboard:overview"), reverse("dashboard:me"), reverse("dashboard:weekly_report"),
        reverse("projects:list"), reverse("projects:detail", args=[project.pk]),
        reverse("enterprises:organization_list"),
        reverse("enterprises:organization_detail", args=[project.builder_id or project.assignments.first().pk]),
        reverse("enterprises:person_detail", args=[person.pk]),
        reverse("bulletins:list"), reverse("bulletins:detail", args=[bulletin.pk]),
    ]


@pytest.mark.parametrize("who", ["official", "staff", "admin"])
def test_every_role_can_open_every_read_page(request, client_as, urls, who):
    client = client_as(request.getfixturevalue(who))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_user_without_a_role_is_refused(client_as, outsider, urls):
    client = client_as(outsider)
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_an_anonymous_visitor_is_sent_to_log_in(client_as, urls):
    for url in urls:
        response = client_as(None).get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


def test_the_pages_only_answer_get(client_as, official, urls):
    client = client_as(official)
    for url in urls:
        assert client.post(url).status_code == 405, url


@pytest.mark.parametrize("name", [
    "projects:detail", "enterprises:organization_detail", "enterprises:person_detail", "bulletins:detail",
])
def test_a_missing_object_is_not_found(client_as, official, name):
    assert client_as(official).get(reverse(name, args=[987654])).status_code == 404


def _page_urls(project, person):
    return [
        reverse("dashboard:overview"), reverse("dashboard:me"), reverse("dashboard:weekly_report"),
        reverse("projects:list"), reverse("projects:list") + "?lagging=true&o=-investment&q=项目",
        reverse("projects:list") + "?export=csv", reverse("projects:list") + "?export=xlsx",
        reverse("projects:detail", args=[project.pk]),
        reverse("enterprises:organization_list"),
        reverse("enterprises:person_detail", args=[person.pk]),
        reverse("bulletins:list"),
    ] + ([reverse("enterprises:organization_detail", args=[project.builder_id])] if project.builder_id else [])


@pytest.mark.parametrize("size", [1, 200])
def test_every_page_stays_within_the_query_budget(client_as, synthetic, flag, django_assert_max_num_queries, size):
    projects = synthetic(size)
    for project in projects[::3]:
        flag(project)
    client = client_as(projects[0].assignments.first().person.user)
    busiest = max(projects, key=lambda p: p.milestones.count() + p.problems.count())
    for url in _page_urls(busiest, busiest.assignments.first().person):
        with django_assert_max_num_queries(PAGE_BUDGET, info=url):
            assert client.get(url).status_code == 200, url
