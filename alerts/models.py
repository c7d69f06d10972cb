"""Alerts raised by the daily scan for lagging work, and the notifications they send.

An alert's subject is one of a milestone, a phase, a project, a problem or a follow-up, each held in
its own nullable foreign key so joins stay plain; `project` is set on every alert whose subject
belongs to a project, so the dashboards count lagging projects in one query.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _


class Rule(models.TextChoices):
    OVERDUE_MILESTONE = "overdue_milestone", _("Overdue milestone")
    BEHIND_SCHEDULE = "behind_schedule", _("Behind expected progress (序时进度)")
    INVESTMENT_BEHIND = "investment_behind", _("Investment behind expected progress")
    STALE = "stale", _("No news for too long")
    OVERDUE_PROBLEM = "overdue_problem", _("Overdue problem")
    OVERDUE_FOLLOW_UP = "overdue_follow_up", _("Overdue follow-up")
    # 入统: checks of what the statistics need, not lag (they leave the projects' lag alone).
    NOT_REGISTERED = "not_registered", _("Not ready for the statistics (入统): no project code or not 入库")
    REPORTS_DISAGREE = "reports_disagree", _("Reported investment and progress disagree")


STATISTICS_RULES = (Rule.NOT_REGISTERED, Rule.REPORTS_DISAGREE)


class SubjectType(models.TextChoices):
    MILESTONE = "milestone", _("Milestone")
    PHASE = "phase", _("Phase")
    PROJECT = "project", _("Project")
    PROBLEM = "problem", _("Problem")
    FOLLOW_UP = "follow_up", _("Follow-up")


# The foreign key that holds the subject, per subject type.
SUBJECT_FIELDS = {
    SubjectType.MILESTONE: "milestone",
    SubjectType.PHASE: "phase",
    SubjectType.PROJECT: "project",
    SubjectType.PROBLEM: "problem",
    SubjectType.FOLLOW_UP: "follow_up",
}


class Severity(models.TextChoices):
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")

    @classmethod
    def rank(cls, field: str = "severity") -> Case:
        """The severity as an ordered number (red above yellow, as Project.Lag ranks them), for sorting."""
        from projects.models import Project

        return Case(*(When(**{field: s.value}, then=Value(Project.Lag[s.name].value)) for s in cls),
                    default=Value(0), output_field=models.PositiveSmallIntegerField())


class AlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def worst_first(self, *then):
        """Red before yellow (ordered by rank, not by the text 'red' < 'yellow'), then `then`."""
        return self.order_by(Severity.rank().desc(), *then)

    def lag(self):
        """The alerts that say work lags (all but the 入统 checks)."""
        return self.exclude(rule__in=STATISTICS_RULES)

    def lagging_projects(self):
        """Ids of the projects with at least one open lag alert, for the dashboards."""
        return self.open().lag().filter(project__isnull=False).order_by().values("project").distinct()


class Alert(models.Model):
    rule = models.CharField(_("rule"), max_length=30, choices=Rule.choices)
    subject_type = models.CharField(_("subject type"), max_length=20, choices=SubjectType.choices)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    milestone = models.ForeignKey(
        "projects.Milestone",
        verbose_name=_("milestone"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    phase = models.ForeignKey(
        "projects.Phase",
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    problem = models.ForeignKey(
        "projects.Problem",
        verbose_name=_("problem"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    follow_up = models.ForeignKey(
        "meetings.FollowUp",
        verbose_name=_("follow-up"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.YELLOW)
    first_flagged = models.DateTimeField(_("first flagged"))
    last_seen = models.DateTimeField(_("last seen"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    last_notified_at = models.DateTimeField(_("last notified at"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-first_flagged", "-pk"]
        indexes = [
            models.Index(fields=["project"], condition=Q(resolved_at__isnull=True), name="alert_open_by_project"),
            # The scan finds the alerts it flagged by their first_flagged moment.
            models.Index(fields=["first_flagged"], name="alert_first_flagged"),
            # The alert list's order (worst_first), so a page of it is read off the index however many are open.
            models.Index(Severity.rank().desc(), F("first_flagged").desc(), F("id").desc(),
                         condition=Q(resolved_at__isnull=True), name="alert_open_worst_first"),
        ]
        constraints = [
            # One open alert per rule and subject: the scan inserts with ON CONFLICT DO NOTHING against these,
            # so a re-run or two runs at once never flag a subject twice.
            *(
                models.UniqueConstraint(
                    fields=["rule", field],
                    condition=Q(resolved_at__isnull=True, subject_type=subject_type),
                    name=f"alert_one_open_per_rule_and_{field}",
                )
                for subject_type, field in SUBJECT_FIELDS.items()
            ),
            models.CheckConstraint(
                condition=Q(subject_type=SubjectType.MILESTONE, milestone__isnull=False)
                | Q(subject_type=SubjectType.PHASE, phase__isnull=False)
                | Q(subject_type=SubjectType.PROJECT, project__isnull=False)
                | Q(subject_type=SubjectType.PROBLEM, problem__isnull=False)
                | Q(subject_type=SubjectType.FOLLOW_UP, follow_up__isnull=False),
                name="alert_subject_set",
            ),
        ]

    def __str__(self):
        return f"{self.get_rule_display()}: {self.subject_name}"

    def get_absolute_url(self):
        subject = self.subject
        if hasattr(subject, "get_absolute_url"):
            return subject.get_absolute_url()
        return self.project.get_absolute_url() if self.project_id else ""

    @property
    def subject(self):
        return getattr(self, SUBJECT_FIELDS[self.subject_type])

    @property
    def subject_id(self):
        return getattr(self, f"{SUBJECT_FIELDS[self.subject_type]}_id")

    @property
    def subject_name(self) -> str:
        subject = self.subject
        if self.subject_type in (SubjectType.MILESTONE, SubjectType.PHASE, SubjectType.PROJECT):
            return subject.name
        if self.subject_type == SubjectType.PROBLEM:
            return subject.description[:80]
        return str(subject.requirement or subject.problem)[:80]

    @property
    def is_open(self):
        return self.resolved_at is None


class Notification(models.Model):
    class Kind(models.TextChoices):
        NEW = "new", _("New alert")
        ESCALATED = "escalated", _("Escalated alert")
        REMINDER = "reminder", _("Reminder")
        DIGEST = "digest", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        CHASE = "chase", _("Chase (催办)")
        DIRECTIVE = "directive", _("Instruction (批示)")
        # A 督办 follow-up raised a level (meetings.FollowUp.Escalation): told once per level; blue is told by
        # the follow-up's overdue alert, which opens the same day.
        FOLLOW_UP_YELLOW = "fu_yellow", _("Follow-up escalated to yellow (黄)")
        FOLLOW_UP_RED = "fu_red", _("Follow-up escalated to red (红)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    alert = models.ForeignKey(
        Alert, verbose_name=_("alert"), null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    message = models.TextField(_("message"), blank=True)
    for_date = models.DateField(_("for date"), help_text=_("The scan day the notification belongs to."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread_by_user"),
            models.Index(fields=["user"], condition=Q(emailed_at__isnull=True), name="notification_unmailed_by_user"),
        ]
        constraints = [
            # Claims for the jobs: a user hears about an alert's opening and escalation once,
            # about one alert at most once a day, and gets one digest a day.
            models.UniqueConstraint(
                fields=["user", "alert", "kind"],
                condition=Q(kind__in=["new", "escalated", "fu_yellow", "fu_red"]),
                name="notification_once_per_alert_event",
            ),
            models.UniqueConstraint(
                fields=["user", "alert", "for_date"],
                condition=Q(kind="reminder"),
                name="notification_one_reminder_a_day",
            ),
            models.UniqueConstraint(
                fields=["user", "for_date"], condition=Q(kind="digest"), name="notification_one_digest_a_day"
            ),
            # The weekly digest, from the Monday schedule or the button on 'my work': once a day at most.
            models.UniqueConstraint(
                fields=["user", "for_date"], condition=Q(kind="weekly"), name="notification_one_weekly_digest_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.message[:40]}"


class AlertScan(models.Model):
    """One run of the scan. Its new alerts are announced in a transaction of their own, after the scan's:
    a scan not yet `notified` (the process stopped in between) is announced by the next run."""

    moment = models.DateTimeField(_("moment"), unique=True)
    day = models.DateField(_("day scanned"))
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-moment"]

    def __str__(self):
        return f"{self.day} ({self.moment:%H:%M:%S})"


class AlertSettings(models.Model):
    """The thresholds of the rules; one row, edited by admins in the admin site."""

    progress_tolerance_yellow = models.PositiveSmallIntegerField(
        _("progress tolerance, yellow (points)"),
        default=10,
        help_text=_("A project or phase lags when its reported progress is this many points below expected."),
    )
    progress_tolerance_red = models.PositiveSmallIntegerField(_("progress tolerance, red (points)"), default=20)
    investment_tolerance_yellow = models.PositiveSmallIntegerField(
        _("investment tolerance, yellow (percent of the annual plan)"), default=10
    )
    investment_tolerance_red = models.PositiveSmallIntegerField(
        _("investment tolerance, red (percent of the annual plan)"), default=20
    )
    stale_days = models.PositiveSmallIntegerField(
        _("days without news"),
        default=30,
        help_text=_("A project under construction with no progress report, milestone update or visit for this long."),
    )
    overdue_red_days = models.PositiveSmallIntegerField(
        _("days overdue before red"),
        default=30,
        help_text=_("Milestones, problems and follow-ups overdue this long are flagged red at once."),
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate after (days)"), default=14, help_text=_("A yellow alert still open after this long turns red.")
    )
    reminder_every_days = models.PositiveSmallIntegerField(
        _("remind every (days)"), default=7, help_text=_("Open alerts are recalled to their people this often.")
    )
    follow_up_yellow_days = models.PositiveSmallIntegerField(
        _("督办: days overdue before yellow"), default=7,
        help_text=_("A follow-up turns blue the day after its deadline, yellow this many days after it."),
    )
    statistics_min_investment = models.DecimalField(
        _("入统: from this total investment (yuan)"), max_digits=16, decimal_places=2, default=5_000_000,
        help_text=_("Projects under construction of this size or more need a project code and 入库 (500万元)."),
    )
    statistics_margin = models.PositiveSmallIntegerField(
        _("入统: margin between investment and progress (points)"), default=20,
        help_text=_("Flag a project whose completed share of investment and reported progress differ by more."),
    )
    follow_up_red_days = models.PositiveSmallIntegerField(
        _("督办: days overdue before red"), default=15,
        help_text=_("… and red this many days after its deadline."),
    )

    class Meta:
        verbose_name = _("alert settings")
        verbose_name_plural = _("alert settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_tolerance_red__gte=models.F("progress_tolerance_yellow")),
                name="alert_settings_progress_red_above_yellow",
            ),
            models.CheckConstraint(
                condition=Q(investment_tolerance_red__gte=models.F("investment_tolerance_yellow")),
                name="alert_settings_investment_red_above_yellow",
            ),
            models.CheckConstraint(condition=Q(reminder_every_days__gte=1), name="alert_settings_reminder_positive"),
            models.CheckConstraint(
                condition=Q(follow_up_red_days__gte=models.F("follow_up_yellow_days")),
                name="alert_settings_follow_up_red_after_yellow",
            ),
        ]

    def __str__(self):
        return str(_("Alert settings"))

    @classmethod
    def current(cls) -> "AlertSettings":
        """The one row; the defaults when the data migration has not run (a bare test database never lacks it)."""
        return cls.objects.order_by("pk").first() or cls()
