"""The rows of the projects tables (the project list's wide rows, the short rows of a person's or an organization's
page): names escaped, links to each record, labels for the phone's cards, the lag shown, in the reader's language."""

import re

import pytest
from django.urls import reverse

from enterprises.models import Organization, Person
from projects.models import Project

MARKUP = "<b>\"粗体\"</b> & 'quoted'"
ESCAPED = "&lt;b&gt;&quot;粗体&quot;&lt;/b&gt; &amp; &#x27;quoted&#x27;"


@pytest.fixture
def marked_up(db, assign):
    """A project whose name, builder, official and industry words all hold markup."""
    builder = Organization.objects.create(name=f"{MARKUP}建设单位")
    project = Project.objects.create(name=f"{MARKUP}项目", builder=builder, industry=f"{MARKUP}行业",
                                     stage=Project.Stage.CONSTRUCTION)
    person = Person.objects.create(name=f"{MARKUP}领导")
    assign(person, project)
    return project


def _rows(content):
    return re.findall(r"<tr[ >].*?</tr>", content.split("<tbody>", 1)[1].split("</tbody>", 1)[0], re.S)


def test_a_list_row_shows_the_names_it_holds_escaped(client_as, official, marked_up):
    [row] = _rows(client_as(official).get(reverse("projects:list")).content.decode())
    for name in ("项目", "建设单位", "领导", "行业"):
        assert f"{ESCAPED}{name}" in row
    assert "<b>" not in row


def test_a_short_row_shows_the_project_name_escaped(client_as, official, marked_up, official_person, assign):
    assign(official_person, marked_up)
    client = client_as(official)
    for page in (marked_up.builder.get_absolute_url(), reverse("dashboard:me")):
        [row] = _rows(client.get(page).content.decode())
        assert f"{ESCAPED}项目" in row
        assert "<b>" not in row


def test_a_list_row_links_to_the_project_its_builder_and_its_officials(client_as, official, marked_up):
    [row] = _rows(client_as(official).get(reverse("projects:list")).content.decode())
    person = Person.objects.get(assignments__project=marked_up)
    for record in (marked_up, marked_up.builder, person):
        assert f'href="{record.get_absolute_url()}"' in row


def test_a_lagging_row_is_marked_and_every_cell_is_labelled_for_the_phone(client_as, official, marked_up, flag):
    flag(marked_up, "red")
    [row] = _rows(client_as(official).get(reverse("projects:list")).content.decode())
    assert row.startswith('<tr class="lagging-red">')
    assert '<span class="badge red">红色</span>' in row
    labels = re.findall(r'data-label="([^"]*)"', row)
    assert labels == ["建设单位", "类别", "阶段", "投资", "进度", "序时进度", "滞后", "计划投产", "包挂领导"]


def test_a_row_speaks_the_readers_language(client_as, official, marked_up):
    client = client_as(official)
    [chinese] = _rows(client.get(reverse("projects:list")).content.decode())
    [english] = _rows(client.get(reverse("projects:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "在建" in chinese and 'data-label="阶段"' in chinese
    assert "Under construction" in english and 'data-label="Stage"' in english
