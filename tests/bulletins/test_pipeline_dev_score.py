"""Real published articles (the shared development set) parse well: overall >= 0.90 against their gold files.

The set lives beside the clone (`../shared/seeds/dev`, or the folder named by BULLETIN_DEV_SET); without it the
test is skipped. Each NAME.txt starts with a `source: URL` line, stripped as score_dir.sh does.
"""

import datetime
import importlib.util
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from bulletins.pipeline import parse

ROOT = Path(__file__).resolve().parents[2]
DEV = Path(os.environ.get("BULLETIN_DEV_SET") or ROOT.parent / "shared" / "seeds" / "dev")
SCORER = Path(__file__).resolve().parent / "data" / "score_extraction.py"
FLOOR = 0.90

pytestmark = pytest.mark.skipif(not any(DEV.glob("*.gold.json")), reason=f"no development set at {DEV}")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _article(gold_path: Path) -> tuple[str, datetime.date, dict]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt").read_text(encoding="utf-8")
    if text.startswith("source:"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text, datetime.date.fromisoformat(gold["issued"]), gold


def test_dev_set_overall_is_at_least_the_floor():
    scorer = _scorer()
    total, misses = Counter(), {}
    golds = sorted(DEV.glob("*.gold.json"))
    assert len(golds) >= 10
    for gold_path in golds:
        text, issued, gold = _article(gold_path)
        # Round-trip through JSON: `parse_bulletin --json` prints exactly this.
        pred = json.loads(json.dumps(parse(text, issued).to_schema(), ensure_ascii=False))
        counts, notes = scorer.count_pair(gold, pred)
        total.update(counts)
        misses[gold_path.name] = {k: v for k, v in notes.items() if v and v != ([], [])}
    metrics = scorer.metrics(total)
    assert metrics["overall"] >= FLOOR, (metrics, misses)


def test_no_article_of_the_dev_set_scores_zero():
    """Every kind of article (reports of figures, lists of projects, visits) yields something right."""
    scorer = _scorer()
    for gold_path in sorted(DEV.glob("*.gold.json")):
        text, issued, gold = _article(gold_path)
        counts, notes = scorer.count_pair(gold, parse(text, issued).to_schema())
        assert scorer.metrics(counts)["overall"] >= 0.5, (gold_path.name, notes)
