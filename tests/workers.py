"""Real Celery workers for the tests that need one (marked `services`), and waiting on what they do."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def wait_for(condition, timeout: float = 60.0) -> bool:
    """Whether `condition()` came true within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


@contextmanager
def celery_worker(*arguments: str, env: dict, log: Path | None = None):
    """`celery -A xzkf_tracker worker …arguments` in a process group of its own, stopped on leaving (TERM, then KILL).

    With `log` it writes there, and is waited for until it says it is ready.
    """
    output = log.open("w") if log is not None else None
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "xzkf_tracker", "worker", *arguments],
            cwd=BASE_DIR, env=env, start_new_session=True,
            stdout=output, stderr=subprocess.STDOUT if output else None,
        )
    finally:
        if output is not None:
            output.close()
    if log is not None:
        assert wait_for(lambda: "ready." in log.read_text()), log.read_text()
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
