from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Meeting(models.Model):
    """An inspection visit, on-site coordination, symposium or study session."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection visit")
        COORDINATION = "coordination", _("On-site coordination")
        SYMPOSIUM = "symposium", _("Symposium")
        STUDY = "study", _("Study session")
        GROUNDBREAKING = "groundbreaking", _("Groundbreaking ceremony")
        OTHER = "other", _("Other")

    class PartOfDay(models.TextChoices):
        MORNING = "上午", _("Morning")
        AFTERNOON = "下午", _("Afternoon")
        EVENING = "晚上", _("Evening")
        ALL_DAY = "全天", _("All day")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INSPECTION)
    date = models.DateField(_("date"), db_index=True)
    part_of_day = models.CharField(_("part of day"), max_length=4, choices=PartOfDay.choices, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects visited"), blank=True, related_name="meetings"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="meetings_logged",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[projects])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(confirmed_at__isnull=False), name="meeting_confirmed_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])


class Attendance(models.Model):
    class Role(models.TextChoices):
        PRESIDED = "presided", _("Presided")
        LED = "led", _("Led the delegation")
        ATTENDED = "attended", _("Attended")
        ACCOMPANIED = "accompanied", _("Accompanied")
        REPORTED = "reported", _("Reported")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "enterprises.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="attendances"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ATTENDED)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_person_once_per_meeting")]

    def __str__(self):
        return f"{self.person.name}（{self.get_role_display()}）"


class Requirement(models.Model):
    """A requirement (要求) a leader issued at a meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="requirements"
    )
    issued_by = models.ForeignKey(
        "enterprises.Person", verbose_name=_("issued by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="requirements_issued",
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="requirements",
    )
    text = models.TextField(_("requirement"))

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.text[:50]


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=FollowUp.Status.OPEN)


class FollowUp(models.Model):
    """督办: supervised follow-up of a requirement or a problem, with an owner and a due date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="follow_ups",
    )
    problem = models.ForeignKey(
        "projects.Problem", verbose_name=_("problem"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="follow_ups",
    )
    owner_person = models.ForeignKey(
        "enterprises.Person", verbose_name=_("owner"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="follow_ups",
    )
    owner_unit = models.ForeignKey(
        "enterprises.Organization", verbose_name=_("owner unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="follow_ups",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member following up"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="follow_ups",
    )
    class Escalation(models.IntegerChoices):
        # 督办单 levels: the daily scan raises an overdue follow-up after the days set in the alert settings.
        NONE = 0, _("Not escalated")
        BLUE = 1, _("Blue (蓝)")
        YELLOW = 2, _("Yellow (黄)")
        RED = 3, _("Red (红)")

    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    escalation = models.PositiveSmallIntegerField(
        _("escalation"), choices=Escalation.choices, default=Escalation.NONE, editable=False,
        help_text=_("Written by the daily scan: blue once overdue, then yellow and red after the set days."),
    )
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True, editable=False)
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(requirement__isnull=False, problem__isnull=True)
                | Q(requirement__isnull=True, problem__isnull=False),
                name="follow_up_of_requirement_or_problem",
            ),
        ]

    def __str__(self):
        subject = self.requirement or self.problem
        return f"{subject} · {self.due_date:%Y-%m-%d}"

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()

    def clean(self):
        # Whatever the door (page, API, admin), a follow-up is done only with what was done.
        if self.status == self.Status.DONE and not self.reply.strip():
            raise ValidationError({"reply": _("Say what was done.")})
