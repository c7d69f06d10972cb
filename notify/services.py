"""Sending notifications on each user's channel, and the send log's resend.

Mail goes the way it always did (`alerts.services.notifications_mail`). For the other channels, a user's
unsent notifications are claimed by stamping `Notification.emailed_at` (there: "handed to its channel") and
turned into `Delivery` rows, unique per notification and channel. Sending claims the pending rows with a
conditional update, so two runs of a task, or two workers, send a message once; rows still pending after a
failure are retried, and after the last retry they are marked failed for the send log.
"""

import uuid
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.policy import role_of
from alerts.models import Notification
from alerts.services import notification_text, notifications_mail

from .channels import CHANNELS, Message, SendError
from .models import Channel, ChannelPreference, Delivery, stuck_before

# One message lists this many notifications; the rest are a click away on the notifications page.
MESSAGE_ITEMS = 30


def channel_for(user) -> str:
    """The user's own choice, else their role's default from the settings, else mail."""
    preference = ChannelPreference.objects.filter(user=user).first()
    if preference is not None:
        return preference.channel
    role = role_of(user)
    default = settings.NOTIFY_DEFAULT_CHANNEL.get(role.value if role else "", Channel.MAIL)
    return default if default in Channel.values else Channel.MAIL


def preference_save(*, user, channel: str, mobile: str = "") -> ChannelPreference:
    preference = ChannelPreference.objects.filter(user=user).first() or ChannelPreference(user=user)
    preference.channel, preference.mobile = channel, mobile
    preference.full_clean()
    preference.save()
    return preference


def notifications_send(*, user_id: int, final: bool = False) -> int:
    """Send a user their unsent notifications on their channel; returns how many went out.

    Raises SendError (or the mail's error) when worth retrying; with `final`, a failure is recorded instead.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    channel = channel_for(user)
    if channel == Channel.MAIL:
        return notifications_mail(user_id=user_id)
    deliveries_create(user_id=user_id, channel=channel)
    return deliveries_send(user_id=user_id, channel=channel, final=final)


@transaction.atomic
def deliveries_create(*, user_id: int, channel: str) -> int:
    """Turn the user's notifications not yet handed out into pending deliveries on `channel`."""
    stamp = timezone.now()
    claimed = Notification.objects.filter(user_id=user_id, emailed_at__isnull=True).update(emailed_at=stamp)
    if not claimed:
        return 0
    ids = Notification.objects.filter(user_id=user_id, emailed_at=stamp).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(notification_id=pk, user_id=user_id, channel=channel) for pk in ids], ignore_conflicts=True
    )
    return claimed


def deliveries_send(*, user_id: int, channel: str, final: bool = False) -> int:
    """Send the user's pending deliveries on `channel` as one message; returns how many it covered."""
    claim = uuid.uuid4()
    claimed = Delivery.objects.filter(user_id=user_id, channel=channel, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, claim=claim, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return 0
    mine = Delivery.objects.filter(claim=claim, status=Delivery.Status.SENDING)
    notifications = list(
        Notification.objects.filter(deliveries__in=mine)
        .select_related(
            "alert__project",
            "alert__milestone",
            "alert__phase",
            "alert__problem",
            "alert__follow_up__requirement",
            "alert__follow_up__problem",
        )
        .order_by("created_at", "pk")
    )
    recipient = ChannelPreference.objects.filter(user_id=user_id).first()
    try:
        sender = CHANNELS[channel]
        if not sender.configured():
            raise SendError(f"{channel} is not configured", permanent=True)
        sender.send(message_for(notifications), recipient)
    except SendError as error:
        give_up = final or error.permanent
        mine.update(
            status=Delivery.Status.FAILED if give_up else Delivery.Status.PENDING, claim=None, last_error=str(error)
        )
        if give_up:
            return 0
        raise
    mine.update(status=Delivery.Status.SENT, sent_at=timezone.now(), last_error="")
    return claimed


def message_for(notifications: list[Notification]) -> Message:
    """One message for a batch: a title, one line per notification, and the page to open."""
    with translation.override(settings.LANGUAGE_CODE):
        if len(notifications) == 1:
            only = notifications[0]
            title = only.get_kind_display()
            if only.alert_id:
                path = only.alert.get_absolute_url() or reverse("alerts:notifications")
            elif only.kind == Notification.Kind.WEEKLY:
                path = reverse("dashboard:me")
            else:
                path = reverse("alerts:notifications")
        else:
            title = ngettext(
                "XZKF Tracker: %(count)d notification", "XZKF Tracker: %(count)d notifications", len(notifications)
            ) % {"count": len(notifications)}
            path = reverse("alerts:notifications")
        lines = [notification_text(n) for n in notifications[:MESSAGE_ITEMS]]
        if len(notifications) > MESSAGE_ITEMS:
            lines.append(
                _("… and %(count)d more on the notifications page.") % {"count": len(notifications) - MESSAGE_ITEMS}
            )
    return Message(title=title, text="\n\n".join(lines), url=f"{settings.SITE_URL}{path}")


def delivery_resend(*, delivery_id: int) -> bool:
    """Put a failed (or stuck) delivery back in the queue and send it; False when it cannot be resent.

    A delivery stuck in "sending" lost its worker mid-send: the provider may or may not have it, so it is
    never resent by itself, only when an admin decides to.
    """
    from .tasks import send_deliveries

    resendable = Q(status=Delivery.Status.FAILED) | Q(status=Delivery.Status.SENDING, claimed_at__lt=stuck_before())
    delivery = Delivery.objects.filter(resendable, pk=delivery_id).first()
    if delivery is None:
        return False
    if not Delivery.objects.filter(resendable, pk=delivery_id).update(status=Delivery.Status.PENDING, attempts=0):
        return False
    transaction.on_commit(lambda: send_deliveries.delay(delivery.user_id, delivery.channel), robust=True)
    return True


def notification_create(*, user_id: int, kind: str, message: str, for_date: date | None = None) -> Notification | None:
    """A notification that belongs to no alert (a digest, a chase), sent on the user's channel after commit.

    None when the user already has one that its kind allows only once (see the notifications' constraints).
    """
    from .tasks import send_notifications

    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user_id=user_id, kind=kind, message=message, for_date=for_date or timezone.localdate()
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: send_notifications.delay(user_id), robust=True)
    return notification
