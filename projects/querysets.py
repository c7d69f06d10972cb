from django.db import models
from django.utils import timezone


class ProjectQuerySet(models.QuerySet):
    def assigned_to(self, person):
        """Projects an official is currently assigned to (包挂)."""
        return self.filter(assignments__person=person, assignments__ended_on__isnull=True).distinct()


class AssignmentQuerySet(models.QuerySet):
    def current(self):
        """Assignments still running (no end date)."""
        return self.filter(ended_on__isnull=True)


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.filter(actual_date__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(planned_date__lt=today or timezone.localdate())


class ProblemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())
