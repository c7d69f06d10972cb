"""催办: chase the owner of an overdue problem or follow-up in one click; logged, and told on their channel."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alerts.models import Notification
from meetings.models import FollowUp
from projects.models import Problem

from .models import Chase
from .services import notification_create


def _owner(item):
    person = item.owner_person
    user = getattr(item, "owner_user", None) or (person.user if person is not None else None)
    return user if user is not None and user.is_active else None


def _describe(item) -> tuple[str, object]:
    if isinstance(item, Problem):
        return item.description[:80], item.project
    source = item.requirement or item.problem
    text = item.requirement.text if item.requirement_id else item.problem.description
    return text[:80], source.project


def chase_create(*, user, problem: Problem | None = None, follow_up: FollowUp | None = None) -> Chase:
    """Log the chase and tell the owner; ValidationError (nothing changed) when it cannot be done."""
    item = problem or follow_up
    if not item.is_overdue:
        raise ValidationError(_("Only an overdue item can be chased."))
    owner = _owner(item)
    if owner is None:
        raise ValidationError(_("Its owner has no login to be told; set an owner with a login first."))
    what, project = _describe(item)
    today = timezone.localdate()
    with transaction.atomic():
        try:
            with transaction.atomic():
                chase = Chase.objects.create(
                    problem=problem, follow_up=follow_up, project=project, chased_by=user, owner=owner, day=today
                )
        except IntegrityError:
            raise ValidationError(_("It was chased today already; its owner has been told.")) from None
        with translation.override(settings.LANGUAGE_CODE):
            message = _("催办: %(what)s%(project)s was due on %(due)s. Please deal with it now. — %(who)s") % {
                "what": what,
                "project": f" ({project.name})" if project else "",
                "due": item.due_date.isoformat(),
                "who": user.get_full_name() or user.get_username(),
            }
        notification_create(user_id=owner.pk, kind=Notification.Kind.CHASE, message=message, for_date=today)
    return chase


def chases_between(start: date, end: date) -> dict:
    """How many chases in [start, end], for the weekly report."""
    return Chase.objects.filter(day__gte=start, day__lte=end).aggregate(
        total=Count("pk"),
        problems=Count("pk", filter=Q(problem__isnull=False)),
        follow_ups=Count("pk", filter=Q(follow_up__isnull=False)),
    )
