"""Score the pipeline on the unseen bulletins (tests/bulletins/data/unseen) and on the seeds.

Run: .venv/bin/python bench/score_unseen.py [-v]   (-v prints the scorer's notes per file)
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bulletins.pipeline import parse  # noqa: E402 (after the path tweak)

DATA = ROOT / "tests" / "bulletins" / "data"
UNSEEN = DATA / "unseen"
SEEDS = {"000_4dced07f19938908": "2020-08-10", "001_91d4925f69f21640": "2020-06-20"}


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", DATA / "score_extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_set(folder: Path, manifest: dict[str, str], verbose: bool = False) -> tuple[dict[str, float], dict]:
    """Per-file overall scores and the summed metrics of one set of bulletins."""
    sc = scorer()
    total: Counter = Counter()
    per_file = {}
    for stem, issued in sorted(manifest.items()):
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        gold = json.loads((folder / f"{stem}.gold.json").read_text(encoding="utf-8"))
        pred = json.loads(json.dumps(parse(text, datetime.date.fromisoformat(issued)).to_schema(),
                                     ensure_ascii=False))
        counts, notes = sc.count_pair(gold, pred)
        total.update(counts)
        per_file[stem] = sc.metrics(counts)["overall"]
        if verbose:
            print(f"== {stem}  {per_file[stem]:.3f}")
            for key in ("people", "organizations", "projects", "events", "indicators"):
                missed, extra = notes[key]
                if missed or extra:
                    print(f"  {key}: missed {missed} extra {extra}")
            for wrong in notes["project_facts_wrong"]:
                print(f"  wrong: {wrong}")
    return per_file, sc.metrics(total)


def unseen_manifest() -> dict[str, str]:
    return json.loads((UNSEEN / "manifest.json").read_text(encoding="utf-8"))


def main() -> None:
    verbose = "-v" in sys.argv
    for label, folder, manifest in (("unseen", UNSEEN, unseen_manifest()), ("seeds", DATA, SEEDS)):
        per_file, final = score_set(folder, manifest, verbose)
        for stem, value in per_file.items():
            print(f"{label:6s} {stem:32s} {value:.3f}")
        print(f"{label:6s} metrics: " + " ".join(f"{k}={v:.3f}" for k, v in final.items() if k != "overall"))
        print(f"{label:6s} OVERALL {final['overall']:.3f}")


if __name__ == "__main__":
    main()
