"""Login lock-out with two limits: per username and address, and per address whatever the usernames.

django-axes compares one failure count with one limit. This handler counts both ways and reports the
larger, in units of the address limit, so that 5 failures of one username from one address, or 20 from
one address across any usernames, each reach AXES_FAILURE_LIMIT. A user locked out from one address
stays free from every other.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class UserAndAddressLockoutHandler(AxesDatabaseHandler):
    # The attempt lists follow AXES_LOCKOUT_PARAMETERS: [["username", "ip_address"], "ip_address"].

    def get_failures(self, request, credentials=None) -> int:
        per_user_and_address, per_address = (_failures(a) for a in self.get_user_attempts(request, credentials))
        scaled = -(-per_user_and_address * settings.AXES_FAILURE_LIMIT // settings.LOGIN_FAILURES_PER_USER_AND_ADDRESS)
        return max(per_address, scaled)

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A good login clears that user's failures from that address only: an attacker holding one account
        # must not wipe the address's count of failures against the others.
        deleted, _ = self.filter_user_attempts(request, credentials)[0].delete()
        return deleted
