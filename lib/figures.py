"""Figures that cost much to compute (the overview's aggregates, filter choices, a project's page), cached until
the data changes.

A version number in the cache names the state of the data, and every cached figure is stored under it; a figure
cached under an older version is never read again. The rule: **every committed write bumps the version**, so no
page shows a figure older than the last commit. Three things make it hard to forget:

- A receiver on post_save, post_delete and m2m_changed of every model of the apps in `WATCHED_APPS`
  (connected by `watch_writes()` from the dashboard app's ready(), so in web processes, workers, commands and
  shells alike) calls `figures_changed()`. Celery tasks, management commands, admin actions and services
  called outside requests are covered without a call of their own.
- Writes that send no signal (QuerySet.update(), bulk_create(), bulk_update(), raw SQL) call
  `figures_changed()` themselves, next to the write: the lag scan, the 督办 escalation, the imports, the
  synthetic data, the services' conditional updates.
- `FiguresChangedMiddleware` calls it after every successful POST, PUT, PATCH or DELETE, whatever wrote.

`figures_changed()` costs one cache round trip per transaction, not per row: inside a transaction it bumps once
on commit (before that, other connections cannot see the writes), and at once only when this thread has read
figures since its last bump (so it never reads its own data from before its write). Outside a transaction each
call bumps at once. `TTL` bounds what a write that none of these see (a restored backup, SQL typed into psql)
can leave stale.

The cache is Redis in production, shared by every process; the embedded default's in-memory cache is per
process, which is right for the single development server. A cache that fails costs only speed: the
figures are then computed on each request.
"""

import hashlib
import logging
import threading
import time
from urllib.parse import urlencode

from django.apps import apps
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

VERSION_KEY = "figures:version"
TTL = 300
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# The apps whose rows the cached figures show, and their models that no figure shows but that are written by the
# thousand (the import's name directory, the channels' deliveries): a receiver would make their deletes row by row.
WATCHED_APPS = {"accounts", "auth", "enterprises", "projects", "meetings", "bulletins", "alerts", "notify"}
UNWATCHED_MODELS = {"bulletins.recordname", "notify.delivery"}

_thread = threading.local()


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
        _thread.read_since_bump = True
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
    """Mark every cached figure stale once the current transaction commits (at once outside a transaction).

    Called for every row a transaction writes, it still bumps once on commit: other connections see the rows only
    then. It bumps at once too when this thread has read figures since its last bump, as it sees its own writes.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump()
        return
    if getattr(_thread, "read_since_bump", False):
        _bump()
    if not any(callback is _bump for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    _thread.read_since_bump = False
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: the next read starts one
        pass
    except Exception:  # noqa: BLE001 - as above; the TTL bounds how stale figures get
        logger.warning("figures cache unavailable; could not mark figures stale", exc_info=True)


def watch_writes() -> None:
    """Connect `figures_changed()` to every write of the watched apps' models (the module docstring's rule)."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in WATCHED_APPS or model._meta.label_lower in UNWATCHED_MODELS:
            continue
        post_save.connect(_row_written, sender=model, dispatch_uid=f"figures-save-{model._meta.label_lower}")
        post_delete.connect(_row_written, sender=model, dispatch_uid=f"figures-delete-{model._meta.label_lower}")
        if model._meta.auto_created:  # the through table of a many-to-many field
            m2m_changed.connect(_row_written, sender=model, dispatch_uid=f"figures-m2m-{model._meta.label_lower}")


def _row_written(sender, action="post_", update_fields=None, **kwargs) -> None:
    if action.startswith("post_") and update_fields != frozenset({"last_login"}):  # see SIGN_IN_OUT_VIEWS
        figures_changed()


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
        if request.method in UNSAFE_METHODS and response.status_code < 400 and not _signs_in_or_out(request):
            figures_changed()
        return response


# Signing in or out writes only the session and the user's last_login, which no figure shows: were they writes
# here, every login would empty the cache and every page would recompute its figures at once.
SIGN_IN_OUT_VIEWS = {"accounts:login", "accounts:logout"}


def _signs_in_or_out(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in SIGN_IN_OUT_VIEWS
