"""Forms staff fill in for problems, milestones, progress and investment.

Each form checks what a user could get wrong and says so at the field; nothing is saved until it is
valid, and a failed form is shown again with what the user typed.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.pickers import SearchField
from lib.uploads import check_upload
from lib.widgets import SearchBox

from .models import Milestone, MilestoneTemplate, Phase, Problem, ProgressReport, Project


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhotoField(forms.FileField):
    """A photo, recognised by its content; on a phone the picker offers the back camera."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        data = super().clean(data, initial)
        if data:
            check_upload(data, images_only=True)
        return data


class DocumentField(forms.FileField):
    """A photo or document, recognised by its content."""

    def clean(self, data, initial=None):
        data = super().clean(data, initial)
        if data:
            check_upload(data)
        return data


def name_input(search_url: str):
    """A typed name (found or added on save), with type-ahead from `search_url` (static/js/typeahead.js)."""
    return SearchBox(search_url)


def project_field(**kwargs):
    """A project picked by searching its name: the page never lists every project."""
    return SearchField(Project.objects.only("pk", "name"), search_url="projects:search", label=_("Project"),
                       **kwargs)


class ProblemForm(forms.ModelForm):
    """A problem raised at a meeting or logged on its own. Owners are typed names, found or added on save."""

    project = project_field(required=False)
    owner_unit_name = forms.CharField(label=_("Owner unit"), max_length=200, required=False,
                                      widget=name_input("meetings:organizations_search"))
    owner_person_name = forms.CharField(label=_("Owner"), max_length=50, required=False,
                                        widget=name_input("meetings:people_search"))

    class Meta:
        model = Problem
        fields = ("project", "category", "description", "due_date")

    def __init__(self, *args, raised_on: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.raised_on = raised_on
        self.fields["description"].widget = forms.Textarea(attrs={"rows": 2})
        self.fields["due_date"].widget = date_input()
        if self.instance.pk:
            self.fields["owner_unit_name"].initial = self.instance.owner_unit.name if self.instance.owner_unit else ""
            self.fields["owner_person_name"].initial = (
                self.instance.owner_person.name if self.instance.owner_person else ""
            )

    def clean_due_date(self):
        due_date = self.cleaned_data.get("due_date")
        raised_on = self.raised_on or self.instance.raised_on or timezone.localdate()
        if due_date and due_date < raised_on:
            raise forms.ValidationError(
                _("The due date cannot be before %(date)s, when the problem was raised.") % {"date": raised_on}
            )
        return due_date


class ProblemReplyForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=date_input(), initial=timezone.localdate)
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}))


class ProblemSolveForm(forms.Form):
    solved_on = forms.DateField(label=_("Solved on"), widget=date_input(), initial=timezone.localdate)
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, problem: Problem, **kwargs):
        super().__init__(*args, **kwargs)
        self.problem = problem

    def clean_resolution(self):
        resolution = self.cleaned_data["resolution"].strip()
        if not resolution:
            raise forms.ValidationError(_("Say how the problem was solved."))
        return resolution


class ProblemSignOffForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, problem: Problem, **kwargs):
        super().__init__(*args, **kwargs)
        self.problem = problem

    def clean(self):
        if not self.problem.resolution.strip() or self.problem.status != Problem.Status.SOLVED:
            raise forms.ValidationError(_("A problem can be signed off only once it is solved, with its resolution."))
        return super().clean()


class ProblemEscalateForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Coordination meeting"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.filter(kind=Meeting.Kind.COORDINATION).only(
            "pk", "date", "title"
        )


