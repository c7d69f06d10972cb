"""Every list answers in the same number of queries with one row or with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.urls import router
from tests.api.conftest import make_world


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("prefix", [prefix for prefix, _, _ in router.registry])
def test_a_list_needs_no_more_queries_for_more_rows(api_as, official, staff, world, prefix):
    client = api_as(official)
    url = f"/api/v1/{prefix}/"
    few = count_queries(client, url)
    for index in range(4):
        make_world(staff, suffix=str(index))
    assert count_queries(client, url) <= few
    assert few <= 12


def test_the_oc4ids_package_needs_no_more_queries_for_more_projects(api_as, official, staff, world):
    client = api_as(official)
    few = count_queries(client, "/api/v1/oc4ids/")
    for index in range(4):
        make_world(staff, suffix=str(index))
    assert count_queries(client, "/api/v1/oc4ids/") <= few
