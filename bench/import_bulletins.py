"""Importing bulletins into the database (PostgreSQL for the targets), from parse to evidence rows.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_bench_import .venv/bin/python bench/import_bulletins.py
Prints two figures, each against its target (the database must exist; it is emptied first):
  1. 100 bulletins imported one after the other: under 45 s on PostgreSQL;
  2. one bulletin imported (and one previewed for review) into a database that already holds at least
     100,000 projects, 20,000 organizations and 50,000 people (made by generate_synthetic): under 3 s.
BENCH_PART=batch or BENCH_PART=volume runs one of them; BENCH_BULLETINS and BENCH_PROJECTS change the sizes;
BENCH_REUSE=1 times the volume run on the database an earlier one filled (generating takes minutes).
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
VOLUME_PROJECTS = int(os.environ.get("BENCH_PROJECTS", "100000"))
PART = os.environ.get("BENCH_PART", "all")
REUSE = os.environ.get("BENCH_REUSE") == "1"  # keep a database already filled by an earlier volume run
ISSUED = datetime.date(2020, 8, 10)


def variant(text: str, index: int) -> str:
    """A bulletin of the same shape with its own projects and figures, so each import creates records."""
    text = re.sub(r"项目", f"{index}号项目", text)
    return re.sub(r"(\d+(?:\.\d+)?)亿元", lambda m: f"{float(m.group(1)) + index / 10:g}亿元", text)


# The rows data migrations make, which a flush removes and a second migrate does not put back.
REFERENCE_DATA = [
    ("accounts.migrations.0001_role_groups", "create_role_groups"),
    ("projects.migrations.0002_problem_categories", "add_categories"),
    ("alerts.migrations.0002_defaults_permissions_schedule", "create_settings"),
    ("alerts.migrations.0002_defaults_permissions_schedule", "grant_permissions"),
]


def empty_database() -> None:
    from importlib import import_module

    from django.core.management import call_command
    from django.db.migrations.loader import MigrationLoader

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    historical = MigrationLoader(None, ignore_no_migrations=True).project_state().apps
    for module, function in REFERENCE_DATA:
        getattr(import_module(module), function)(historical, None)


def batch(seeds: list[Path]) -> None:
    from django.db import connection

    from bulletins.models import Bulletin, Evidence
    from bulletins.services import bulletin_import
    from projects.models import Project

    empty_database()
    texts = [variant(seeds[i % len(seeds)].read_text(encoding="utf-8"), i) for i in range(COUNT)]
    started = time.perf_counter()
    for text in texts:
        bulletin_import(text=text, issued_on=ISSUED)
    elapsed = time.perf_counter() - started
    print(f"database: {connection.vendor}")
    print(f"imported {Bulletin.objects.count()} bulletins in {elapsed:.2f} s ({COUNT / elapsed:.1f} bulletins/s)")
    print(f"projects {Project.objects.count()}, evidence rows {Evidence.objects.count()}")
    print(f"target: {COUNT} bulletins in < 45 s on PostgreSQL -> {'met' if elapsed < 45 else 'MISSED'}")


def volume(seeds: list[Path]) -> None:
    from django.db import connection

    from bulletins.models import Bulletin, RecordName
    from bulletins.services import bulletin_import, bulletin_parse, extraction_preview
    from enterprises.models import Organization, Person
    from projects.management.commands.generate_synthetic import generate
    from projects.models import Project

    def counts():
        return Project.objects.count(), Organization.objects.count(), Person.objects.count()

    made = counts()
    if not (REUSE and made[0] >= VOLUME_PROJECTS):
        empty_database()
        started = time.perf_counter()
        generate(projects=VOLUME_PROJECTS, milestones_per_project=0, today=ISSUED)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"generated in {time.perf_counter() - started:.0f} s")
        made = counts()
    print(f"database: {connection.vendor}; {made[0]:,} projects, {made[1]:,} organizations, {made[2]:,} people "
          f"({RecordName.objects.count():,} names)")
    # A server parses with jieba loaded: load it once before timing, as a running process has.
    bulletin_parse(text=seeds[1].read_text(encoding="utf-8"), issued_on=ISSUED)
    # Names of its own, so that every proposal is new and looked for among similar records.
    text = variant(seeds[0].read_text(encoding="utf-8"), 1000 + Bulletin.objects.count())
    started = time.perf_counter()
    extraction = bulletin_parse(text=text, issued_on=ISSUED)
    parsed = time.perf_counter() - started
    preview = extraction_preview(extraction)
    previewed = time.perf_counter() - started
    similar = sum(1 for items in preview.values() for item in items if item.get("status") == "similar")
    started = time.perf_counter()
    report = bulletin_import(text=text, issued_on=ISSUED)
    imported = time.perf_counter() - started
    print(f"one bulletin ({len(text):,} characters): parsed in {parsed:.2f} s, parsed and previewed in "
          f"{previewed:.2f} s ({sum(len(v) for v in preview.values())} proposals, {similar} similar), "
          f"imported (parse included) in {imported:.2f} s ({report.summary()})")
    ok = made[0] >= 100_000 and made[1] >= 20_000 and made[2] >= 50_000
    print(f"target: one bulletin into 100,000 projects / 20,000 organizations / 50,000 people in < 3 s -> "
          f"{'met' if ok and max(previewed, imported) < 3 else 'MISSED'}")


def main() -> None:
    import django

    django.setup()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if PART in ("all", "batch"):
        batch(seeds)
    if PART in ("all", "volume"):
        volume(seeds)


if __name__ == "__main__":
    main()
