from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable record: its text, its jieba tokens and, on PostgreSQL, their tsvector.

    `tokens` holds the space-joined search tokens of title and text with a space at each end, so the
    SQLite fallback can match whole tokens with LIKE '% token %'. On PostgreSQL `vector` is
    to_tsvector('simple', …) of `title_tokens` (weight A) and `tokens` (weight B), with a GIN index
    created by a migration that runs only there; on SQLite the column stays empty.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300, blank=True)
    title_tokens = models.TextField(_("title tokens"), blank=True)
    tokens = models.TextField(_("search tokens"), blank=True)
    vector = SearchVectorField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_one_per_record"),
        ]

    def __str__(self):
        return self.title
