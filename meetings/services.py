"""Writes for meeting logs: save a whole log at once, confirm it, find or add the people in it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.policy import can
from enterprises.models import Person
from enterprises.services import organization_find_or_create, person_find_or_create
from lib.figures import figures_changed
from projects.services import problem_create, problem_update

from .forms import MeetingLog
from .models import FollowUp, Meeting, Requirement


def _forms_to_save(formset):
    """The formset's filled-in forms; rows ticked for deletion are deleted on the way, blank new rows skipped."""
    for form in formset.forms:
        if not form.cleaned_data or (form.instance.pk is None and not form.has_changed()):
            continue
        if formset._should_delete_form(form):
            if form.instance.pk:
                form.instance.delete()
            continue
        yield form


def _save_attendances(log: MeetingLog, meeting: Meeting) -> None:
    for form in _forms_to_save(log.attendances):
        attendance = form.save(commit=False)
        attendance.meeting = meeting
        data = form.cleaned_data
        attendance.person = data["person"] or person_find_or_create(
            name=data["name"], post=data.get("post", ""), organization_name=data.get("organization_name", "")
        )
        attendance.full_clean(validate_constraints=False)
        attendance.save()


def _save_problems(log: MeetingLog, meeting: Meeting, user) -> None:
    for form in _forms_to_save(log.problems):
        data = form.cleaned_data
        owner_unit = organization_find_or_create(name=data.get("owner_unit_name", ""))
        owner_person = person_find_or_create(name=data.get("owner_person_name", ""))
        if form.instance.pk is None:
            problem_create(
                project=data.get("project"), category=data["category"], description=data["description"],
                meeting=meeting, raised_on=meeting.date, owner_unit=owner_unit, owner_person=owner_person,
                due_date=data.get("due_date"), created_by=user,
            )
        else:
            problem_update(
                problem=form.instance, project=data.get("project"), category=data["category"],
                description=data["description"], due_date=data.get("due_date"), raised_on=meeting.date,
                owner_unit=owner_unit, owner_person=owner_person,
            )


def _save_requirements(log: MeetingLog, meeting: Meeting, user) -> None:
    for form in _forms_to_save(log.requirements):
        data = form.cleaned_data
        requirement: Requirement = form.save(commit=False)
        requirement.meeting = meeting
        requirement.issued_by = _attendee_or_person(meeting, data.get("issued_by_name", ""))
        requirement.full_clean()
        requirement.save()
        owner_person = _attendee_or_person(meeting, data.get("follow_up_owner_name", ""))
        owner_unit = organization_find_or_create(name=data.get("follow_up_unit_name", ""))
        follow_up = requirement.follow_ups.first()
        if data.get("follow_up_due_date") and follow_up is None:
            follow_up_create(
                requirement=requirement, owner_user=user, owner_person=owner_person, owner_unit=owner_unit,
                due_date=data["follow_up_due_date"],
            )
        elif data.get("follow_up_due_date"):
            follow_up_update(
                follow_up=follow_up, owner_person=owner_person, owner_unit=owner_unit,
                due_date=data["follow_up_due_date"],
            )
        elif follow_up is not None:
            follow_up.delete()


def _attendee_or_person(meeting: Meeting, name: str) -> Person | None:
    """A leader named in a requirement is usually at the meeting: prefer the attendee of that name."""
    name = name.strip()
    if not name:
        return None
    attendee = Person.objects.filter(attendances__meeting=meeting, name=name).first()
    return attendee or person_find_or_create(name=name)


def _save_projects_into_this_history_record(meeting: Meeting, form) -> None:
    """Set the visited projects as part of the save just recorded: one history entry per save of the log.

    simple-history records every change of a tracked many-to-many field as a change of its own, so a new
    meeting logged 创建 then 修改. The projects are set without that record, and the record the save just
    wrote gets them instead (it copied the projects as they were before).
    """
    meeting.skip_history_when_saving = True
    try:
        form.save_m2m()
    finally:
        del meeting.skip_history_when_saving
    record = meeting.history.latest()
    snapshot = record.projects.model
    record.projects.all().delete()
    snapshot.objects.bulk_create([
        snapshot(history=record, id=row.id, meeting_id=row.meeting_id, project_id=row.project_id)
        for row in Meeting.projects.through.objects.filter(meeting=meeting)
    ])


@transaction.atomic
def meeting_log_save(*, log: MeetingLog, user) -> Meeting:
    """Save a valid MeetingLog: the meeting, then its people, problems, requirements and follow-ups."""
    meeting = log.form.instance
    if meeting.pk and not can(user, "meeting.edit", meeting):
        raise PermissionDenied
    if meeting.pk is None:
        meeting.author = user
        meeting.status = Meeting.Status.DRAFT
    meeting = log.form.save(commit=False)
    meeting.full_clean()
    meeting.save()
    _save_projects_into_this_history_record(meeting, log.form)
    _save_attendances(log, meeting)
    _save_problems(log, meeting, user)
    _save_requirements(log, meeting, user)
    return meeting


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, user) -> Meeting:
    # Conditional update: two clicks or two tabs confirm once, and the first time stamp stays.
    if not can(user, "meeting.edit", meeting):
        raise PermissionDenied
    changed = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.DRAFT).update(
        status=Meeting.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    if not changed:
        raise ValidationError(_("This meeting log is already confirmed."))
    meeting.refresh_from_db()
    # .update() skips simple-history; record the confirmation as a change of its own.
    meeting.save(update_fields=["status", "confirmed_at"])
    return meeting


# What a follow-up may be changed in; its status and reply change only when it is closed (follow_up_complete).
FOLLOW_UP_EDITABLE = ("requirement", "problem", "owner_person", "owner_unit", "owner_user", "due_date")


@transaction.atomic
def follow_up_create(*, due_date, requirement=None, problem=None, owner_person=None, owner_unit=None,
                     owner_user=None) -> FollowUp:
    """An open 督办 item; it is closed only by follow_up_complete, with what was done."""
    follow_up = FollowUp(
        requirement=requirement, problem=problem, owner_person=owner_person, owner_unit=owner_unit,
        owner_user=owner_user, due_date=due_date,
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, **changes) -> FollowUp:
    unknown = set(changes) - set(FOLLOW_UP_EDITABLE)
    if unknown:
        raise ValidationError(_("A follow-up is closed with its reply, not edited into done: %(fields)s.")
                              % {"fields": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(follow_up, name, value)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, reply: str, user) -> FollowUp:
    """Close a 督办 item with the owner's reply; a second click changes nothing."""
    if not can(user, "follow_up.complete", follow_up):
        raise PermissionDenied
    if not reply.strip():
        raise ValidationError({"reply": _("Say what was done.")})
    changed = FollowUp.objects.filter(pk=follow_up.pk, status=FollowUp.Status.OPEN).update(
        status=FollowUp.Status.DONE, reply=reply.strip(), replied_at=timezone.now(), owner_user=user
    )
    if not changed:
        raise ValidationError(_("This follow-up is already done."))
    figures_changed()  # update() sends no signal
    follow_up.refresh_from_db()
    return follow_up
