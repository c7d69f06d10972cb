"""Reads for the alerts pages, each fetching what its template shows in a fixed number of queries."""

from django.db.models import QuerySet

from .models import Alert, Notification

SUBJECTS = ["project", "milestone", "phase", "problem", "follow_up__requirement", "follow_up__problem"]


def alerts_for_page() -> QuerySet:
    return Alert.objects.select_related(*SUBJECTS).order_by("-severity", "-first_flagged", "-pk")


def notifications_for_page(user) -> QuerySet:
    return (
        Notification.objects.filter(user=user)
        .select_related(*(f"alert__{name}" for name in SUBJECTS))
        .order_by("-created_at", "-pk")
    )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
