"""Search at 100,000 indexed documents: tsvector + GIN + ts_rank against icontains, on the same rows.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_search_bench .venv/bin/python bench/search.py
Target: p95 of a search (the result page's count and first 20 hits) ≤ 100 ms, and ≥ 20× faster than
icontains over title and text. The database is migrated and filled on the first run (a few minutes:
every document goes through jieba), then reused. BENCH_DOCUMENTS changes the size.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")
os.environ.setdefault("DEBUG", "1")
DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PAGE = 20

# Made-up words of the genre; no real names.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌海波宁"
PLACES = ["经开区", "大黄山", "云龙湖", "徐庄", "东环", "高铁", "城东", "新城", "产业园", "科技园"]
PRODUCTS = [
    "太阳能电池", "薄膜组件", "储能电站", "工程机械", "集成电路", "硅片", "锂电池", "氢能装备", "智能制造", "新材料",
    "生物医药", "半导体材料", "光伏玻璃", "液压件", "汽车零部件",
    "数据中心", "物流园", "污水处理", "安置房", "道路改造",
]
KINDS = ["项目", "生产线项目", "产业园项目", "二期项目", "扩建项目"]
VERBS = ["调研", "现场办公", "座谈", "督办", "检查", "走访", "推进", "协调"]
ISSUES = ["供电", "供地", "环评", "融资", "用工", "审批", "配套道路", "外国专家来徐"]


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def document_text(rng, index):
    place, product = rng.choice(PLACES), rng.choice(PRODUCTS)
    title = f"{place}{product}{rng.choice(KINDS)}{index}"
    body = (
        f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{person(rng)}到{place}{rng.choice(VERBS)}{product}项目，"
        f"{person(rng)}、{person(rng)}陪同。项目总投资{rng.randint(1, 90)}亿元，建成后年产{rng.choice(PRODUCTS)}"
        f"{rng.randint(1, 50)}万套。会上研究了{rng.choice(ISSUES)}和{rng.choice(ISSUES)}问题，"
        f"要求{rng.choice(VERBS)}到位，按期投产。"
    )
    return title, body


def fill(count):
    from django.contrib.contenttypes.models import ContentType

    from projects.models import Project
    from search.models import SearchDocument
    from search.services import Document, _insert
    from search.tokens import document_tokenizer

    have = SearchDocument.objects.count()
    if have == count:
        return 0.0
    started = time.perf_counter()
    SearchDocument.objects.all().delete()
    content_type = ContentType.objects.get_for_model(Project)
    document_tokens = document_tokenizer(cache_size=50_000)
    rng = random.Random(7)
    batch = []
    for index in range(count):
        title, body = document_text(rng, index)
        title_tokens = document_tokens(title)
        body_tokens = [t for t in document_tokens(body) if t not in set(title_tokens)]
        batch.append(Document(
            object_id=index + 1, title=title, body=body, url="",
            title_tokens=" ".join(title_tokens), tokens=f" {' '.join(title_tokens + body_tokens)} ",
        ))
        if len(batch) == 5000:
            _insert(content_type, batch)
            batch = []
            print(f"  indexed {index + 1}", flush=True)
    _insert(content_type, batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchdocument")
    return time.perf_counter() - started


def timed(run, query):
    started = time.perf_counter()
    run(query)
    return (time.perf_counter() - started) * 1000


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q

    from search.models import SearchDocument
    from search.selectors import highlight, search_documents

    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    seconds = fill(DOCUMENTS)
    if seconds:
        print(f"filled {DOCUMENTS} documents in {seconds:.0f} s")

    rng = random.Random(11)
    queries = (
        [person(rng) for _ in range(8)]
        + ["太阳能电池", "储能电站", "钙钛矿", "外国专家来徐", "液压件"]
        + ["大黄山 锂电池", "云龙湖 调研", "氢能装备 二期"]
        + [f"硅片项目{rng.randrange(DOCUMENTS)}" for _ in range(4)]
    )

    def full_text(query):
        documents = search_documents(query=query)
        documents.count()
        highlight(list(documents[:PAGE]), query=query)

    def icontains(query):
        condition = Q()
        for word in query.split():
            condition &= Q(title__icontains=word) | Q(body__icontains=word)
        documents = SearchDocument.objects.select_related("content_type").filter(condition).order_by("title", "pk")
        documents.count()
        list(documents[:PAGE])

    for query in queries[:3]:  # warm the caches and jieba
        full_text(query)
        icontains(query)

    rows = []
    for query in queries:
        fts = [timed(full_text, query) for _ in range(RUNS)]
        like = [timed(icontains, query) for _ in range(RUNS)]
        rows.append((query, search_documents(query=query).count(), statistics.median(fts), statistics.median(like)))
    print(f"\n{DOCUMENTS} documents, {RUNS} runs per query (median ms)")
    print(f"{'query':<16}{'hits':>8}{'tsvector':>11}{'icontains':>11}{'speed-up':>10}")
    for query, hits, fts, like in rows:
        print(f"{query:<16}{hits:>8}{fts:>11.1f}{like:>11.1f}{like / fts:>9.0f}×")

    fts_all = [timed(full_text, q) for q in queries for _ in range(RUNS)]
    like_all = [timed(icontains, q) for q in queries for _ in range(RUNS)]

    def p95(values):
        return statistics.quantiles(values, n=20)[18]

    print(f"\n{'':<16}{'tsvector':>11}{'icontains':>11}")
    print(f"{'p50 ms':<16}{statistics.median(fts_all):>11.1f}{statistics.median(like_all):>11.1f}")
    print(f"{'p95 ms':<16}{p95(fts_all):>11.1f}{p95(like_all):>11.1f}")
    ratio = statistics.median(like_all) / statistics.median(fts_all)
    print(f"median speed-up: {ratio:.0f}×   target: p95 ≤ 100 ms and ≥ 20×")
    ok = p95(fts_all) <= 100 and ratio >= 20
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
