"""Production settings, headers, logins: what keeps out who does not belong."""

import io
import re
import secrets
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from tests.settings_from_env import settings_from_env

ROOT = Path(__file__).resolve().parents[2]
LOGIN = reverse("accounts:login")
DEPLOYMENT_SETTINGS = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "X_FRAME_OPTIONS", "MIDDLEWARE")


def test_check_deploy_reports_nothing_with_production_settings(monkeypatch):
    # As a deployment starts: none of the settings the test run itself sets (the browser tests allow async).
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    production = settings_from_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="tracker.example.org")
    assert production["DEBUG"] is False
    deployment = {
        name: value for name, value in production.items()
        if name.startswith(("SECURE_", "SESSION_", "CSRF_")) or name in DEPLOYMENT_SETTINGS
    }
    output = io.StringIO()
    with override_settings(**deployment):
        call_command("check", deploy=True, fail_level="WARNING", stdout=output)
    assert "no issues" in output.getvalue()


@pytest.mark.django_db
def test_every_response_carries_the_security_headers():
    response = Client().get(LOGIN)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_holds_an_inline_script():
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
    offenders = [
        str(path.relative_to(ROOT)) for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
class TestLogin:
    password = "a-long-and-uncommon-passphrase"

    @pytest.fixture(autouse=True)
    def user(self, db):
        return User.objects.create_user("wang", password=self.password)

    @staticmethod
    def attempt(password, address="10.0.0.1"):
        return Client(REMOTE_ADDR=address).post(LOGIN, {"username": "wang", "password": password})

    def test_the_right_password_logs_in(self):
        assert self.attempt(self.password).status_code == 302

    def test_five_failures_lock_the_user_from_that_address(self):
        for _ in range(5):
            assert self.attempt("wrong-password-guess").status_code in (200, 429)
        response = self.attempt(self.password)
        assert response.status_code == 429  # locked: even the right password is refused

    def test_a_lock_from_one_address_does_not_lock_the_user_out_everywhere(self):
        for _ in range(5):
            self.attempt("wrong-password-guess", address="10.0.0.66")
        assert self.attempt(self.password, address="10.0.0.1").status_code == 302


@pytest.mark.parametrize("password", ["short1!", "password12345", "123456789012345"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("granite-lantern-orbit-41")


@pytest.mark.django_db
def test_a_password_change_logs_out_the_other_sessions(staff):
    staff.set_password("first-long-passphrase-1")
    staff.save()
    here, elsewhere = Client(), Client()
    here.force_login(staff)
    elsewhere.force_login(staff)
    response = here.post(reverse("accounts:password_change"), {
        "old_password": "first-long-passphrase-1",
        "new_password1": "second-long-passphrase-2", "new_password2": "second-long-passphrase-2",
    })
    assert response.status_code == 302
    assert here.get(reverse("accounts:password_change")).status_code == 200  # still logged in here
    assert elsewhere.get(reverse("accounts:password_change")).status_code == 302  # sent to the login


def test_sessions_expire():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
