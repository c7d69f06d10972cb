"""Figures as Chinese readers write them, through lib.formatting, and the pages that show them."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from lib.formatting import percent, quantity, yuan_short
from projects.models import Capacity, Project


@pytest.mark.parametrize(("value", "unit", "written"), [
    (200_000, "片/月", "20万片/月"),
    (54_000, "吨/年", "5.4万吨/年"),
    (300, "MW", "300MW"),
    (3_000, "吨/年", "3,000吨/年"),
    (250_000_000, "千瓦时/年", "2.5亿千瓦时/年"),
    (Decimal("12.50"), "台/年", "12.5台/年"),
])
def test_a_capacity_is_written_in_wan_and_yi_as_the_bulletins_write_it(value, unit, written):
    with override("zh-hans"):
        assert quantity(value, unit) == written


@pytest.mark.parametrize(("yuan", "written"), [
    (11_650_000_000, "116.5亿元"), (32_000_000, "3,200万元"), (100_000_000, "1亿元"), (None, "—"),
])
def test_an_amount_is_written_in_yi_or_wan_yuan(yuan, written):
    with override("zh-hans"):
        assert yuan_short(yuan) == written


def test_english_keeps_the_plain_number_and_a_space_before_the_unit():
    with override("en"):
        assert quantity(200_000, "片/月") == "200,000 片/月"
        assert percent(Decimal("66.25")) == "66.3%"


def test_the_overview_adds_capacities_of_one_product_only(db, client_as, official):
    """Two products of one industry in one unit stay apart; two projects of one product add up."""
    first, second, third = (Project.objects.create(name=name, industry="新材料")
                            for name in ("甲项目", "乙项目", "丙项目"))
    Capacity.objects.create(project=first, value=50_000, unit="吨/年", product="颗粒硅")
    Capacity.objects.create(project=second, value=4_000, unit="吨/年", product="颗粒硅")
    Capacity.objects.create(project=third, value=5_000, unit="吨/年", product="电子级多晶硅")
    Capacity.objects.create(project=third, value=300, unit="MW")

    response = client_as(official).get(reverse("dashboard:overview"))
    rows = {(r["product"] or r["project__name"], r["unit"]): r["total"] for r in response.context["capacities"]}
    content = response.content.decode()

    assert rows == {("颗粒硅", "吨/年"): 54_000, ("电子级多晶硅", "吨/年"): 5_000, ("丙项目", "MW"): 300}
    assert "5.4万吨/年" in content and "5,000吨/年" in content and "300MW" in content
    assert "59,000" not in content and "5.9万" not in content
