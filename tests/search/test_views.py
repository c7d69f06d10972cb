import pytest


@pytest.mark.parametrize("role", ["official", "staff", "admin"])
def test_every_role_can_search(request, client_as, records, role):
    response = client_as(request.getfixturevalue(role)).get("/search/", {"q": "太阳能"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "铜铟镓硒薄膜<mark>太阳能</mark>电池" in page


def test_the_page_escapes_what_it_shows(client_as, official, records):
    records["meeting"].title = "<b>调研</b>"
    records["meeting"].save()
    page = client_as(official).get("/search/", {"q": "调研"}).content.decode()
    assert "&lt;b&gt;<mark>调研</mark>&lt;/b&gt;" in page
    assert "<b>" not in page.split('<main id="main">')[1]


def test_the_page_survives_operator_queries(client_as, official, records):
    response = client_as(official).get("/search/", {"q": "' OR 1=1-- & | ! ( ) :*"})
    assert response.status_code == 200


def test_an_empty_query_shows_only_the_form(client_as, official, records):
    page = client_as(official).get("/search/").content.decode()
    assert 'name="q"' in page
    assert "search-results" not in page


def test_anonymous_visitors_are_sent_to_log_in(client_as, records):
    response = client_as(None).get("/search/", {"q": "调研"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_users_without_a_role_are_refused(client_as, outsider, records):
    assert client_as(outsider).get("/search/", {"q": "调研"}).status_code == 403


def test_the_page_only_answers_get(client_as, official, records):
    assert client_as(official).post("/search/", {"q": "调研"}).status_code == 405


def test_the_page_needs_the_same_queries_for_many_results(client_as, official, records, django_assert_max_num_queries):
    from projects.models import Project

    client = client_as(official)
    with django_assert_max_num_queries(8):
        client.get("/search/", {"q": "项目"})
    for index in range(30):
        Project.objects.create(name=f"智能制造{index}号项目")
    with django_assert_max_num_queries(8):
        response = client.get("/search/", {"q": "项目"})
    assert response.context["page"].paginator.count == 33


def test_the_api_returns_ranked_marked_hits(api_client_as, official, records):
    body = api_client_as(official).get("/api/v1/search/", {"q": "铜铟镓硒"}).json()
    assert body["count"] == 1
    [hit] = body["results"]
    assert hit["type"] == "project"
    assert hit["id"] == records["project"].pk
    assert "<mark>" in hit["title"]


def test_the_api_can_keep_to_some_types(api_client_as, official, records):
    body = api_client_as(official).get("/api/v1/search/", {"q": "朱共山", "type": "project"}).json()
    assert body["count"] == 0
    body = api_client_as(official).get("/api/v1/search/", {"q": "朱共山", "type": "person"}).json()
    assert [hit["title"] for hit in body["results"]] == ["<mark>朱共山</mark>"]


@pytest.mark.parametrize("query", ["' OR 1=1--", "& | ! ( ) :*", ""])
def test_the_api_survives_operator_queries(api_client_as, official, records, query):
    response = api_client_as(official).get("/api/v1/search/", {"q": query})
    assert response.status_code == 200


def test_the_api_refuses_anonymous_and_roleless_callers(api_client_as, outsider, records):
    assert api_client_as(None).get("/api/v1/search/", {"q": "调研"}).status_code == 401
    assert api_client_as(outsider).get("/api/v1/search/", {"q": "调研"}).status_code == 403
    assert api_client_as(outsider).post("/api/v1/search/", {"q": "调研"}).status_code == 403
