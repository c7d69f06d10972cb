from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from accounts.policy import can

from .forms import BulletinUploadForm
from .models import Bulletin, Evidence, ImportJob, Indicator, RecordName
from .services import (
    PROBLEM_FIELDS,
    RENAMABLE_KINDS,
    REVIEW_KINDS,
    BulletinAlreadyImported,
    extraction_preview,
    extraction_review,
    import_job_confirm,
    import_job_create,
    import_job_enqueue,
)

REVIEW_LABELS = {
    "organizations": _lazy("Organizations"),
    "people": _lazy("People and posts"),
    "projects": _lazy("Projects and facts"),
    "events": _lazy("Meetings and visits"),
    "problems": _lazy("Problems raised"),
    "requirements": _lazy("Requirements"),
    "indicators": _lazy("Economic indicators"),
}


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["issued_on", "display_title", "file_name", "imported_at", "imported_by"]
    list_display_links = ["issued_on", "display_title"]
    list_filter = ["issued_on"]
    search_fields = ["title", "file_name", "raw_text"]
    readonly_fields = ["checksum", "imported_at", "imported_by"]
    list_select_related = ["imported_by"]
    date_hierarchy = "issued_on"
    change_list_template = "admin/bulletins/bulletin/change_list.html"

    def has_add_permission(self, request):
        # Bulletins come in through the import page, which parses them and keeps the evidence.
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="bulletins_bulletin_import"),
            path("import/<int:job_id>/", wrap(self.review_view), name="bulletins_bulletin_review"),
            path("import/<int:job_id>/retry/", wrap(self.retry_view), name="bulletins_bulletin_import_retry"),
            *super().get_urls(),
        ]

    @staticmethod
    def _check(request):
        if not can(request.user, "administer"):
            raise PermissionDenied

    @transaction.non_atomic_requests
    def import_view(self, request):
        self._check(request)
        form = BulletinUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                job = import_job_create(
                    text=form.cleaned_data["bulletin_text"], issued_on=form.cleaned_data["issued_on"],
                    file_name=form.cleaned_data["file_name"], user=request.user, title=form.cleaned_data["title"],
                )
            except BulletinAlreadyImported as refused:
                form.add_error(None, _earlier_import_message(refused.earlier))
            else:
                return redirect("admin:bulletins_bulletin_review", job_id=job.pk)
        context = {**self.admin_site.each_context(request), "form": form, "title": _("Import a bulletin"),
                   "opts": self.model._meta}
        return render(request, "admin/bulletins/import_form.html", context)

    def review_view(self, request, job_id):
        self._check(request)
        job = get_object_or_404(ImportJob, pk=job_id)
        if request.method == "POST":
            return self._confirm(request, job)
        preview = extraction_preview(job.extraction) if job.status == ImportJob.Status.READY else None
        sections = [(kind, REVIEW_LABELS[kind], preview[kind]) for kind in REVIEW_KINDS] if preview else []
        articles = (job.extraction or {}).get("articles") or []
        title = job.title or (articles[0]["headline"] if articles else "")
        context = {**self.admin_site.each_context(request), "job": job, "sections": sections, "bulletin_title": title,
                   "title": _("Review the import"), "opts": self.model._meta}
        return render(request, "admin/bulletins/import_review.html", context)

    @method_decorator(require_POST)
    def retry_view(self, request, job_id):
        """Hand a job the broker refused to it again, now that the admin asks."""
        self._check(request)
        job = get_object_or_404(ImportJob, pk=job_id)
        if job.status != ImportJob.Status.UNQUEUED:
            messages.info(request, _("This import is not waiting to be queued; nothing was done."))
        elif import_job_enqueue(job.pk):
            messages.success(request, _("The bulletin was handed to a background worker; this page follows it."))
        else:
            messages.error(request, _("The task queue still cannot be reached. Try again later; "
                                      "the tracker also retries by itself every few minutes."))
        return redirect("admin:bulletins_bulletin_review", job_id=job.pk)

    def _confirm(self, request, job):
        if job.status != ImportJob.Status.READY:
            messages.error(request, _("This import is not ready for confirmation (it may have been imported already)."))
            return redirect("admin:bulletins_bulletin_review", job_id=job.pk)
        kept = {kind: {int(i) for i in request.POST.getlist(f"keep-{kind}") if i.isdigit()} for kind in REVIEW_KINDS}
        renames = {kind: _indexed(request.POST, f"name-{kind}-") for kind in REVIEW_KINDS}
        merges = {kind: {i: int(v) for i, v in _indexed(request.POST, f"merge-{kind}-").items() if v.isdigit()}
                  for kind in RENAMABLE_KINDS}
        problems = {}
        for name in PROBLEM_FIELDS:
            for index, value in _indexed(request.POST, f"{name}-problems-").items():
                problems.setdefault(index, {})[name] = value
        try:
            extraction = extraction_review(job.extraction, kept=kept, renames=renames, merges=merges,
                                           problems=problems)
            report = import_job_confirm(job=job, extraction=extraction, user=request.user,
                                        title=request.POST.get("title", "").strip()[:300])
        except ValueError as error:  # ReviewError included: nothing was written
            messages.error(request, str(error))
            return redirect("admin:bulletins_bulletin_review", job_id=job.pk)
        if report.duplicate_of is not None:
            messages.warning(request, _("This bulletin was imported before; nothing was written."))
            return redirect(reverse("admin:bulletins_bulletin_change", args=[report.duplicate_of.pk]))
        messages.success(request, _("Imported: %(created)d created, %(linked)d linked, %(skipped)d skipped.") % {
            "created": len(report.created), "linked": len(report.linked), "skipped": len(report.skipped)})
        return redirect(reverse("admin:bulletins_bulletin_change", args=[report.bulletin.pk]))


