"""The project page against the logged-in floor, in process (Django's test client), on the data DATABASE_URL names.

    DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1,testserver REDIS_URL=redis://127.0.0.1:6379/2 \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_load_2000 .venv/bin/python bench/project_page.py

Logs in as bench/load.sh's official (领导; it must exist), warms each URL once, then times 200 GETs of
/projects/<pk>/ over 20 projects and 200 GETs of /accounts/password/done/ in 5 interleaved rounds (the machine is
shared: a burst of other work then weighs on both alike); prints each page's rate and the project page's share
of the floor's, over all rounds and the median round.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from projects.models import Project  # noqa: E402

ROUNDS, PER_ROUND = 5, 40


def seconds(client, urls) -> float:
    started = time.perf_counter()
    for i in range(PER_ROUND):
        client.get(urls[i % len(urls)], secure=True)
    return time.perf_counter() - started


def main():
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-official"))
    pks = list(Project.objects.order_by("pk").values_list("pk", flat=True)[::100][:20])
    floor, pages = ["/accounts/password/done/"], [f"/projects/{pk}/" for pk in pks]
    for url in floor + pages:  # warm: the first request of each URL fills the caches
        assert client.get(url, secure=True).status_code == 200, url
    rounds = [(seconds(client, floor), seconds(client, pages)) for _ in range(ROUNDS)]
    floor_total, page_total = (sum(times) for times in zip(*rounds, strict=True))
    shares = sorted(floor_time / page_time for floor_time, page_time in rounds)
    print(f"floor {PER_ROUND * ROUNDS / floor_total:.1f}/s ({1000 * floor_total / PER_ROUND / ROUNDS:.1f} ms)  "
          f"project page {PER_ROUND * ROUNDS / page_total:.1f}/s ({1000 * page_total / PER_ROUND / ROUNDS:.1f} ms)  "
          f"share {100 * floor_total / page_total:.0f} % (median round {100 * shares[ROUNDS // 2]:.0f} %)")


if __name__ == "__main__":
    main()