class MilestoneReachedForm(forms.Form):
    actual_date = forms.DateField(label=_("Actual date"), widget=date_input(), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photo = PhotoField(label=_("Photo"), required=False)

    def __init__(self, *args, milestone: Milestone, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestone = milestone



class MilestoneRescheduleForm(forms.Form):
    planned_date = forms.DateField(label=_("New planned date"), widget=date_input())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, milestone: Milestone, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestone = milestone


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ("phase", "date", "percent_complete", "statement")

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["phase"].queryset = Phase.objects.filter(project=project)
        self.fields["date"].widget = date_input()
        self.fields["statement"].widget = forms.Textarea(attrs={"rows": 3})
        self.fields["date"].initial = timezone.localdate
        self.fields["percent_complete"].required = True
        self.fields["percent_complete"].widget.attrs.update({"min": 0, "max": 100, "step": "0.1"})

    def clean_percent_complete(self):
        percent = self.cleaned_data["percent_complete"]
        if percent is not None and not 0 <= percent <= 100:
            raise forms.ValidationError(_("The percent complete must be between 0 and 100."))
        return percent


class AnnualPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    planned_investment_wan = forms.DecimalField(
        label=_("Planned investment (10,000 yuan)"), max_digits=14, decimal_places=2, min_value=0
    )


class InvestmentReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    amount_wan = forms.DecimalField(label=_("Investment completed this month (10,000 yuan)"), max_digits=14,
                                    decimal_places=2)

    def clean_amount_wan(self):
        amount = self.cleaned_data["amount_wan"]
        if amount < 0:
            raise forms.ValidationError(_("A monthly amount cannot be below zero."))
        return amount


# What the file pickers offer; the server still judges every file by its content (lib/uploads.py).
DOCUMENT_ACCEPT = "image/*,application/pdf,.pdf,.docx,.xlsx"


class AttachmentForm(forms.Form):
    file = DocumentField(label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class SitePhotoForm(forms.Form):
    """A photo for the wall."""

    file = PhotoField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False,
                              help_text=_("What the photo shows, for example 主体厂房封顶."))


class MilestoneForm(forms.Form):
    """One row of the plan. Moving the planned date of a saved milestone needs a reason."""

    name = forms.CharField(label=_("Milestone"), max_length=200)
    planned_date = forms.DateField(label=_("Planned date"), widget=date_input())
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(), required=False)
    reason = forms.CharField(
        label=_("Reason for moving the plan"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the planned date changes; the first plan is kept as the baseline."),
    )

    def __init__(self, *args, project: Project, milestone: Milestone | None = None, **kwargs):
        if milestone is not None:
            kwargs.setdefault("initial", {
                "name": milestone.name, "planned_date": milestone.planned_date, "phase": milestone.phase_id,
            })
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        self.fields["phase"].queryset = Phase.objects.filter(project=project)
        if not self.fields["phase"].queryset.exists():
            del self.fields["phase"]
        if milestone is None:
            del self.fields["reason"]

    def clean(self):
        cleaned = super().clean()
        planned = cleaned.get("planned_date")
        moved = self.milestone is not None and planned and planned != self.milestone.planned_date
        if moved and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the planned date moves."))
        return cleaned


class TemplateApplyForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=MilestoneTemplate.objects.all(), empty_label=None)
    start = forms.DateField(label=_("First milestone on"), widget=date_input())
    end = forms.DateField(label=_("Last milestone on"), widget=date_input())

    def __init__(self, *args, project: Project, **kwargs):
        start = project.actual_start or project.planned_start or timezone.localdate()
        end = project.planned_production if project.planned_production and project.planned_production > start else (
            start + datetime.timedelta(days=365)
        )
        template = MilestoneTemplate.objects.filter(category=project.category).first()
        kwargs.setdefault("initial", {"start": start, "end": end, "template": template})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must come after the start."))
        return cleaned


class ProblemReassignForm(forms.Form):
    """A new owner or deadline for an open problem; the trail records from → to."""

    owner_unit_name = ProblemForm.base_fields["owner_unit_name"]
    owner_person_name = ProblemForm.base_fields["owner_person_name"]
    due_date = forms.DateField(label=_("Due date"), widget=date_input(), required=False)
    note = forms.CharField(label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, problem: Problem, **kwargs):
        kwargs.setdefault("initial", {
            "owner_unit_name": problem.owner_unit.name if problem.owner_unit else "",
            "owner_person_name": problem.owner_person.name if problem.owner_person else "",
            "due_date": problem.due_date,
        })
        super().__init__(*args, **kwargs)
        self.problem = problem

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner_unit_name", "").strip() and not cleaned.get("owner_person_name", "").strip():
            raise forms.ValidationError(_("Name an owner: a person or a responsible unit."))
        due_date = cleaned.get("due_date")
        if due_date and due_date < self.problem.raised_on:
            self.add_error("due_date", _("The due date cannot be before %(date)s, when the problem was raised.")
                           % {"date": self.problem.raised_on})
        return cleaned

