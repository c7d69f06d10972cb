from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib.national_codes import CreditCodeField


class Industry(models.Model):
    """A line of GB/T 4754-2017 (国民经济行业分类): a section letter or a 2- to 4-digit code.

    Loaded from enterprises/data/gbt4754_2017.tsv; `division` is the 2-digit code above it (a section's own
    letter for a section), which the overview groups by.
    """

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    section = models.CharField(_("section"), max_length=1, db_index=True)
    division = models.CharField(_("division"), max_length=2, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("industry (GB/T 4754-2017)")
        verbose_name_plural = _("industries (GB/T 4754-2017)")
        ordering = ["section", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Organization(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        GOVERNMENT = "government", _("Government body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True, help_text=_("Other names it appears under."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ENTERPRISE)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organization"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="subsidiaries",
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    industry_code = models.ForeignKey(
        Industry, verbose_name=_("industry (GB/T 4754)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organizations",
    )
    credit_code = CreditCodeField(
        _("unified social credit code"), blank=True, help_text=_("统一社会信用代码: 18 characters (GB 32100-2015).")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organization_unique_name_per_kind"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"),
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="organization_unique_credit_code",
                violation_error_message=_("Another organization has this unified social credit code."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enterprises:organization_detail", args=[self.pk])


class Person(models.Model):
    name = models.CharField(_("name"), max_length=50, db_index=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="person",
        help_text=_("Links an official or staff member's account to the person, for 'my projects'."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enterprises:person_detail", args=[self.pk])


class Position(models.Model):
    """A post a person holds; posts change between bulletins, so each has the dates it was seen."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="positions",
    )
    title = models.CharField(_("title"), max_length=100)
    first_seen = models.DateField(_("first seen"), null=True, blank=True)
    last_seen = models.DateField(_("last seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person__name", "-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organization", "title"], condition=Q(organization__isnull=False),
                name="position_unique_post_in_organization",
            ),
            models.UniqueConstraint(
                fields=["person", "title"], condition=Q(organization__isnull=True),
                name="position_unique_post_without_organization",
            ),
            models.CheckConstraint(
                condition=Q(first_seen__isnull=True) | Q(last_seen__isnull=True)
                | Q(last_seen__gte=models.F("first_seen")),
                name="position_seen_in_order",
            ),
        ]

    def __str__(self):
        where = self.organization.name if self.organization_id else ""
        return f"{where}{self.title}{self.person.name}"
