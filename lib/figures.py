"""Figures that cost much to compute (the overview's aggregates, filter choices), cached until the data changes.

A version number in the cache names the state of the data, and every cached figure is stored under it.
Each write bumps it once committed: `FiguresChangedMiddleware` after every successful POST, PUT, PATCH or
DELETE (pages, admin, API), and the imports and the daily scan themselves, which run outside requests.
A figure cached under an older version is then never read again. `TTL` bounds what a write by any
other path (a shell, a restored backup) can leave stale.

The cache is Redis in production, shared by every process; the embedded default's in-memory cache is per
process, which is right for the single development server. A cache that fails costs only speed: the
figures are then computed on each request.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

VERSION_KEY = "figures:version"
TTL = 300
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or an evicted key) must not fall back on a version used before: start from the clock.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def cached_figures(name: str, compute):
    """compute() once per data version; `name` must say everything the result depends on besides the data."""
    try:
        key = f"figures:{_version()}:{name}"
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that is down must not take the pages with it
        logger.warning("figures cache unavailable; computing %s", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, TTL)
        except Exception:  # noqa: BLE001 - as above
            logger.warning("figures cache unavailable; not storing %s", name, exc_info=True)
    return value


def figures_changed() -> None:
    """Mark every cached figure stale: at once, and again when the current transaction commits.

    The second bump keeps a read that raced the commit from caching the old data under the new version.
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: the next read starts one
        pass
    except Exception:  # noqa: BLE001 - as above; the TTL bounds how stale figures get
        logger.warning("figures cache unavailable; could not mark figures stale", exc_info=True)


class FiguresPaginator(Paginator):
    """A paginator whose total is cached with the figures: counting a large filtered table is the costliest
    query of a list page, and its answer changes only with the data. `count_name` must say what is counted."""

    def __init__(self, object_list, per_page, *, count_name: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self) -> int:
        return cached_figures(self.count_name, self.object_list.count)


def list_count_name(list_name: str, request) -> str:
    """A name for the total of a filtered list: its filters as the request gives them, in a stable order."""
    filters = sorted((key, value) for key, values in request.GET.lists() if key not in ("page", "o", "export")
                     for value in values)
    return f"count:{list_name}:" + hashlib.sha256(urlencode(filters).encode()).hexdigest()


class FiguresChangedMiddleware:
    """Every successful write through the web marks the figures stale, whichever page, API or admin made it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in UNSAFE_METHODS and response.status_code < 400:
            figures_changed()
        return response
