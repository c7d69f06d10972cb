"""The seed check of issue 6: after load_seeds, the 10GW mono-crystal project's phase-1 production
milestone (planned for the end of June 2020, no completion recorded) is overdue on 2020-08-01, once."""

import json
from io import StringIO

import pytest
from django.core.management import call_command, get_commands

pytestmark = pytest.mark.skipif("load_seeds" not in get_commands(), reason="the load_seeds command does not exist yet")


def flag_json(day: str) -> dict:
    out = StringIO()
    call_command("flag_lagging", "--today", day, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_seeded_phase_one_production_milestone_is_overdue_once(db):
    call_command("load_seeds", stdout=StringIO())
    first = flag_json("2020-08-01")
    overdue = [
        item
        for item in first["flagged"]
        if item["rule"] == "overdue_milestone"
        and item["subject_name"] == "一期投产"
        and "10GW" in (item["project"] or "")
    ]
    assert len(overdue) == 1, first["flagged"]
    assert overdue[0]["subject_type"] == "milestone"

    again = flag_json("2020-08-01")
    assert again["flagged"] == []
    assert overdue[0] in again["open"]
