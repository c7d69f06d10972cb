"""The project list's official filter is a search box: type, pick a name with the keyboard, see their projects."""

import pytest

from enterprises.models import Person
from projects.management.commands.generate_synthetic import generate
from projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_types_a_name_picks_it_and_sees_that_officials_projects(page, log_in, live_server, official):
    generate(projects=30, seed=11)
    lead = Person.objects.filter(assignments__ended_on__isnull=True).order_by("pk").first()
    theirs = set(Project.objects.filter(assignments__person=lead, assignments__ended_on__isnull=True)
                 .values_list("name", flat=True))
    log_in(page, official)
    page.goto(f"{live_server.url}/projects/")

    box = page.locator("#id_official")
    box.fill(lead.name)
    page.wait_for_selector("#typeahead-list .typeahead-option")
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert page.locator("#typeahead-list [aria-selected=true]").inner_text().startswith(lead.name)
    box.press("Enter")  # picks the name; the form is not sent yet
    assert page.locator("#typeahead-list").is_hidden() and box.input_value() == lead.name
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**/projects/?*official={lead.pk}*")

    shown = set(page.locator("table.projects tbody tr td:first-child a").all_inner_texts())
    assert shown == theirs
    assert page.locator("#id_official").input_value() == lead.name, "the box still says whom the list is for"
    assert page.console_errors == []
