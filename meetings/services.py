"""Writes for meeting logs: save a whole log at once, confirm it, find or add the people in it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role, role_of
from enterprises.models import Organization, Person, Position
from projects.services import problem_create

from .forms import MeetingLog
from .models import FollowUp, Meeting, Requirement

EDIT_WINDOW = datetime.timedelta(hours=24)


def can_edit_meeting(user, meeting: Meeting) -> bool:
    """Admins edit any log; staff edit their own drafts, and their confirmed logs for 24 hours."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    if role != Role.STAFF or meeting.author_id != user.pk:
        return False
    if meeting.status == Meeting.Status.DRAFT:
        return True
    return meeting.confirmed_at is not None and timezone.now() - meeting.confirmed_at < EDIT_WINDOW


def organization_find_or_create(*, name: str) -> Organization | None:
    name = name.strip()
    if not name:
        return None
    found = Organization.objects.filter(name=name).order_by("pk").first()
    if found is None:
        found = Organization.objects.filter(short_name=name).order_by("pk").first()
    if found is None:
        # Units owning problems and follow-ups are nearly always government bodies.
        found = Organization(name=name, kind=Organization.Kind.GOVERNMENT)
        found.full_clean()
        found.save()
    return found


def person_find_or_create(*, name: str, post: str = "", organization_name: str = "") -> Person | None:
    """The person on file with this name if exactly one exists and no new post is given; else a new person."""
    name = name.strip()
    if not name:
        return None
    if not post:
        matches = list(Person.objects.filter(name=name)[:2])
        if len(matches) == 1:
            return matches[0]
    person = Person(name=name)
    person.full_clean()
    person.save()
    if post:
        position = Position(
            person=person, title=post.strip(), organization=organization_find_or_create(name=organization_name),
            first_seen=timezone.localdate(), last_seen=timezone.localdate(),
        )
        position.full_clean()
        position.save()
    return person


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
            problem = form.save(commit=False)
            problem.owner_unit, problem.owner_person, problem.raised_on = owner_unit, owner_person, meeting.date
            problem.full_clean()
            problem.save()


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
        if data.get("follow_up_due_date"):
            follow_up = follow_up or FollowUp(requirement=requirement, owner_user=user)
            follow_up.owner_person, follow_up.owner_unit = owner_person, owner_unit
            follow_up.due_date = data["follow_up_due_date"]
            follow_up.full_clean()
            follow_up.save()
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
    if meeting.pk and not can_edit_meeting(user, meeting):
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
    if not can_edit_meeting(user, meeting):
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


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, reply: str, user) -> FollowUp:
    """Close a 督办 item with the owner's reply; a second click changes nothing."""
    if not reply.strip():
        raise ValidationError({"reply": _("Say what was done.")})
    changed = FollowUp.objects.filter(pk=follow_up.pk, status=FollowUp.Status.OPEN).update(
        status=FollowUp.Status.DONE, reply=reply.strip(), replied_at=timezone.now(), owner_user=user
    )
    if not changed:
        raise ValidationError(_("This follow-up is already done."))
    follow_up.refresh_from_db()
    return follow_up
