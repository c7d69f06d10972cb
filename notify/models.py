"""Where each user hears from the tracker, and every message sent on a channel other than mail."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    MAIL = "mail", _("E-mail")
    WECOM = "wecom", _("WeCom group robot (企业微信)")
    DINGTALK = "dingtalk", _("DingTalk group robot (钉钉)")
    SMS = "sms", _("SMS (短信)")


class ChannelPreference(models.Model):
    """A user's own choice; without one, the default of their role (settings.NOTIFY_DEFAULT_CHANNEL)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="channel_preference"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.MAIL)
    mobile = models.CharField(
        _("mobile number"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^1\d{10}$", _("Enter an 11-digit mainland mobile number."))],
        help_text=_("For SMS, and so the robots can @ you in the group."),
    )

    class Meta:
        verbose_name = _("channel preference")
        verbose_name_plural = _("channel preferences")

    def __str__(self):
        return f"{self.user} · {self.get_channel_display()}"

    def clean(self):
        if self.channel == Channel.SMS and not self.mobile:
            raise ValidationError({"mobile": _("SMS needs a mobile number.")})


class Delivery(models.Model):
    """One notification sent on one channel: the claim that makes a second run send nothing, and the send log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        "alerts.Notification", verbose_name=_("notification"), on_delete=models.CASCADE, related_name="deliveries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    claim = models.UUIDField(_("claimed by"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel"),
        ]
        indexes = [
            models.Index(fields=["user", "channel"], condition=Q(status="pending"), name="delivery_pending_by_user"),
            models.Index(fields=["status", "created_at"], name="delivery_by_status"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_channel_display()} · {self.get_status_display()}"

    @property
    def can_resend(self) -> bool:
        """Failed, or stuck sending: its worker died mid-send (past the task's hard time limit)."""
        return self.status == self.Status.FAILED or (
            self.status == self.Status.SENDING and self.claimed_at is not None and self.claimed_at < stuck_before()
        )


def stuck_before():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(seconds=STUCK_AFTER_SECONDS + settings.NOTIFY_HTTP_TIMEOUT)


# Longer than a send task's hard time limit (notify.tasks): a delivery still "sending" after this lost its worker.
STUCK_AFTER_SECONDS = 5 * 60


class Chase(models.Model):
    """催办: staff or an admin chased the owner of an overdue problem or follow-up; at most once a day per item."""

    problem = models.ForeignKey(
        "projects.Problem", verbose_name=_("problem"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="chases",
    )
    follow_up = models.ForeignKey(
        "meetings.FollowUp", verbose_name=_("follow-up"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="chases",
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="chases",
    )
    chased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chased by"), null=True, on_delete=models.SET_NULL,
        related_name="chases_made",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner told"), null=True, on_delete=models.SET_NULL,
        related_name="chases_received",
    )
    day = models.DateField(_("day"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("chase (催办)")
        verbose_name_plural = _("chases (催办)")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["day"], name="chase_by_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(problem__isnull=False, follow_up__isnull=True)
                | Q(problem__isnull=True, follow_up__isnull=False),
                name="chase_of_problem_or_follow_up",
            ),
            # A double click, or two staff at once, tell the owner once a day.
            models.UniqueConstraint(fields=["problem", "day"], name="chase_problem_once_a_day"),
            models.UniqueConstraint(fields=["follow_up", "day"], name="chase_follow_up_once_a_day"),
        ]

    def __str__(self):
        return f"{self.day} · {self.problem or self.follow_up}"


class Instruction(models.Model):
    """批示: an official's written instruction on a project or a problem.

    It is recorded as a requirement the official issued (on a confirmed record of kind "other" dated the day,
    since requirements belong to a meeting) with a follow-up holding its owner and deadline, so it is tracked,
    shown and escalated like every other follow-up.
    """

    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, on_delete=models.SET_NULL,
        related_name="instructions",
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="instructions"
    )
    problem = models.ForeignKey(
        "projects.Problem", verbose_name=_("problem"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="instructions",
    )
    follow_up = models.OneToOneField(
        "meetings.FollowUp", verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="instruction"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("instruction (批示)")
        verbose_name_plural = _("instructions (批示)")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.follow_up.requirement)
