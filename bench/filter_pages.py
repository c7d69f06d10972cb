"""Benchmark: what the list filters cost a page (issue 18). Not a test; reads the database, writes nothing.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_load_2000 DEBUG=0 SECRET_KEY=x \
        ALLOWED_HOSTS=127.0.0.1,testserver
    .venv/bin/python bench/filter_pages.py

Prints the HTML size of the project, problem and meeting lists (first page, no filter, as an administrator)
with the database's counts of projects, people and organizations: the pages must not grow with those (compare
xzkf_load_2000 with xzkf_load_100000). Then the time to render the project list's bounded selects (category,
industry, stage, sort order) with FastSelect and with Django's Select, which is why lib/filters.py keeps FastSelect.
"""

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

import django  # noqa: E402

django.setup()

from django import forms  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.messages.storage.fallback import FallbackStorage  # noqa: E402
from django.contrib.sessions.backends.base import SessionBase  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402

from enterprises.models import Organization, Person  # noqa: E402
from lib.widgets import FastSelect  # noqa: E402
from meetings.views import meeting_list  # noqa: E402
from projects.filters import ProjectFilter  # noqa: E402
from projects.models import Project  # noqa: E402
from projects.problem_views import problem_list  # noqa: E402
from projects.project_views import project_list  # noqa: E402

BOUNDED = ("category", "industry", "stage", "o")


def _request(path):
    request = RequestFactory().get(path)
    # The first user, shown the administrator's pages (in memory only: nothing is saved).
    request.user = User.objects.order_by("pk").first()
    request.user.is_superuser = True
    request.session = SessionBase()
    request._messages = FallbackStorage(request)
    request.LANGUAGE_CODE = "zh-hans"
    return request


def page_sizes():
    print(f"projects {Project.objects.count():,}, people {Person.objects.count():,}, "
          f"organizations {Organization.objects.count():,}")
    for path, view in [("/projects/", project_list), ("/projects/problems/", problem_list),
                       ("/meetings/", meeting_list)]:
        response = view(_request(path))
        print(f"{path:22s} {len(response.content) / 1024:7.1f} KB")


def select_render_times(rounds=300):
    form = ProjectFilter({}, queryset=Project.objects.none(), request=_request("/projects/")).form
    choices = {name: list(form.fields[name].widget.choices) for name in BOUNDED}
    print(f"bounded selects: {sum(len(c) for c in choices.values())} options in {len(BOUNDED)} selects")

    def render(widget_class):
        for name in BOUNDED:
            widget = widget_class()
            widget.choices = choices[name]
            widget.render(name, "", {"id": f"id_{name}"})

    for widget_class in (FastSelect, forms.Select):
        best = min(timeit.repeat(lambda: render(widget_class), number=rounds, repeat=5)) / rounds  # noqa: B023
        print(f"{widget_class.__name__:10s} {best * 1000:6.2f} ms per filter form")


if __name__ == "__main__":
    with translation.override("zh-hans"):
        page_sizes()
        select_render_times()
