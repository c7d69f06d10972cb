"""docker-compose.yml parses, and every service's command points at something the project has."""

import importlib
import shlex
from pathlib import Path

import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_has_the_five_services():
    assert set(compose()["services"]) == {"web", "worker", "beat", "postgres", "redis"}


def test_each_app_service_command_exists_in_the_project():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        words = shlex.split(services[name]["command"].replace("sh -c", "", 1).strip().strip('"'))
        text = " ".join(words)
        if "gunicorn" in text:
            module, attribute = words[words.index("gunicorn") + 1].split(":")
            assert hasattr(importlib.import_module(module), attribute)
        if "celery" in text:
            app = importlib.import_module(words[words.index("-A") + 1])
            assert app.celery_app.main == "xzkf_tracker"
        if "manage.py" in text:
            assert words[words.index("manage.py") + 1] in get_commands()


def test_the_makefile_has_run_and_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nrun:" in makefile and "\ntest:" in makefile