def _indexed(post, prefix: str) -> dict[int, str]:
    """Form fields named prefix + index (name-projects-3), by index."""
    return {int(key[len(prefix):]): value for key, value in post.items()
            if key.startswith(prefix) and key[len(prefix):].isdigit()}


def _earlier_import_message(earlier):
    if isinstance(earlier, Bulletin):
        return format_html(_("This bulletin was imported before: {}. Nothing was staged."),
                           format_html('<a href="{}">{}</a>', reverse("admin:bulletins_bulletin_change",
                                                                       args=[earlier.pk]), earlier))
    return format_html(_("This bulletin is already waiting for review: {}. Nothing was staged."),
                       format_html('<a href="{}">{}</a>', reverse("admin:bulletins_bulletin_review",
                                                                   args=[earlier.pk]), earlier))


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "title", "file_name", "issued_on", "status", "created_by", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["created_by", "created_at", "status", "error", "queued_at", "bulletin"]
    exclude = ["extraction"]
    list_select_related = ["created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["sentence", "bulletin", "content_type", "object_id", "field"]
    # Only the kinds evidence points at: the full list names every model, history tables included.
    list_filter = [("content_type", admin.RelatedOnlyFieldListFilter), "field"]
    search_fields = ["sentence"]
    raw_id_fields = ["bulletin"]
    list_select_related = ["bulletin", "content_type"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":  # records of the tracker's own apps, not history tables or Django's
            kwargs["queryset"] = ContentType.objects.filter(
                app_label__in=["enterprises", "projects", "meetings", "bulletins"],
            ).exclude(model__startswith="historical")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "period", "value", "unit", "bulletin"]
    search_fields = ["name"]
    raw_id_fields = ["bulletin"]
    list_select_related = ["bulletin"]


@admin.register(RecordName)
class RecordNameAdmin(admin.ModelAdmin):
    """Read-only: the rows follow the records' names and aliases (edit those; `rebuild_record_names` redoes all)."""

    list_display = ["name", "kind", "object_id", "is_alias", "core"]
    list_filter = ["kind", "is_alias"]
    search_fields = ["key", "name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
