"""Forms staff fill in for problems, milestones, progress and investment.

Each form checks what a user could get wrong and says so at the field; nothing is saved until it is
valid, and a failed form is shown again with what the user typed.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.uploads import check_upload

from .models import Milestone, Phase, Problem, ProgressReport, Project


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhotoField(forms.FileField):
    """An optional photo, recognised by its content."""

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


class ProblemForm(forms.ModelForm):
    """A problem raised at a meeting or logged on its own. Owners are typed names, found or added on save."""

    owner_unit_name = forms.CharField(
        label=_("Owner unit"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"data-search": "organizations", "autocomplete": "off"}),
    )
    owner_person_name = forms.CharField(
        label=_("Owner"), max_length=50, required=False,
        widget=forms.TextInput(attrs={"data-search": "people", "autocomplete": "off"}),
    )

    class Meta:
        model = Problem
        fields = ("project", "category", "description", "due_date")

    def __init__(self, *args, raised_on: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.raised_on = raised_on
        self.fields["project"].queryset = Project.objects.only("pk", "name")
        self.fields["project"].widget.attrs["data-search"] = "projects"  # a type-ahead with the script
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

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


class ProblemSolveForm(forms.Form):
    solved_on = forms.DateField(label=_("Solved on"), widget=date_input(), initial=timezone.localdate)
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, problem: Problem, **kwargs):
        super().__init__(*args, **kwargs)
        self.problem = problem

    def clean_solved_on(self):
        solved_on = self.cleaned_data["solved_on"]
        if solved_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if solved_on < self.problem.raised_on:
            raise forms.ValidationError(_("The problem cannot be solved before it was raised."))
        return solved_on

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

    def clean_actual_date(self):
        actual_date = self.cleaned_data["actual_date"]
        if actual_date > timezone.localdate():
            raise forms.ValidationError(_("The actual date cannot be in the future."))
        project = self.milestone.project
        start = project.actual_start or project.planned_start
        if start and actual_date < start:
            raise forms.ValidationError(_("The actual date cannot be before the project's start."))
        return actual_date


class MilestoneRescheduleForm(forms.Form):
    planned_date = forms.DateField(label=_("New planned date"), widget=date_input())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, milestone: Milestone, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestone = milestone

    def clean_planned_date(self):
        planned_date = self.cleaned_data["planned_date"]
        if planned_date == self.milestone.planned_date:
            raise forms.ValidationError(_("This is already the planned date."))
        return planned_date


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

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


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

    def clean(self):
        cleaned = super().clean()
        year, month = cleaned.get("year"), cleaned.get("month")
        today = timezone.localdate()
        if year and month and (year, month) > (today.year, today.month):
            self.add_error("month", _("This month has not begun yet."))
        return cleaned


class AttachmentForm(forms.Form):
    file = DocumentField(label=_("File"))

