"""Settings come from the environment, and a bad value stops the start with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def start(env_overrides: dict[str, str | None]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL")}
    env.update({k: v for k, v in env_overrides.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_no_secret_key_with_debug_off_refuses_to_start():
    result = start({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_secret_key_with_debug_off_starts():
    result = start({"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"})
    assert result.returncode == 0, result.stderr


def test_a_malformed_boolean_is_refused():
    result = start({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_an_unknown_database_url_is_refused():
    result = start({"DEBUG": "1", "DATABASE_URL": "mysql://root@localhost/x"})
    assert result.returncode != 0
    assert "DATABASE_URL must be" in result.stderr


def test_the_zone_speaks_chinese_in_its_own_time_zone():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert "en" in dict(settings.LANGUAGES)
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ


@pytest.mark.skipif(not settings.IS_POSTGRES, reason="PostgreSQL connection settings apply to PostgreSQL only")
def test_postgres_connections_are_kept_and_health_checked():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_tasks_run_in_process_without_redis_and_through_redis_with_it():
    assert settings.CELERY_TASK_ALWAYS_EAGER is (not settings.REDIS_URL)
    assert (settings.REDIS_URL or "memory://") == settings.CELERY_BROKER_URL
