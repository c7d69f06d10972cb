import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from bulletins.models import Bulletin
from projects.models import Phase, Problem, ProblemCategory, Project
from search import services
from search.models import SearchDocument
from search.selectors import search_documents


def titles(query):
    return [document.title for document in search_documents(query=query)]


def index_as_rows():
    fields = ["content_type_id", "object_id", "title", "body", "url", "title_tokens", "tokens"]
    if connection.vendor == "postgresql":
        return {row[:2]: row for row in SearchDocument.objects.extra(select={"v": "vector::text"}).values_list(
            *fields, "v")}
    return {row[:2]: row for row in SearchDocument.objects.values_list(*fields)}


@pytest.fixture
def more_records(records):
    project = records["project"]
    Phase.objects.create(project=project, name="二期", order=2, description="建设氢燃料电池电堆生产线")
    category = ProblemCategory.objects.first() or ProblemCategory.objects.create(name="要素保障")
    Problem.objects.create(project=project, category=category, description="双回路供电线路需提前接入")
    Bulletin.objects.create(issued_on=datetime.date(2025, 8, 6), raw_text="经开区重大项目建设简报", checksum="x" * 64)
    return records


def test_the_rebuilt_index_is_the_index_the_saves_made(more_records):
    live = index_as_rows()
    assert len(live) == 7  # organization, person, two projects, meeting, problem, bulletin
    call_command("rebuild_search_index", batch_size=2)
    assert index_as_rows() == live


def test_worker_processes_build_the_same_index(more_records):
    live = index_as_rows()
    services.search_index_rebuild(batch_size=1, workers=2)
    assert index_as_rows() == live


def test_a_project_is_found_by_the_name_of_its_phase(more_records):
    project = more_records["project"]
    assert titles("电堆") == [project.name]
    Phase.objects.filter(project=project).delete()
    assert titles("电堆") == []
    Phase.objects.bulk_create([Phase(project=project, name="三期", order=3, description="电堆")])  # no signal
    call_command("rebuild_search_index")
    assert titles("电堆") == [project.name]


def test_the_rebuild_drops_documents_of_records_that_are_gone(more_records):
    # As a record deleted by a path that sends no signal (raw SQL, a restored backup) leaves it.
    content_type = ContentType.objects.get_for_model(Project)
    ghost = services.Document(
        object_id=10**9, title="幽灵项目", body="", url="", title_tokens="幽灵", tokens=" 幽灵 "
    )
    services._insert(content_type, [ghost])
    assert titles("幽灵") == ["幽灵项目"]
    call_command("rebuild_search_index")
    assert titles("幽灵") == []
    assert titles("朱共山") == ["朱共山"]


def test_a_rebuild_stopped_half_way_leaves_the_index_searchable(more_records, monkeypatch):
    before = index_as_rows()
    calls = []
    insert = services._insert

    def insert_then_fail(content_type, documents):
        calls.append(content_type)
        if len(calls) == 3:  # the third batch fails after its old documents were deleted
            raise RuntimeError("worker killed")
        insert(content_type, documents)

    monkeypatch.setattr(services, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        services.search_index_rebuild(batch_size=1)
    assert index_as_rows().keys() == before.keys()
    assert "徐州铜铟镓硒薄膜太阳能电池生产线项目" in titles("太阳能")
    assert titles("董事长") == ["朱共山"]
    assert titles("调研") == ["2025-08-05 市长到经开区专题调研重大产业项目"]


def test_the_rebuild_reports_each_model_with_its_count(more_records, capsys):
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "projects.Project: 2 documents in " in out
    assert "enterprises.Person: 1 documents in " in out
    assert "Indexed 7 documents." in out
