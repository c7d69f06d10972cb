"""批示: an official's instruction becomes a requirement with an owner and a deadline (a follow-up)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alerts.models import Notification
from enterprises.models import Person
from meetings.models import FollowUp, Meeting, Requirement

from .models import Instruction
from .services import notification_create


@transaction.atomic
def instruction_create(
    *, user, text: str, due_date: date, project, problem=None, owner_person: Person | None = None, owner_user=None
) -> Instruction:
    """Record the instruction and tell its owner; ValidationError (nothing written) when it cannot stand."""
    official = Person.objects.filter(user=user).first()
    if official is None:
        raise ValidationError(_("Your account is not linked to a person, so the instruction could bear no name."))
    if not text.strip():
        raise ValidationError({"text": _("Write the instruction.")})
    if owner_person is None and owner_user is None:
        raise ValidationError(_("Name who carries it out: an owner, a staff member, or both."))
    today = timezone.localdate()
    if due_date < today:
        raise ValidationError({"due_date": _("The deadline cannot be in the past.")})
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Instruction (批示) of %(name)s") % {"name": official.name}
    record = Meeting(
        kind=Meeting.Kind.OTHER, date=today, title=title, author=user, status=Meeting.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    record.full_clean()
    record.save()
    record.projects.add(project)
    requirement = Requirement.objects.create(meeting=record, issued_by=official, project=project, text=text.strip())
    follow_up = FollowUp(requirement=requirement, owner_person=owner_person, owner_user=owner_user, due_date=due_date)
    follow_up.full_clean()
    follow_up.save()
    instruction = Instruction.objects.create(official=user, project=project, problem=problem, follow_up=follow_up)
    told = {owner_user, owner_person.user if owner_person else None} - {None}
    with translation.override(settings.LANGUAGE_CODE):
        message = _("%(name)s's instruction (批示) on %(project)s, due %(due)s: %(text)s") % {
            "name": official.name, "project": project.name, "due": due_date.isoformat(), "text": text.strip()
        }
    for owner in told:
        if owner.is_active:
            notification_create(user_id=owner.pk, kind=Notification.Kind.DIRECTIVE, message=message, for_date=today)
    return instruction
