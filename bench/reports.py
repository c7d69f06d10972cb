"""Benchmark: the 调度周报 and 月报 as page, Word and PDF (issue 16). Not a test.

    createdb -h 127.0.0.1 -U postgres xzkf_bench_reports
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_bench_reports DEBUG=1
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_synthetic --projects 2000 --seed 1
    .venv/bin/python manage.py flag_lagging
    .venv/bin/python bench/reports.py

Prints, for each of the six URLs, the best of three times, the size and the pages (PDF), and the queries.
Target: each document in under 5 s with every table at its 300-row cap.
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from accounts.roles import Role  # noqa: E402

URLS = ["/report/weekly/", "/report/weekly/docx/", "/report/weekly/pdf/",
        "/report/monthly/", "/report/monthly/docx/", "/report/monthly/pdf/"]


def main() -> None:
    user, _created = User.objects.get_or_create(username="bench-reports")
    user.groups.add(Group.objects.get(name=Role.OFFICIAL.value))
    client = Client()
    client.force_login(user)
    for url in URLS:
        client.get(url, SERVER_NAME="localhost")  # warm: templates, fonts
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, SERVER_NAME="localhost")
            best = min(best, time.perf_counter() - start)
        pages = f"{len(PdfReader(io.BytesIO(response.content)).pages):>3} pages" if url.endswith("pdf/") else " " * 9
        print(f"{url:24} {response.status_code} {len(response.content):>9,} bytes {pages} "
              f"{best * 1000:8.1f} ms {len(queries):>3} queries")


if __name__ == "__main__":
    main()
