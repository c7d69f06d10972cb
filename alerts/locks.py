"""A lock so two beat processes (or a beat and an admin) never run the same job at once."""

import logging
import zlib
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


@contextmanager
def job_lock(name: str, timeout: int = 30 * 60):
    """Yield True when this process holds the lock for `name`, False when another one does.

    On PostgreSQL a session advisory lock: it goes away with the connection, so a killed worker never
    leaves it behind and the redelivered task can run. Elsewhere the cache (one process, or Redis);
    when the cache is down the job runs anyway, as it is idempotent.
    """
    if connection.vendor == "postgresql":
        key = zlib.crc32(name.encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            acquired = cursor.fetchone()[0]
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    cache_key = f"job-lock:{name}"
    try:
        acquired = cache.add(cache_key, 1, timeout)
    except Exception:  # noqa: BLE001 - cache backend down: better a harmless second run than none
        logger.warning("job lock cache unavailable; running %s without it", name)
        yield True
        return
    try:
        yield acquired
    finally:
        if acquired:
            cache.delete(cache_key)
