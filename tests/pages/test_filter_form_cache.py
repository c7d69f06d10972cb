"""The list's filter form is cached with the figures, yet always shows the filters the user chose, in their language,
and the choices the data offers now."""

import re

from enterprises.models import Industry
from lib.figures import figures_changed
from projects.models import Project


def selected(html: str, name: str) -> str:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    chosen = re.search(r'<option value="([^"]*)" selected>', select)
    return chosen.group(1) if chosen else ""


def test_each_query_shows_its_own_choices_in_the_form(client_as, official):
    client = client_as(official)
    pages = ["/projects/?stage=construction&o=-investment", "/projects/", "/projects/?stage=preparation",
             "/projects/?stage=construction&o=-investment"]
    shown = [client.get(url).content.decode() for url in pages]

    assert [selected(html, "stage") for html in shown] == ["construction", "", "preparation", "construction"]
    assert [selected(html, "o") for html in shown] == ["-investment", "", "", "-investment"]


def test_the_form_speaks_the_users_language(client_as, official):
    client = client_as(official)
    assert "筛选" in client.get("/projects/").content.decode()

    client.cookies["django_language"] = "en"
    english = client.get("/projects/").content.decode()

    assert ">Filter<" in english.replace(" ", "")


def test_a_new_choice_in_the_data_shows_in_the_form_after_the_write(client_as, official, project):
    client = client_as(official)
    industry = Industry.objects.filter(code__regex=r"^\d\d$").order_by("code").first()
    assert industry.name not in client.get("/projects/").content.decode()

    Project.objects.filter(pk=project.pk).update(industry_code=industry)
    figures_changed()  # an update() sends no signal: the services say so themselves

    assert industry.name in client.get("/projects/").content.decode()
