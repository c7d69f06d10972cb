"""项目代码, 统一社会信用代码 and GB/T 4754-2017: what the models accept, refuse and write back."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bulletins.pipeline.industries import industry_keywords, propose_industry
from bulletins.services import bulletin_import, extraction_preview
from enterprises.industries import read_table
from enterprises.models import Industry, Organization
from lib.formatting import YI
from projects.models import Project

pytestmark = pytest.mark.django_db


# --- 项目代码 (GB/T 40058-2021) ---


@pytest.mark.parametrize("written", [
    "2306-320924-89-02-799920",
    " 2306-320924-89-02-799920 ",
    "2306320924 8902799920",  # pasted without hyphens, with a stray space
    "2306—320924—89—02—799920",  # a dash typed in a Chinese input method
])
def test_a_project_code_is_accepted_and_stored_in_its_normal_form(written):
    project = Project(name="某项目", project_code=written)
    project.full_clean()
    assert project.project_code == "2306-320924-89-02-799920"


@pytest.mark.parametrize(("written", "message"), [
    ("2306-320924-89-02-79992", "4-6-2-2-6"),  # a digit short
    ("2306-3209-24-89-02-799920", "4-6-2-2-6"),  # groups split wrongly
    ("23A6-320924-89-02-799920", "4-6-2-2-6"),  # a letter
    ("2313-320924-89-02-799920", "13"),  # month 13
    ("2300-320924-89-02-799920", "00"),  # month 0
])
def test_a_malformed_project_code_is_refused_with_a_clear_message(written, message):
    project = Project(name="某项目", project_code=written)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert message in " ".join(error.value.message_dict["project_code"])


def test_a_project_code_is_unique_when_set_and_may_stay_empty_on_many():
    Project.objects.create(name="甲项目", project_code="2306-320924-89-02-799920")
    Project.objects.create(name="乙项目")
    Project(name="丙项目").full_clean()  # a second project without a code
    with pytest.raises(ValidationError) as error:
        Project(name="丁项目", project_code="23063209248902799920").full_clean()
    assert error.value.message_dict["__all__"] == [_("Another project has this project code.")]


# --- 统一社会信用代码 (GB 32100-2015) ---


@pytest.mark.parametrize(("written", "stored"), [
    ("91350100M000100Y43", "91350100M000100Y43"),
    ("91110000600037341L", "91110000600037341L"),
    ("9111 0000 6000 3734 1l", "91110000600037341L"),  # spaces and lower case, as copied from a licence
])
def test_a_credit_code_with_the_right_check_character_is_accepted(written, stored):
    organization = Organization(name="某有限公司", credit_code=written)
    organization.full_clean()
    assert organization.credit_code == stored


CHECKSUM = "The last character of this unified social credit code does not match its check character."
SHAPE = "A unified social credit code has 18 characters: digits and capital letters (GB 32100-2015)."


@pytest.mark.parametrize(("written", "message"), [
    ("91350100M000100Y4A", CHECKSUM),  # the check character is wrong
    ("91110000600037341X", CHECKSUM),
    ("91350100M000100Y4", SHAPE),  # one short
    ("91350100M000100YIO", SHAPE),  # I and O are not used by the standard
])
def test_a_wrong_credit_code_is_refused_with_a_clear_message(written, message):
    organization = Organization(name="某有限公司", credit_code=written)
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert error.value.message_dict["credit_code"] == [_(message)]


def test_two_organizations_cannot_share_a_credit_code():
    Organization.objects.create(name="甲有限公司", credit_code="91350100M000100Y43")
    Organization.objects.create(name="乙有限公司")
    Organization(name="丙有限公司").full_clean()
    with pytest.raises(ValidationError) as error:
        Organization(name="丁有限公司", credit_code="91350100m000100y43").full_clean()
    assert error.value.message_dict["__all__"] == [_("Another organization has this unified social credit code.")]


# --- GB/T 4754-2017 ---


def test_the_industry_table_holds_every_section_and_every_division():
    sections = set(Industry.objects.filter(code__regex=r"^[A-Z]$").values_list("code", flat=True))
    assert sections == set("ABCDEFGHIJKLMNOPQRST")
    divisions = set(Industry.objects.filter(code__regex=r"^[0-9]{2}$").values_list("code", flat=True))
    assert divisions == {f"{n:02d}" for n in range(1, 98)}
    assert Industry.objects.get(code="C").name == "制造业"
    assert Industry.objects.get(code="38").name == "电气机械和器材制造业"


def test_a_class_hangs_under_its_group_division_and_section():
    lithium = Industry.objects.get(code="3841")
    assert lithium.name == "锂离子电池制造"
    assert (lithium.parent_id, lithium.parent.parent_id, lithium.parent.parent.parent_id) == ("384", "38", "C")
    assert (lithium.section, lithium.division) == ("C", "38")


def test_the_divisions_fall_in_the_standards_sections():
    sections = {row["code"]: row["section"] for row in read_table()}
    assert [sections[c] for c in ("01", "06", "13", "43", "44", "47", "51", "53", "61", "63", "70", "97")] == [
        "A", "B", "C", "C", "D", "E", "F", "G", "H", "I", "K", "T"
    ]


def test_a_bad_line_in_the_industry_file_names_its_line(tmp_path):
    table = tmp_path / "industries.tsv"
    table.write_text("C\t制造业\n3841\t锂离子电池制造\n", encoding="utf-8")
    with pytest.raises(ValueError, match="industries.tsv:2: 3841 comes before its division"):
        read_table(table)


def test_every_keyword_proposes_an_industry_of_the_table():
    codes = set(Industry.objects.values_list("code", flat=True))
    assert {code for _, code in industry_keywords()} <= codes


def test_the_longest_word_proposes_the_industry():
    table = (("新能源汽车", "3612"), ("汽车", "36"))
    assert propose_industry("某新能源汽车整车项目", table=table) == ("3612", "新能源汽车")
    assert propose_industry("某汽车配件项目", table=table) == ("36", "汽车")
    assert propose_industry("某综合服务项目", table=table) is None


def test_the_import_review_shows_the_proposed_industry_and_the_import_sets_it():
    extraction = {"projects": [
        {"name": "某锂电池正极材料项目"},
        {"name": "某综合服务项目"},
    ]}
    preview = extraction_preview(extraction)
    proposed, unmatched = preview["projects"]
    assert (proposed["industry_code"], proposed["industry_name"], proposed["industry_word"]) == (
        "3841", "锂离子电池制造", "锂电池"
    )
    assert "industry_code" not in unmatched
    bulletin_import(text="某锂电池正极材料项目开工。", issued_on=datetime.date(2025, 3, 1), extraction=extraction)
    assert Project.objects.get(name="某锂电池正极材料项目").industry_code_id == "3841"
    assert Project.objects.get(name="某综合服务项目").industry_code_id is None


def test_the_import_leaves_an_industry_already_chosen():
    Project.objects.create(name="某锂电池项目", industry_code_id="3849")
    bulletin_import(text="某锂电池项目。", issued_on=datetime.date(2025, 3, 1),
                    extraction={"projects": [{"name": "某锂电池项目"}]})
    assert Project.objects.get(name="某锂电池项目").industry_code_id == "3849"


# --- 建设性质 and the stage's two wordings ---


@pytest.mark.parametrize(("stage", "start", "dispatch"), [
    (Project.Stage.SIGNED, None, "early"),
    (Project.Stage.PREPARATION, datetime.date(2020, 1, 1), "early"),
    (Project.Stage.CONSTRUCTION, datetime.date(2025, 2, 1), "new_start"),
    (Project.Stage.CONSTRUCTION, None, "new_start"),
    (Project.Stage.INSTALLATION, datetime.date(2024, 11, 1), "continuing"),
    (Project.Stage.PRODUCTION, datetime.date(2023, 1, 1), "completed"),
])
def test_the_dispatch_wording_follows_the_stage_and_the_year_of_the_start(stage, start, dispatch):
    project = Project(name="某项目", stage=stage, actual_start=start)
    assert project.dispatch_stage(datetime.date(2025, 6, 1)) == dispatch


def test_the_project_page_shows_the_codes_and_both_wordings(client_as, official):
    builder = Organization.objects.create(name="某有限公司", credit_code="91350100M000100Y43")
    project = Project.objects.create(
        name="某项目", builder=builder, project_code="2306-320924-89-02-799920", industry_code_id="3841",
        nature=Project.Nature.EXPANSION, stage=Project.Stage.CONSTRUCTION,
        statistical_stage=Project.StatisticalStage.SUSPENDED, statistics_registered=True,
        actual_start=timezone.localdate().replace(month=1, day=1),
    )
    page = client_as(official).get(project.get_absolute_url()).content.decode()
    for shown in ("2306-320924-89-02-799920", "3841 锂离子电池制造", Project.Nature.EXPANSION.label,
                  Project.StatisticalStage.SUSPENDED.label, Project.DispatchStage.NEW_START.label,
                  _("registered for statistics (入库)")):
        assert str(shown) in page
    assert "91350100M000100Y43" in client_as(official).get(builder.get_absolute_url()).content.decode()


def test_the_overview_sums_investment_by_division(client_as, official):
    Project.objects.create(name="甲项目", industry_code_id="3841", total_investment=30 * YI)
    Project.objects.create(name="乙项目", industry_code_id="3825", total_investment=20 * YI)
    Project.objects.create(name="丙项目", industry_code_id="4813", total_investment=5 * YI)
    Project.objects.create(name="丁项目", total_investment=Decimal(YI))
    response = client_as(official).get(reverse("dashboard:overview"))
    assert response.context["projects"]["by_industry"] == [
        ("38", "电气机械和器材制造业", 50 * YI), ("48", "土木工程建筑业", 5 * YI), ("", "—", Decimal(YI)),
    ]
    assert "?industry=38" in response.content.decode()


def test_the_project_list_finds_a_project_by_its_code(client_as, official):
    Project.objects.create(name="甲项目", project_code="2306-320924-89-02-799920")
    Project.objects.create(name="乙项目")
    for query in ("2306-320924-89-02-799920", "23063209248902799920"):
        response = client_as(official).get(reverse("projects:list"), {"q": query})
        assert [p.name for p in response.context["page"].object_list] == ["甲项目"]
