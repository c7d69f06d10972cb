"""The settings a process would read from a given environment, computed in this process.

Reading the settings module again with another environment is what a start does, without the cost of
starting a Python and Django for every case.
"""

import os
import runpy
from pathlib import Path
from unittest import mock

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "xzkf_tracker" / "settings.py"
# What the test run itself sets; a real start would not have it.
TEST_RUN_ONLY = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "SECURE_COOKIES", "SECURE_SSL_REDIRECT")


def settings_from_env(**overrides: str) -> dict:
    environment = {key: value for key, value in os.environ.items() if key not in TEST_RUN_ONLY}
    environment.update(overrides)
    with mock.patch.dict(os.environ, environment, clear=True):
        namespace = runpy.run_path(str(SETTINGS_FILE))
    return {name: value for name, value in namespace.items() if name.isupper()}
