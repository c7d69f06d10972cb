from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Shorter names occur by chance in good passphrases.
MIN_NAME_LENGTH = 3


class UsernameInPasswordValidator:
    """Refuse a password that contains the username ("staffb12345678"): the first thing an attacker tries.

    Django's UserAttributeSimilarityValidator judges similarity of the whole strings, so a username with
    enough digits after it passes; this catches that case.
    """

    def validate(self, password, user=None):
        username = (getattr(user, "get_username", lambda: "")() or "").casefold()
        if len(username) >= MIN_NAME_LENGTH and username in password.casefold():
            raise ValidationError(_("The password must not contain the username."), code="password_contains_username")

    def get_help_text(self):
        return _("Your password must not contain your username.")
