"""Time rebuild_search_index on the database DATABASE_URL points at: documents per second, per model and in all.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_load_100000 DEBUG=0 SECRET_KEY=x \
     .venv/bin/python bench/search_index.py
Target (issue 18): 100,000 synthetic projects with their problems, people and organizations in < 300 s.
It rewrites search_searchdocument only; run it on a database at this branch's schema. BENCH_WORKERS sets the
cutting processes (default: the cores, as the command). Measured 2026-11-29 on xzkf_load_100000 (2 shared cores,
load average 3-5): 306,347 documents in 143 s with 2 workers, 163 s with 1 (of which 80 s this process's CPU,
the rest PostgreSQL computing tsvectors and filling the GIN index); 261 s with 2 at load average 8.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")
TARGET_SECONDS = 300
WORKERS = int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 1))  # as rebuild_search_index's default


def main():
    import django

    django.setup()
    from django.db import connection

    from bulletins.pipeline.segmenter import get_tokenizer
    from projects.models import Project
    from search.services import search_index_rebuild

    started = time.perf_counter()
    get_tokenizer()  # the dictionary load, once per process, counted apart
    print(f"jieba dictionary loaded in {time.perf_counter() - started:.1f} s")
    print(f"{connection.vendor} {connection.settings_dict['NAME']}: {Project.objects.count()} projects, "
          f"{WORKERS} cutting processes")

    def progress(model, count, seconds):
        rate = count / seconds if seconds else 0
        print(f"  {model._meta.label:<26}{count:>9} documents {seconds:>7.1f} s {rate:>8.0f}/s", flush=True)

    started, cpu_started = time.perf_counter(), time.process_time()
    total = search_index_rebuild(workers=WORKERS, progress=progress)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"  {'all':<26}{total:>9} documents {seconds:>7.1f} s {total / seconds:>8.0f}/s")
    # The machine is shared: this process's own CPU time (without the workers') shows how busy it was.
    load = os.getloadavg()[0]
    print(f"this process's CPU: {cpu:.1f} s; load average at the end: {load:.1f} on {os.cpu_count()} cores")
    print(f"target: < {TARGET_SECONDS} s   {'PASS' if seconds < TARGET_SECONDS else 'FAIL'}")
    sys.exit(0 if seconds < TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
