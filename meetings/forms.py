"""The one-page meeting log: the meeting, who was there, the problems raised, the requirements issued.

People are picked by name with type-ahead (a hidden id is filled in when one is chosen) or typed new
with their post and organization; they are created only when the whole page is valid and saved.
"""

import datetime

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from enterprises.models import Person
from lib.pickers import SearchMultipleField, share_labels
from projects.forms import ProblemForm, date_input, name_input, project_field
from projects.models import Problem, Project

from .models import Attendance, Meeting, Requirement

MAX_ROWS = 60


class MeetingForm(forms.ModelForm):
    projects = SearchMultipleField(
        Project.objects.only("pk", "name"), search_url="projects:search", label=_("Projects visited"), required=False,
    )

    class Meta:
        model = Meeting
        fields = ("kind", "date", "part_of_day", "location", "title", "projects", "summary")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = date_input()
        self.fields["summary"].widget = forms.Textarea(attrs={"rows": 4})


class AttendanceForm(forms.ModelForm):
    person = forms.ModelChoiceField(queryset=Person.objects.all(), required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=50, required=False,
                           widget=name_input("meetings:people_search"))
    post = forms.CharField(label=_("Post (if new)"), max_length=100, required=False)
    organization_name = forms.CharField(label=_("Organization (if new)"), max_length=200, required=False)

    class Meta:
        model = Attendance
        fields = ("person", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The script fills the hidden person id when a name is picked, and clears it when the name is retyped.
        self.fields["name"].widget.attrs["data-id-input"] = self["person"].auto_id
        if self.instance.pk:
            self.fields["name"].initial = self.instance.person.name

    def clean(self):
        cleaned = super().clean()
        person, name = cleaned.get("person"), (cleaned.get("name") or "").strip()
        if person and name and person.name != name:
            # The name was edited after a person was picked: the typed name wins.
            person = None
        if person is None and name and not cleaned.get("post"):
            # Without type-ahead (no script), an unambiguous name still finds the person on file.
            matches = list(Person.objects.filter(name=name)[:2])
            person = matches[0] if len(matches) == 1 else None
        if person is None and not name:
            self.add_error("name", _("Pick a person or type a new name."))
        cleaned["person"], cleaned["name"] = person, name
        return cleaned

    @property
    def identity(self):
        """What makes two rows the same person: the record, or the name of someone new."""
        person = self.cleaned_data.get("person")
        return ("pk", person.pk) if person else ("new", self.cleaned_data.get("name"))


class SharedChoicesFormSet(BaseInlineFormSet):
    """Select fields read their choices, and pickers their labels, once per formset, not once per row (and the empty
    row is built once)."""

    shared_choice_fields: tuple[str, ...] = ()
    picker_fields: tuple[str, ...] = ()

    @cached_property
    def forms(self):
        forms = super().forms
        for name in self.picker_fields:
            share_labels(forms, name)
        return forms

    def _share_choices(self, form):
        cache = self.__dict__.setdefault("_choice_cache", {})
        for name in self.shared_choice_fields:
            if name not in cache:
                cache[name] = list(form.fields[name].choices)
            form.fields[name].choices = cache[name]
        return form

    def _construct_form(self, i, **kwargs):
        return self._share_choices(super()._construct_form(i, **kwargs))

    @cached_property
    def empty_form(self):
        return self._share_choices(super().empty_form)


class ProblemFormSet(SharedChoicesFormSet):
    shared_choice_fields = ("category",)
    picker_fields = ("project",)


class BaseRequirementFormSet(SharedChoicesFormSet):
    picker_fields = ("project",)


class BaseAttendanceFormSet(BaseInlineFormSet):
    def clean(self):
        # Before the model's unique check, so the message lands on the row's name field.
        seen = set()
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or self._should_delete_form(form):
                continue
            if form.identity in seen:
                form.add_error("name", _("This person is already listed in this meeting."))
            seen.add(form.identity)
        super().clean()


AttendanceFormSet = inlineformset_factory(
    Meeting, Attendance, form=AttendanceForm, formset=BaseAttendanceFormSet, extra=2, max_num=MAX_ROWS,
    validate_max=True, can_delete=True,
)


MeetingProblemFormSet = inlineformset_factory(
    Meeting, Problem, form=ProblemForm, formset=ProblemFormSet, fk_name="meeting", extra=1, max_num=MAX_ROWS,
    validate_max=True,
    can_delete=True,
)


class RequirementForm(forms.ModelForm):
    """A requirement a leader issued, with an optional 督办 follow-up (owner and due date)."""

    project = project_field(required=False)
    issued_by_name = forms.CharField(label=_("Issued by"), max_length=50, required=False,
                                     widget=name_input("meetings:people_search"))
    follow_up_owner_name = forms.CharField(label=_("Follow-up owner"), max_length=50, required=False,
                                           widget=name_input("meetings:people_search"))
    follow_up_unit_name = forms.CharField(label=_("Follow-up owner unit"), max_length=200, required=False,
                                          widget=name_input("meetings:organizations_search"))
    follow_up_due_date = forms.DateField(label=_("Follow-up due date"), required=False, widget=date_input())

    class Meta:
        model = Requirement
        fields = ("project", "text")

    def __init__(self, *args, meeting_date: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting_date = meeting_date
        self.fields["text"].widget = forms.Textarea(attrs={"rows": 2})
        if self.instance.pk:
            self.fields["issued_by_name"].initial = self.instance.issued_by.name if self.instance.issued_by else ""
            follow_up = next(iter(self.instance.follow_ups.all()), None)
            if follow_up:
                self.fields["follow_up_owner_name"].initial = (
                    follow_up.owner_person.name if follow_up.owner_person else ""
                )
                self.fields["follow_up_unit_name"].initial = follow_up.owner_unit.name if follow_up.owner_unit else ""
                self.fields["follow_up_due_date"].initial = follow_up.due_date

    def clean_follow_up_due_date(self):
        due_date = self.cleaned_data.get("follow_up_due_date")
        if due_date and self.meeting_date and due_date < self.meeting_date:
            raise forms.ValidationError(
                _("The due date cannot be before the meeting (%(date)s).") % {"date": self.meeting_date}
            )
        return due_date

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("follow_up_owner_name") or cleaned.get("follow_up_unit_name")
        if owner and not cleaned.get("follow_up_due_date") and "follow_up_due_date" not in self.errors:
            self.add_error("follow_up_due_date", _("A follow-up needs a due date."))
        if cleaned.get("follow_up_due_date") and not owner:
            self.add_error("follow_up_owner_name", _("A follow-up needs an owner or an owner unit."))
        return cleaned


RequirementFormSet = inlineformset_factory(
    Meeting, Requirement, form=RequirementForm, formset=BaseRequirementFormSet, extra=1, max_num=MAX_ROWS,
    validate_max=True, can_delete=True,
)


class MeetingLog:
    """The meeting form and its three formsets, bound together so the page validates as one."""

    def __init__(self, data=None, *, instance: Meeting | None = None, projects=()):
        """`projects`: the projects a new log starts with (opened from a project's page)."""
        instance = instance or Meeting()
        # A new log is dated today: visits are logged the same day.
        initial = {} if instance.pk else {"date": timezone.localdate(), "projects": list(projects)}
        self.form = MeetingForm(data, instance=instance, initial=initial)
        meeting_date = instance.date
        if data is not None and self.form.is_valid():
            meeting_date = self.form.cleaned_data["date"]
        # Problems are raised at the meeting, so their due dates are judged against its date.
        self.attendances = AttendanceFormSet(
            data, instance=instance, prefix="attendances",
            queryset=Attendance.objects.filter(meeting=instance).select_related("person")
            if instance.pk else Attendance.objects.none(),
        )
        # A log opened from one project's page: its problems and requirements are that project's to begin with.
        row_initial = {"initial": {"project": projects[0]}} if len(projects) == 1 and not instance.pk else {}
        self.problems = MeetingProblemFormSet(
            data, instance=instance, prefix="problems", form_kwargs={"raised_on": meeting_date, **row_initial},
            queryset=Problem.objects.filter(meeting=instance).select_related("owner_unit", "owner_person")
            if instance.pk else Problem.objects.none(),
        )
        self.requirements = RequirementFormSet(
            data, instance=instance, prefix="requirements", form_kwargs={"meeting_date": meeting_date, **row_initial},
            queryset=Requirement.objects.filter(meeting=instance).select_related("issued_by").prefetch_related(
                "follow_ups__owner_person", "follow_ups__owner_unit"
            )
            if instance.pk else Requirement.objects.none(),
        )

    @property
    def formsets(self):
        return [self.attendances, self.problems, self.requirements]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *[formset.is_valid() for formset in self.formsets]])
