import pytest
from django.core.management import call_command

from projects.models import Project
from search.models import SearchDocument
from search.selectors import highlight, search_documents


def titles(query):
    return [document.title for document in search_documents(query=query)]


def test_it_finds_a_person_by_name(records):
    assert titles("朱共山") == ["朱共山"]


def test_it_finds_the_cigs_project_by_its_material(records):
    assert "徐州铜铟镓硒薄膜太阳能电池生产线项目" in titles("铜铟镓硒")


def test_it_finds_the_cigs_project_by_a_word_inside_its_name(records):
    assert titles("太阳能") == ["徐州铜铟镓硒薄膜太阳能电池生产线项目"]


def test_it_finds_the_inspection_meeting_by_the_word_for_inspection(records):
    assert titles("调研") == ["2025-08-05 市长到经开区专题调研重大产业项目"]


def test_it_requires_every_word_of_the_query(records):
    assert titles("太阳能 装备") == []
    assert titles("项目 装备") == ["智能装备产业园项目"]


def test_it_finds_a_person_by_their_post(records):
    assert "朱共山" in titles("董事长")


@pytest.mark.parametrize("query", ["' OR 1=1--", "& | ! ( ) :*", "'", '"朱共山', "朱共山 & !", "a:*", "\\", "%_", ""])
def test_operator_and_quote_queries_never_fail(records, query):
    list(search_documents(query=query))


def test_a_query_made_of_operators_finds_nothing(records):
    assert titles("& | ! ( ) :*") == []


def test_it_keeps_the_index_current_when_a_record_is_renamed_or_deleted(records):
    project = records["project"]
    project.name = "高效异质结电池项目"
    project.save()
    assert titles("太阳能") == []
    assert titles("异质结") == ["高效异质结电池项目"]
    project.delete()
    assert titles("异质结") == []


def test_the_rebuild_command_indexes_records_saved_without_the_index(records, capsys):
    Project.objects.bulk_create([Project(name="储能电站项目")])  # bulk_create sends no signal
    assert titles("储能") == []
    call_command("rebuild_search_index")
    assert titles("储能") == ["储能电站项目"]
    assert f"Indexed {SearchDocument.objects.count()} documents." in capsys.readouterr().out


def test_it_escapes_the_text_then_marks_the_query(records):
    records["meeting"].summary = "<script>调研</script>"
    records["meeting"].save()
    [hit] = highlight(search_documents(query="调研", models=["meeting"]), query="调研")
    assert str(hit.snippet) == "&lt;script&gt;<mark>调研</mark>&lt;/script&gt;"
    assert "<mark>调研</mark>" in str(hit.title)
