"""The project page against the logged-in floor, in process (Django's test client), on the data DATABASE_URL names.

    DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1,testserver REDIS_URL=redis://127.0.0.1:6379/2 \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_load_2000 .venv/bin/python bench/project_page.py

Logs in as bench/load.sh's official (领导; it must exist), then times 200 GETs of /projects/<pk>/ over 20 projects
and 200 GETs of /accounts/password/done/, after one warm-up round of each; prints requests a second and the share.
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

REQUESTS = 200


def rate(client, urls) -> float:
    for url in urls:  # warm: the first request of each URL fills the caches
        assert client.get(url, secure=True).status_code == 200, url
    started = time.perf_counter()
    for i in range(REQUESTS):
        client.get(urls[i % len(urls)], secure=True)
    return REQUESTS / (time.perf_counter() - started)


def main():
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-official"))
    pks = list(Project.objects.order_by("pk").values_list("pk", flat=True)[::100][:20])
    floor = rate(client, ["/accounts/password/done/"])
    page = rate(client, [f"/projects/{pk}/" for pk in pks])
    print(f"floor {floor:.1f}/s ({1000 / floor:.1f} ms)  project page {page:.1f}/s ({1000 / page:.1f} ms)  "
          f"share {100 * page / floor:.0f} %")


if __name__ == "__main__":
    main()
