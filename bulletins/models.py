from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Bulletin(models.Model):
    """One issue of the zone's news bulletin, as imported."""

    issued_on = models.DateField(_("issued on"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    raw_text = models.TextField(_("text"))
    checksum = models.CharField(_("SHA-256 of the normalised text"), max_length=64, unique=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-issued_on", "-pk"]
        permissions = [("import_bulletin", _("Can import bulletins"))]

    def __str__(self):
        return f"{self.issued_on:%Y-%m-%d} {self.display_title}"

    def get_absolute_url(self):
        return reverse("bulletins:detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        """Never blank, so every bulletin has a link to click."""
        return self.title or self.file_name or _("Bulletin of %(date)s") % {"date": f"{self.issued_on:%Y-%m-%d}"}


class Evidence(models.Model):
    """Where a record or one of its facts came from: the bulletin and the sentence, with offsets into its text."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bulletin"), on_delete=models.CASCADE, related_name="evidence"
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("record id"))
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("fact"), max_length=50, blank=True, help_text=_("Blank when the whole record."))
    sentence = models.TextField(_("sentence"))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["bulletin", "start"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="evidence_span_not_empty"),
            models.UniqueConstraint(
                fields=["bulletin", "content_type", "object_id", "field", "start"], name="evidence_unique_span"
            ),
        ]

    def __str__(self):
        return self.sentence[:60]

    def get_absolute_url(self):
        return reverse("bulletins:detail", args=[self.bulletin_id]) + f"#evidence-{self.pk}"


class Indicator(models.Model):
    """An economic figure a bulletin reports, such as the output of industrial enterprises in a period."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bulletin"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20)
    period = models.CharField(_("period"), max_length=50, blank=True)
    growth_percent = models.DecimalField(_("growth (%)"), max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("economic indicator")
        verbose_name_plural = _("economic indicators")
        ordering = ["bulletin", "name"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "name", "period"], name="indicator_unique_per_bulletin"),
        ]

    def __str__(self):
        return f"{self.period}{self.name}"


class ImportJob(models.Model):
    """A bulletin on its way in: read, parsed (in a task when large), reviewed by an admin, then imported."""

    class Status(models.TextChoices):
        PARSING = "parsing", _("Parsing")
        UNQUEUED = "unqueued", _("Not queued")
        READY = "ready", _("Ready for review")
        FAILED = "failed", _("Failed")
        IMPORTED = "imported", _("Imported")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    issued_on = models.DateField(_("issued on"))
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    checksum = models.CharField(_("SHA-256 of the normalised text"), max_length=64, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PARSING)
    extraction = models.JSONField(_("extraction"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # When its parse task was last handed to the broker; the sweep re-queues jobs stuck long after it.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bulletin"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name or self.pk} ({self.get_status_display()})"


class RecordName(models.Model):
    """A name (or short name, or alias) a person, organization or project is known by, normalised for lookup.

    The import finds the names of a bulletin here with indexed queries instead of loading every record;
    rows are derived from the records and kept in step by `bulletins.receivers` (rebuild them with
    `manage.py rebuild_record_names` after a bulk load that bypasses save()).
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organization")
        PROJECT = "project", _("project")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("record id"))
    name = models.CharField(_("name"), max_length=200, help_text=_("As written, normalised (NFKC, no spaces)."))
    key = models.CharField(_("key"), max_length=200, db_index=True)
    head = models.CharField(_("head"), max_length=4, db_index=True)
    core = models.CharField(_("core"), max_length=200, db_index=True)
    is_alias = models.BooleanField(_("alias"), default=False)

    class Meta:
        verbose_name = _("record name")
        verbose_name_plural = _("record names")
        indexes = [models.Index(fields=["kind", "object_id"], name="record_name_by_record")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "key"], name="record_name_unique_per_record"),
        ]

    def __str__(self):
        return self.name
