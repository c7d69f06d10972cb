"""Settings come from the environment, and a bad value stops the start with a clear message."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tests.settings_from_env import settings_from_env


def test_no_secret_key_with_debug_off_refuses_to_start():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        settings_from_env(DEBUG="0")


def test_a_secret_key_with_debug_off_starts():
    production = settings_from_env(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    assert production["DEBUG"] is False
    assert production["ALLOWED_HOSTS"] == ["example.org"]


def test_a_malformed_boolean_is_refused():
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be a boolean"):
        settings_from_env(DEBUG="maybe")


def test_an_unknown_database_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be"):
        settings_from_env(DEBUG="1", DATABASE_URL="mysql://root@localhost/x")


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
