"""Importing bulletins: records with their sentences, no duplicates, bad input refused with nothing written."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bulletins.models import Bulletin, Evidence
from bulletins.services import bulletin_import
from enterprises.models import Organization, Person, Position
from meetings.models import Meeting
from projects.models import Assignment, Capacity, Milestone, Project

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def counts():
    models = [Bulletin, Evidence, Organization, Person, Position, Project, Milestone, Meeting, Assignment]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def seeded():
    call_command("load_seeds", stdout=io.StringIO())


def test_load_seeds_creates_the_founding_records(seeded):
    assert Bulletin.objects.count() == 2
    wafer = Project.objects.get(name__contains="大硅片")
    assert wafer.total_investment == 9_450_000_000
    assert wafer.capacities.filter(value=200_000, unit="片/月").exists()
    cigs = Project.objects.get(name__contains="铜铟镓硒")  # the OCR error 铜钢镓硒 is corrected
    assert cigs.builder.name == "凯盛光伏材料(徐州)有限公司"
    assert cigs.total_investment == 2_200_000_000


def test_a_capacity_keeps_the_product_its_sentence_names(seeded):
    granular = Capacity.objects.get(value=54_000, unit="吨/年")
    assert granular.product == "颗粒硅"


def test_every_seeded_record_shows_its_sentence(seeded):
    for evidence in Evidence.objects.select_related("bulletin"):
        assert evidence.bulletin.raw_text[evidence.start:evidence.end] == evidence.sentence
    project = Project.objects.get(name__contains="大硅片")
    sentences = Evidence.objects.filter(content_type__model="project", object_id=project.pk)
    assert any("94.5亿元" in e.sentence for e in sentences)


def test_a_post_that_changes_between_issues_is_kept_with_its_dates(seeded):
    person = Person.objects.get(name="李淑侠")
    posts = {p.title: (p.first_seen, p.last_seen) for p in person.positions.all()}
    assert posts["党工委副书记"] == (datetime.date(2020, 6, 20), datetime.date(2020, 6, 20))
    assert posts["党工委书记"] == (datetime.date(2020, 8, 10), datetime.date(2020, 8, 10))


def test_the_inspection_is_a_meeting_with_its_leader_projects_and_assignment(seeded):
    meeting = Meeting.objects.get(date=datetime.date(2020, 8, 5))
    assert meeting.kind == Meeting.Kind.INSPECTION
    roles = {a.person.name: a.role for a in meeting.attendances.select_related("person")}
    assert roles["庄兆林"] == "led"
    assert "李淑侠" in roles
    assert meeting.projects.count() == 2
    assert Assignment.objects.filter(person__name="庄兆林").count() == 2


def test_a_subsidiary_is_linked_to_its_group(seeded):
    subsidiary = Organization.objects.get(name="江苏协鑫硅材料科技发展有限公司")
    assert subsidiary.parent.name == "协鑫(集团)控股有限公司"
    assert "协鑫集团" in subsidiary.parent.aliases


def test_the_planned_production_becomes_a_milestone(seeded):
    milestone = Milestone.objects.get(project__name__contains="10GW")
    assert milestone.planned_date == datetime.date(2020, 6, 30)
    assert milestone.actual_date is None


def test_reimporting_the_seeds_changes_nothing(seeded):
    before = counts()
    call_command("load_seeds", stdout=io.StringIO())
    assert counts() == before


def test_the_same_text_under_another_name_is_not_imported_twice(seeded, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes((SEEDS / "000_4dced07f19938908.txt").read_bytes())
    before = counts()
    call_command("import_bulletin", str(copy), "--issued", "2020-08-10", stdout=io.StringIO())
    assert counts() == before


def test_a_gbk_encoded_bulletin_imports_like_its_utf8_twin(tmp_path):
    text = (SEEDS / "000_4dced07f19938908.txt").read_text(encoding="utf-8")
    gbk = tmp_path / "bulletin.txt"
    gbk.write_bytes(text.encode("gb18030"))
    call_command("import_bulletin", str(gbk), "--issued", "2020-08-10", stdout=io.StringIO())
    assert Project.objects.filter(name__contains="大硅片").exists()


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("中文".encode() * (1024 * 1024), "2 MB"),
])
def test_a_bad_file_is_refused_and_nothing_is_written(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import_bulletin", str(bad), "--issued", "2020-08-10")
    assert message in str(error.value)
    assert Bulletin.objects.count() == 0


def test_an_impossible_issue_date_is_refused():
    with pytest.raises(CommandError, match="real date"):
        call_command("import_bulletin", str(SEEDS / "000_4dced07f19938908.txt"), "--issued", "2020-02-30")
    assert Bulletin.objects.count() == 0


def test_one_bad_file_among_several_stops_before_anything_is_written(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("import_bulletin", str(SEEDS / "000_4dced07f19938908.txt"), str(empty), "--issued", "2020-08-10")
    assert Bulletin.objects.count() == 0


def test_an_import_interrupted_half_way_writes_nothing(monkeypatch):
    from bulletins import services

    def fail(self, items, meetings):
        raise RuntimeError("injected failure after projects and meetings were written")

    monkeypatch.setattr(services._Writer, "write_problems", fail)
    text = (SEEDS / "000_4dced07f19938908.txt").read_text(encoding="utf-8")
    with pytest.raises(RuntimeError):
        bulletin_import(text=text, issued_on=datetime.date(2020, 8, 10))
    assert counts() == dict.fromkeys(counts(), 0)


def test_the_import_query_count_does_not_grow_with_the_database():
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    text = (SEEDS / "000_4dced07f19938908.txt").read_text(encoding="utf-8")

    def queries_to_import():
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            bulletin_import(text=text, issued_on=datetime.date(2020, 8, 10))
            transaction.set_rollback(True)
        return len(captured.captured_queries)

    queries_to_import()  # warms the content-type cache
    on_empty_database = queries_to_import()
    Project.objects.bulk_create(Project(name=f"既有项目{i}") for i in range(300))
    Organization.objects.bulk_create(Organization(name=f"既有公司{i}有限公司") for i in range(300))
    Person.objects.bulk_create(Person(name=f"某{i}") for i in range(300))
    assert queries_to_import() == on_empty_database


def test_imported_records_are_searchable_at_once(seeded, official, client_as):
    response = client_as(official).get("/search/", {"q": "大硅片"})
    assert "徐州鑫晶半导体大硅片项目" in re.sub(r"</?mark>", "", response.content.decode())
