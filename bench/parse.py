"""Parse time of one ~2,000-character article, and throughput of the pipeline (no database) against raw jieba.lcut.

Run: .venv/bin/python bench/parse.py
Targets: median parse time of a ~2,000-character article < 0.5 s; pipeline >= 0.5 x jieba.lcut chars/s.
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba

from bulletins.pipeline import KnownNames, parse
from bulletins.pipeline.segmenter import cut_window, get_tokenizer

SEED_DIRS = (ROOT / "tests" / "bulletins" / "data", ROOT / "seeds")
TARGET_CHARS = 300_000
ARTICLE_CHARS = 2_000
ARTICLES = 25


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


def articles(count: int = ARTICLES, size: int = ARTICLE_CHARS) -> list[str]:
    """~2,000-character articles: varied seed bulletins cut at the paragraph that reaches the size."""
    out, text = [], ""
    for piece in build_corpus(count * 6_000):
        text = f"{text}\n\n{piece}" if text else piece
        if len(text) < size:
            continue
        cut = text.find("\n", size)
        out.append(text[: cut if cut != -1 else len(text)])
        text = ""
        if len(out) == count:
            break
    return out


def article_times() -> None:
    started = time.perf_counter()
    get_tokenizer()  # loaded once per process, before the first article
    print(f"dictionary load (once per process, not per article): {time.perf_counter() - started:.2f} s")
    issued = datetime.date(2020, 8, 10)
    times = []
    sample = articles()
    for text in sample:
        cut_window.cache_clear()  # nothing reused from an earlier article
        started = time.perf_counter()
        parse(text, issued)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    size = statistics.median(len(t) for t in sample)
    print(f"articles: {len(sample)} of ~{size:,.0f} chars, tag cache cleared before each")
    print(f"median parse time of a ~2,000-character article: {median:.3f} s (max {max(times):.3f} s) "
          f"(target < 0.5 s) {'OK' if median < 0.5 else 'BELOW TARGET'}")


def with_many_known_names() -> None:
    """A database of 100,000 projects, 20,000 organisations and 50,000 people, its names given to parse."""
    rng = random.Random(7)
    pool = "华新恒瑞金天宏远博鑫东方泰达永安盛川锦辰"

    def word(n: int) -> str:
        return "".join(rng.choice(pool) for _ in range(n))

    known = KnownNames(people=[rng.choice("王李张刘陈杨黄赵") + word(2) for _ in range(50_000)],
                       organizations=[word(4) + "科技有限公司" for _ in range(20_000)],
                       projects=[word(5) + "项目" for _ in range(100_000)])
    issued = datetime.date(2020, 8, 10)
    sample = articles(9)
    started = time.perf_counter()
    parse(sample[0], issued, known)  # teaching jieba the names happens once per process
    print(f"with 170,000 known names: first parse {time.perf_counter() - started:.2f} s")
    times = []
    for text in sample[1:]:
        started = time.perf_counter()
        parse(text, issued, known)
        times.append(time.perf_counter() - started)
    print(f"with 170,000 known names: median parse time of a ~2,000-character article {statistics.median(times):.3f} s")


def main() -> None:
    article_times()
    with_many_known_names()
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
