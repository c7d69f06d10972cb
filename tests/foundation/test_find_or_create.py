"""People and units typed on a form are found as the import finds them: one name comparison (name_key)."""

import pytest

from enterprises.models import Organization, Person
from enterprises.services import name_key, organization_find_or_create, person_find_or_create

pytestmark = pytest.mark.django_db


def test_a_unit_typed_with_full_width_brackets_and_spaces_is_the_one_on_file():
    on_file = Organization.objects.create(name="示范(集团)有限公司", kind=Organization.Kind.ENTERPRISE)

    assert organization_find_or_create(name=" 示范（集团）有限公司 ") == on_file
    assert Organization.objects.count() == 1


def test_a_unit_found_by_its_short_name():
    on_file = Organization.objects.create(name="示范区发展和改革局", short_name="发改局")
    assert organization_find_or_create(name="发改局") == on_file


def test_a_new_unit_is_a_government_body_named_as_typed_without_outer_spaces():
    made = organization_find_or_create(name=" 示范区供电公司 ")
    assert (made.name, made.kind) == ("示范区供电公司", Organization.Kind.GOVERNMENT)


def test_a_person_typed_with_spaces_is_the_one_on_file_and_blank_is_nobody():
    on_file = Person.objects.create(name="赵某")
    assert person_find_or_create(name=" 赵某 ") == on_file
    assert person_find_or_create(name="  ") is None and organization_find_or_create(name="") is None


def test_the_import_and_the_forms_compare_names_the_same_way():
    from bulletins import services as bulletin_services

    assert bulletin_services.name_key is name_key
