"""Throughput of the bulletin pipeline (no database) against raw jieba.lcut on the same text.

Run: .venv/bin/python bench/parse.py   Target: pipeline >= 0.5 x jieba.lcut chars/s.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba

from bulletins.pipeline import parse
from bulletins.pipeline.segmenter import cut_window, get_tokenizer

SEED_DIRS = (ROOT / "tests" / "bulletins" / "data", ROOT / "seeds")
TARGET_CHARS = 1_000_000


def seed_texts() -> list[str]:
    for folder in SEED_DIRS:
        files = sorted(folder.glob("*.txt"))
        if files:
            return [f.read_text(encoding="utf-8") for f in files]
    raise SystemExit("no seed bulletins found")


def build_corpus(target: int = TARGET_CHARS) -> list[str]:
    """Bulletins made by varying the seeds: shuffled paragraphs, changed dates and amounts."""
    rng = random.Random(20200810)
    seeds = seed_texts()
    corpus, size = [], 0
    while size < target:
        base = rng.choice(seeds)
        paragraphs = base.split("\n\n")
        head, rest = paragraphs[:4], paragraphs[4:]
        rng.shuffle(rest)
        text = "\n\n".join(head + rest)
        text = text.replace("亿元", f"{rng.randint(1, 9)}亿元", 1).replace("月5日", f"月{rng.randint(1, 28)}日", 1)
        corpus.append(text)
        size += len(text)
    return corpus


def main() -> None:
    corpus = build_corpus()
    chars = sum(len(t) for t in corpus)
    get_tokenizer()  # dictionary loading is a one-off cost, not throughput
    issued = datetime.date(2020, 8, 10)

    started = time.perf_counter()
    for text in corpus:
        parse(text, issued)
    pipeline_seconds = time.perf_counter() - started

    # Worst case: no tagged window is reused from an earlier bulletin.
    started = time.perf_counter()
    for text in corpus:
        cut_window.cache_clear()
        parse(text, issued)
    cold_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for text in corpus:
        jieba.lcut(text)
    jieba_seconds = time.perf_counter() - started

    pipeline_rate = chars / pipeline_seconds
    jieba_rate = chars / jieba_seconds
    print(f"corpus: {len(corpus)} bulletins, {chars} chars")
    print(f"pipeline (normalise+segment+extract): {pipeline_rate:,.0f} chars/s ({pipeline_seconds:.2f} s)")
    print(f"pipeline, tag cache cleared per bulletin: {chars / cold_seconds:,.0f} chars/s ({cold_seconds:.2f} s)")
    print(f"raw jieba.lcut:                        {jieba_rate:,.0f} chars/s ({jieba_seconds:.2f} s)")
    ratio = pipeline_rate / jieba_rate
    print(f"ratio pipeline/jieba: {ratio:.2f} (target >= 0.50) {'OK' if ratio >= 0.5 else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
