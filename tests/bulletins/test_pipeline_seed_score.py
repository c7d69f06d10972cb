"""The pipeline scores >= 0.95 against the hand-made references for both seed bulletins."""

import datetime
import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from bulletins.pipeline import parse

DATA = Path(__file__).resolve().parent / "data"
SEEDS = [("000_4dced07f19938908", datetime.date(2020, 8, 10)), ("001_91d4925f69f21640", datetime.date(2020, 6, 20))]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", DATA / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(stem: str, issued: datetime.date) -> dict:
    text = (DATA / f"{stem}.txt").read_text(encoding="utf-8")
    # Round-trip through JSON: the command prints exactly this.
    return json.loads(json.dumps(parse(text, issued).to_schema(), ensure_ascii=False))


@pytest.mark.parametrize(("stem", "issued"), SEEDS)
def test_each_seed_scores_well(stem, issued):
    scorer = _scorer()
    gold = json.loads((DATA / f"{stem}.gold.json").read_text(encoding="utf-8"))
    counts, notes = scorer.count_pair(gold, _extract(stem, issued))
    assert scorer.metrics(counts)["overall"] >= 0.95, notes


def test_both_seeds_overall():
    scorer = _scorer()
    total = Counter()
    for stem, issued in SEEDS:
        gold = json.loads((DATA / f"{stem}.gold.json").read_text(encoding="utf-8"))
        total.update(scorer.count_pair(gold, _extract(stem, issued))[0])
    assert scorer.metrics(total)["overall"] >= 0.95


def test_ocr_error_is_corrected_but_evidence_quotes_the_original():
    text = (DATA / "000_4dced07f19938908.txt").read_text(encoding="utf-8")
    result = parse(text, datetime.date(2020, 8, 10)).to_schema()
    names = [p["name"] for p in result["projects"]]
    assert "徐州铜铟镓硒薄膜太阳能电池生产线项目" in names
    project = result["projects"][names.index("徐州铜铟镓硒薄膜太阳能电池生产线项目")]
    assert any("铜钢镓硒" in ev["sentence"] for ev in project["evidence"])


def test_page_break_inside_sentence_is_joined():
    text = (DATA / "000_4dced07f19938908.txt").read_text(encoding="utf-8")
    result = parse(text, datetime.date(2020, 8, 10)).to_schema()
    said = [r["text"] for r in result["requirements"] if r["person"] == "庄兆林" and r["verb"] == "指出"]
    assert said and "行业影响大,社会关注度高" in said[0]


def test_milestone_from_progress_statement():
    text = (DATA / "001_91d4925f69f21640.txt").read_text(encoding="utf-8")
    result = parse(text, datetime.date(2020, 6, 20)).to_schema()
    milestones = [m for p in result["projects"] for m in p["milestones"]]
    assert {"name": "一期投产", "phase": "一期", "planned_date": "2020-06-30"}.items() <= milestones[0].items()


def test_problems_by_category():
    text = (DATA / "000_4dced07f19938908.txt").read_text(encoding="utf-8")
    categories = {p["category"] for p in parse(text, datetime.date(2020, 8, 10)).to_schema()["problems"]}
    assert {"资金", "供地", "供电", "用地审批", "人才与外国专家", "金融"} <= categories
