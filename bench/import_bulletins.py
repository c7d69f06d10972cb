"""Importing 100 bulletins into the database (PostgreSQL for the target), from parse to evidence rows.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_bench_import .venv/bin/python bench/import_bulletins.py
Target: 100 bulletins in under 30 s on PostgreSQL. The database is created if missing and emptied first.
"""

import datetime
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")
os.environ.setdefault("DEBUG", "1")
COUNT = int(os.environ.get("BENCH_BULLETINS", "100"))


def variant(text: str, index: int) -> str:
    """A bulletin of the same shape with its own projects and figures, so each import creates records."""
    text = re.sub(r"项目", f"{index}号项目", text)
    return re.sub(r"(\d+(?:\.\d+)?)亿元", lambda m: f"{float(m.group(1)) + index / 10:g}亿元", text)


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bulletins.models import Bulletin, Evidence
    from bulletins.services import bulletin_import
    from projects.models import Project

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)  # flush empties the data migrations' rows too
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [variant(seeds[i % len(seeds)].read_text(encoding="utf-8"), i) for i in range(COUNT)]
    issued = datetime.date(2020, 8, 10)
    started = time.perf_counter()
    for text in texts:
        bulletin_import(text=text, issued_on=issued)
    elapsed = time.perf_counter() - started
    print(f"database: {connection.vendor}")
    print(f"imported {Bulletin.objects.count()} bulletins in {elapsed:.2f} s ({COUNT / elapsed:.1f} bulletins/s)")
    print(f"projects {Project.objects.count()}, evidence rows {Evidence.objects.count()}")
    print(f"target: {COUNT} bulletins in < 30 s on PostgreSQL -> {'met' if elapsed < 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
