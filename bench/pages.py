"""In-process page benchmark: what each page of bench/load.sh's mix costs one request, without a server.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_load_2000 REDIS_URL=redis://127.0.0.1:6379/3
    export DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1,testserver
    .venv/bin/python bench/pages.py [--requests 50] [--user USERNAME] [--profile /projects/]

It logs in an official (领导; the first by username unless --user names one) with the test Client and, page
by page, sends a few warm-up requests, then --requests timed ones, and prints the median and p95 ms per
request, the median CPU ms of this process (Python and the ORM, not PostgreSQL's work: it moves less than
the clock when other jobs share the machine, so compare it before and after a change in rendering), the
queries of one request, the HTML size in KB, and the page's rate as a share of the logged-in floor's
(/accounts/password/done/: session, user, role and the base template only). --profile PATH prints where
that page's time goes instead (cProfile, the costliest functions by their own time, then cumulative).

It writes only the official's session row, and it marks the cached figures stale in the REDIS_URL cache
so that none cached from another database is read. bench/load.sh (HTTP, several clients) stays the
official figure; this one is for finding costs quickly.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

import django  # noqa: E402

# Static files are served by the proxy in production; whitenoise's warning that staticfiles/ is missing is noise here.
warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.policy import Role  # noqa: E402
from lib.figures import figures_changed  # noqa: E402
from projects.models import Project  # noqa: E402

FLOOR = "/accounts/password/done/"
WARM_UP = 3


def load_mix() -> list[str]:
    project = Project.objects.order_by("pk").first()
    if project is None:
        sys.exit("No projects: fill the database first (manage.py generate_synthetic).")
    return ["/", "/projects/", "/projects/?lagging=on", "/projects/?q=项目", "/search/?q=项目",
            project.get_absolute_url(), FLOOR]


def logged_in_client(username: str | None) -> Client:
    officials = User.objects.filter(groups__name=Role.OFFICIAL, is_active=True).order_by("username")
    user = officials.filter(username=username).first() if username else officials.first()
    if user is None:
        sys.exit(f"No active official (group {Role.OFFICIAL.value}){f' named {username}' if username else ''}.")
    client = Client()
    client.force_login(user)
    return client


def get(client: Client, path: str):
    response = client.get(path, secure=True)  # as behind the HTTPS proxy: no redirect when DEBUG is off
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code} {response.get('Location', '')}")
    return response


def measure(client: Client, path: str, requests: int) -> dict:
    for _ in range(WARM_UP):
        get(client, path)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path)
    query_count = len(queries)  # read now: the next request empties the connection's log
    times, cpu_times = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        get(client, path)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    return {
        "median": statistics.median(times), "p95": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
        "cpu": statistics.median(cpu_times), "queries": query_count, "kb": len(response.content) / 1024,
    }


def profile(client: Client, path: str, requests: int) -> None:
    for _ in range(WARM_UP):
        get(client, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        get(client, path)
    profiler.disable()
    print(f"{path}: {requests} requests")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (after 3 warm-up ones)")
    parser.add_argument("--user", help="the official to log in as (username)")
    parser.add_argument("--profile", metavar="PATH", help="profile this page instead of timing the mix")
    args = parser.parse_args()

    figures_changed()
    client = logged_in_client(args.user)
    if args.profile:
        profile(client, args.profile, args.requests)
        return
    results = {path: measure(client, path, args.requests) for path in load_mix()}
    floor = results[FLOOR]["median"]
    print(f"{connection.settings_dict['NAME']}, {Project.objects.count()} projects, "
          f"{args.requests} warm requests per page")
    print(f"{'page':28} {'median ms':>9} {'p95 ms':>7} {'cpu ms':>7} {'queries':>7} {'KB':>6} {'of floor':>8}")
    for path, row in results.items():
        print(f"{path:28} {row['median']:9.1f} {row['p95']:7.1f} {row['cpu']:7.1f} {row['queries']:7d} "
              f"{row['kb']:6.1f} {floor / row['median']:8.0%}")


if __name__ == "__main__":
    main()
