"""One address trying many usernames is locked out; one user's lock-out from one address is not everywhere;
a password holding the username is refused."""

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

LOGIN = reverse("accounts:login")
PASSWORD = "a-long-and-uncommon-passphrase"


def attempt(username, password, address):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def users(db):
    return [User.objects.create_user(f"user{i}", password=PASSWORD) for i in range(6)]


def test_twenty_failures_from_one_address_lock_it_whatever_the_usernames(users):
    # Six usernames, four tries each, as an attacker spreading guesses would: no username reaches 5.
    statuses = [attempt(user.username, "wrong-password-guess", "10.0.0.9").status_code
                for _ in range(4) for user in users][:20]
    assert 429 not in statuses[:19]

    assert attempt("user0", PASSWORD, "10.0.0.9").status_code == 429  # even the right password
    assert attempt("someone-new", "anything-at-all", "10.0.0.9").status_code == 429
    assert attempt("user0", PASSWORD, "10.0.0.10").status_code == 302  # another address is free


def test_nineteen_failures_from_one_address_do_not_lock_it(users):
    for index in range(19):
        attempt(users[index % 6].username, "wrong-password-guess", "10.0.0.9")

    assert attempt("user5", PASSWORD, "10.0.0.9").status_code == 302


def test_a_user_locked_from_one_address_logs_in_from_another_and_others_from_the_first(users):
    for _ in range(5):
        attempt("user0", "wrong-password-guess", "10.0.0.66")

    assert attempt("user0", PASSWORD, "10.0.0.66").status_code == 429
    assert attempt("user0", PASSWORD, "10.0.0.1").status_code == 302
    assert attempt("user1", PASSWORD, "10.0.0.66").status_code == 302


def test_a_good_login_does_not_clear_the_addresss_failures_against_others(users):
    for index in range(18):
        attempt(users[1 + index % 5].username, "wrong-password-guess", "10.0.0.9")
    assert attempt("user0", PASSWORD, "10.0.0.9").status_code == 302  # the attacker's own account

    attempt("user1", "wrong-password-guess", "10.0.0.9")
    attempt("user2", "wrong-password-guess", "10.0.0.9")

    assert attempt("user3", PASSWORD, "10.0.0.9").status_code == 429


@pytest.mark.parametrize("password", ["staffb12345678", "12345678STAFFB", "my-staffb-passphrase"])
def test_a_password_holding_the_username_is_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(username="staffb"))


def test_a_password_without_the_username_is_accepted():
    validate_password("granite-lantern-orbit-41", User(username="staffb"))


def test_the_password_change_form_refuses_it(client_as, staff):
    weak = f"{staff.username}12345678"
    response = client_as(staff).post(reverse("accounts:password_change"), {
        "old_password": "correct-horse-battery-staple", "new_password1": weak, "new_password2": weak,
    })

    assert response.status_code == 200 and response.context["form"].errors["new_password2"]
    staff.refresh_from_db()
    assert staff.check_password("correct-horse-battery-staple")
