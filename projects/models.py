from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib.formatting import quantity
from lib.national_codes import ProjectCodeField

from .querysets import AssignmentQuerySet, MilestoneQuerySet, ProblemQuerySet, ProjectQuerySet

MONEY = {"max_digits": 16, "decimal_places": 2}


class Project(models.Model):
    class Category(models.TextChoices):
        INDUSTRIAL = "industrial", _("Major industrial project")
        URBAN = "urban", _("Key urban construction")
        LIVELIHOOD = "livelihood", _("Livelihood project")

    class Stage(models.TextChoices):
        # In the order a project goes through them.
        SIGNED = "signed", _("Signed")
        PREPARATION = "preparation", _("Preparation")
        CONSTRUCTION = "construction", _("Under construction")
        INSTALLATION = "installation", _("Equipment installation")
        TRIAL = "trial", _("Trial production")
        PRODUCTION = "production", _("In production")
        FULL_PRODUCTION = "full_production", _("Full production")

    class Nature(models.TextChoices):
        # 建设性质, as the statistics ask for it.
        NEW = "new", _("New construction (新建)")
        EXPANSION = "expansion", _("Expansion (扩建)")
        RENOVATION = "renovation", _("Renovation and technical upgrading (改建和技术改造)")
        RELOCATION = "relocation", _("Relocation (迁建)")
        RESTORATION = "restoration", _("Restoration (恢复)")

    class StatisticalStage(models.TextChoices):
        # The stage as registered with the statistics bureau (统计口径); kept apart, as the bureau records it.
        PREPARING = "preparing", _("Preparing (筹建)")
        BUILDING = "building", _("Under construction (施工)")
        PRODUCING = "producing", _("In production (投产)")
        FINISHING = "finishing", _("Finishing (收尾)")
        SUSPENDED = "suspended", _("Suspended or slowed (停缓建)")

    class DispatchStage(models.TextChoices):
        # The stage in the dispatch meetings' wording (调度口径), read from the stage and the start date.
        EARLY = "early", _("Early work (前期)")
        NEW_START = "new_start", _("Newly started (新开工)")
        CONTINUING = "continuing", _("Continuing (续建)")
        COMPLETED = "completed", _("Completed, in production (竣工投产)")

    class Lag(models.IntegerChoices):
        # Ranked so that the worst sorts first; the values match alerts' severities by name.
        NONE = 0, _("On track")
        YELLOW = 1, _("Yellow")
        RED = 2, _("Red")

    name = models.CharField(_("name"), max_length=200, unique=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    builder = models.ForeignKey(
        "enterprises.Organization", verbose_name=_("builder"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="projects",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.INDUSTRIAL)
    industry = models.CharField(_("industry"), max_length=100, blank=True, db_index=True)
    industry_code = models.ForeignKey(
        "enterprises.Industry", verbose_name=_("industry (GB/T 4754)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="projects",
    )
    project_code = ProjectCodeField(
        _("project code"), blank=True, help_text=_("项目代码 (GB/T 40058-2021), like 2306-320924-89-02-799920.")
    )
    nature = models.CharField(_("nature of construction"), max_length=20, choices=Nature.choices, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.CONSTRUCTION)
    statistical_stage = models.CharField(
        _("statistical stage"), max_length=20, choices=StatisticalStage.choices, blank=True,
        help_text=_("As registered with the statistics bureau."),
    )
    statistics_registered = models.BooleanField(
        _("registered for statistics (入库)"), default=False,
        help_text=_("The project is in the statistics bureau's project database."),
    )
    total_investment = models.DecimalField(_("total investment (yuan)"), null=True, blank=True, **MONEY)
    location = models.CharField(_("location"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_production = models.DateField(_("planned production"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_production = models.DateField(_("actual production"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Kept on the row so that lists can sort lagging projects first through an index; only the daily scan
    # changes alerts, and it rewrites this in the same transaction (alerts.services.projects_lag_refresh).
    lag_rank = models.PositiveSmallIntegerField(
        _("lag"), choices=Lag.choices, default=Lag.NONE, editable=False,
        help_text=_("The worst open alert of the project, written by the daily scan."),
    )
    history = HistoricalRecords(excluded_fields=["lag_rank"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["category", "stage"]),
            models.Index(F("lag_rank").desc(), "name", name="project_lagging_first"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total_investment__gte=0), name="project_investment_not_negative"),
            models.UniqueConstraint(
                fields=["project_code"], condition=~Q(project_code=""), name="project_unique_code",
                violation_error_message=_("Another project has this project code."),
            ),
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True) | Q(planned_production__isnull=True)
                | Q(planned_production__gte=F("planned_start")),
                name="project_planned_production_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True) | Q(actual_production__isnull=True)
                | Q(actual_production__gte=F("actual_start")),
                name="project_actual_production_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    def dispatch_stage(self, today=None) -> "Project.DispatchStage":
        """前期 before the works, 新开工 if they started this year, 续建 if before, 竣工投产 once producing."""
        if self.stage in (self.Stage.PRODUCTION, self.Stage.FULL_PRODUCTION) or self.actual_production:
            return self.DispatchStage.COMPLETED
        if self.stage in (self.Stage.SIGNED, self.Stage.PREPARATION):
            return self.DispatchStage.EARLY
        today = today or timezone.localdate()
        started = self.actual_start or self.planned_start
        if started is None or started.year >= today.year:
            return self.DispatchStage.NEW_START
        return self.DispatchStage.CONTINUING

    @property
    def lag(self) -> str | None:
        """The severity of the worst open alert: 'red', 'yellow' or None."""
        return None if self.lag_rank == self.Lag.NONE else self.Lag(self.lag_rank).name.lower()


class Phase(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=50, help_text=_("For example 一期 or 二期."))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    investment = models.DecimalField(_("investment (yuan)"), null=True, blank=True, **MONEY)
    batches = models.PositiveSmallIntegerField(_("batches"), null=True, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_finish = models.DateField(_("planned finish"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="phase_unique_name_per_project"),
            models.CheckConstraint(condition=Q(investment__gte=0), name="phase_investment_not_negative"),
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True) | Q(planned_finish__isnull=True)
                | Q(planned_finish__gte=F("planned_start")),
                name="phase_finish_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.project.name}{self.name}"


class Capacity(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="capacities")
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), null=True, blank=True, on_delete=models.CASCADE, related_name="capacities"
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=20, help_text=_("For example MW, 片/月, 吨/年."))
    product = models.CharField(_("product"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="capacity_positive"),
            models.UniqueConstraint(fields=["project", "value", "unit"], name="capacity_unique_per_project"),
        ]

    def __str__(self):
        return f"{self.product} {quantity(self.value, self.unit)}".strip()


class Milestone(models.Model):
    """A 节点 on the 挂图作战 chart: planned against actual."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones")
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    name = models.CharField(_("name"), max_length=200)
    # The place in the plan's sequence, set by the plan editor; rows that never had one sort by date.
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    planned_date = models.DateField(_("planned date"))
    baseline_date = models.DateField(
        _("baseline date"), null=True, blank=True, help_text=_("The first planned date, kept when the plan moves.")
    )
    reschedule_reason = models.TextField(_("reason for moving the plan"), blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "position", "planned_date"]
        indexes = [
            # The daily scan and the overview look for open milestones by planned date.
            models.Index(fields=["planned_date"], condition=Q(actual_date__isnull=True), name="milestone_open_by_plan"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="milestone_unique_name_per_project"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="milestone_weight_positive"),
        ]

    def __str__(self):
        return f"{self.project.name}·{self.name}"

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.project_id]) + f"#milestone-{self.pk}"

    @property
    def is_overdue(self):
        return self.actual_date is None and self.planned_date < timezone.localdate()

    def clean(self):
        if self.actual_date and self.actual_date > timezone.localdate():
            raise ValidationError({"actual_date": _("The actual date cannot be in the future.")})
        start = self.project.actual_start or self.project.planned_start if self.project_id else None
        if self.actual_date and start and self.actual_date < start:
            raise ValidationError({"actual_date": _("The actual date cannot be before the project's start.")})


class MilestoneTemplate(models.Model):
    """The standard sequence of 节点 for one kind of project, that "apply a template" copies into a plan."""

    category = models.CharField(_("project category"), max_length=20, choices=Project.Category.choices, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")
        ordering = ["category"]

    def __str__(self):
        return self.name


class MilestoneTemplateStep(models.Model):
    template = models.ForeignKey(
        MilestoneTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("template milestone")
        verbose_name_plural = _("template milestones")
        ordering = ["template", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "name"], name="template_step_unique_name"),
        ]

    def __str__(self):
        return self.name


class ProgressReport(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), null=True, blank=True, on_delete=models.CASCADE, related_name="progress_reports"
    )
    date = models.DateField(_("date"))
    percent_complete = models.DecimalField(_("percent complete"), max_digits=5, decimal_places=2, null=True, blank=True)
    statement = models.TextField(_("statement"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reporter"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["project", "-date"]
        indexes = [models.Index(fields=["project", "-date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__gte=0) & Q(percent_complete__lte=100), name="progress_percent_0_100"
            ),
        ]

    def __str__(self):
        if self.percent_complete is None:
            return f"{self.project.name} {self.date}"
        return f"{self.project.name} {self.date} {self.percent_complete.normalize():f}%"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("The date cannot be in the future.")})


class AnnualPlan(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="annual_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned_investment = models.DecimalField(_("planned investment (yuan)"), **MONEY)

    class Meta:
        verbose_name = _("annual investment plan")
        verbose_name_plural = _("annual investment plans")
        ordering = ["project", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="annual_plan_unique_year"),
            models.CheckConstraint(condition=Q(planned_investment__gte=0), name="annual_plan_not_negative"),
        ]

    def __str__(self):
        return f"{self.project.name} {self.year}"


class InvestmentReport(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="investment_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    amount = models.DecimalField(_("investment completed (yuan)"), **MONEY)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reporter"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("monthly investment report")
        verbose_name_plural = _("monthly investment reports")
        ordering = ["project", "-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="investment_report_unique_month"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="investment_report_month_1_12"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="investment_report_not_negative"),
        ]

    def __str__(self):
        return f"{self.project.name} {self.year}-{self.month:02d}"

    def clean(self):
        today = timezone.localdate()
        if self.year and self.month and (self.year, self.month) > (today.year, today.month):
            raise ValidationError({"month": _("This month has not begun yet.")})


class Assignment(models.Model):
    """包挂: an official personally answerable for a project."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Assigned leader")
        RESPONSIBLE = "responsible", _("Responsible official")
        LIAISON = "liaison", _("Liaison")

    person = models.ForeignKey(
        "enterprises.Person", verbose_name=_("official"), on_delete=models.CASCADE, related_name="assignments"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEAD)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment (包挂)")
        verbose_name_plural = _("assignments (包挂)")
        ordering = ["project", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "project"], condition=Q(ended_on__isnull=True), name="assignment_one_open_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person.name} → {self.project.name}"


class ProblemCategory(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Problem(models.Model):
    """An entry of the 问题清单, with an owner and a deadline."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Signed off")

    OPEN_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS)

    project = models.ForeignKey(
        Project, verbose_name=_("project"), null=True, blank=True, on_delete=models.CASCADE, related_name="problems"
    )
    category = models.ForeignKey(
        ProblemCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="problems"
    )
    description = models.TextField(_("description"))
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("raised at"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="problems",
    )
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    owner_unit = models.ForeignKey(
        "enterprises.Organization", verbose_name=_("owner unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="problems",
    )
    owner_person = models.ForeignKey(
        "enterprises.Person", verbose_name=_("owner"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="problems",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    resolution = models.TextField(_("resolution"), blank=True)
    solved_on = models.DateField(_("solved on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed off by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    escalated_to = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("escalated to coordination meeting"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="escalated_problems",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-raised_on", "-pk"]
        permissions = [("sign_off_problem", _("Can sign off solved problems"))]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["solved", "closed"]) | ~Q(resolution=""),
                name="problem_solved_has_resolution",
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_date__gte=F("raised_on")),
                name="problem_due_after_raised",
            ),
        ]

    def __str__(self):
        return f"[{self.category}] {self.description[:40]}"

    def get_absolute_url(self):
        return reverse("projects:problem_detail", args=[self.pk])

    def clean(self):
        if self.solved_on and self.solved_on > timezone.localdate():
            raise ValidationError({"solved_on": _("The date cannot be in the future.")})
        if self.solved_on and self.raised_on and self.solved_on < self.raised_on:
            raise ValidationError({"solved_on": _("The problem cannot be solved before it was raised.")})

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def age_days(self):
        end = self.solved_on or timezone.localdate()
        return (end - self.raised_on).days


class ProblemUpdate(models.Model):
    """One dated step of a problem's trail: a reply, a status change, a sign-off."""

    problem = models.ForeignKey(Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("text"))
    status_before = models.CharField(_("status before"), max_length=20, choices=Problem.Status.choices, blank=True)
    status_after = models.CharField(_("status after"), max_length=20, choices=Problem.Status.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("problem update")
        verbose_name_plural = _("problem updates")
        ordering = ["problem", "created_at"]

    def __str__(self):
        return f"{self.problem_id} {self.date}"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("The date cannot be in the future.")})


class Attachment(models.Model):
    """A photo or document, stored under a generated name and served only through a checked view."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="attachments",
    )
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="attachments",
    )
    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    # Made once at upload for photos, so the photo wall never resizes an original on a request.
    thumbnail = models.FileField(_("thumbnail"), upload_to="attachments/%Y/%m/", blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True, help_text=_("From the photo's EXIF data."))
    original_name = models.CharField(_("original name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(meeting__isnull=False), name="attachment_has_project_or_meeting"
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.mime_type.startswith("image/")

    @property
    def shown_date(self):
        """When the photo was taken if its EXIF says so, else when it was uploaded."""
        return self.taken_at or self.uploaded_at
