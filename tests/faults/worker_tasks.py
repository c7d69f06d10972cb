"""A task for the worker tests only (loaded with --include): it takes a while and notes each start and end."""

import time
from pathlib import Path

from celery import shared_task


@shared_task(acks_late=True, name="tests.faults.slow_note")
def slow_note(path: str, seconds: float) -> None:
    log = Path(path)
    with log.open("a") as out:
        out.write("start\n")
    time.sleep(seconds)
    with log.open("a") as out:
        out.write("done\n")
