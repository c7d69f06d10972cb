from celery.result import EagerResult
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import admin_required, view_required

from .filters import AlertFilter, NotificationFilter
from .selectors import alerts_for_page, notifications_for_page
from .services import notification_mark_read, notification_text
from .tasks import flag_lagging

PAGE_SIZE = 50


@view_required
@require_GET
def alert_list(request):
    alert_filter = AlertFilter(request.GET, queryset=alerts_for_page(), request=request)
    page = Paginator(alert_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "alerts/alert_list.html", {"filter": alert_filter, "page": page})


@view_required
@require_GET
def notification_list(request):
    notification_filter = NotificationFilter(request.GET, queryset=notifications_for_page(request.user))
    page = Paginator(notification_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(notification, notification_text(notification)) for notification in page]
    return render(request, "alerts/notification_list.html", {"filter": notification_filter, "page": page, "rows": rows})


@view_required
@require_POST
def notification_read(request, pk):
    # Someone else's notification answers 404 like a missing one: its existence is not ours to reveal.
    marked = notification_mark_read(user=request.user, notification_id=pk)
    if not marked and not notifications_for_page(request.user).filter(pk=pk).exists():
        raise Http404
    return redirect("alerts:notifications")


@view_required
@require_POST
def notification_read_all(request):
    count = notification_mark_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        % {"count": count}
        if count
        else _("Nothing unread."),
    )
    return redirect("alerts:notifications")


@admin_required
@require_POST
def scan_start(request):
    """Run the lag scan now: in this process on the embedded default, on a worker when Celery has a broker."""
    result = flag_lagging.delay()
    if not isinstance(result, EagerResult):  # queued: a worker runs it
        messages.success(request, _("The lag scan has started on a worker; reload the overview in a minute."))
    elif (counts := result.get()) is None:
        messages.warning(request, _("A lag scan is already running; it was not started twice."))
    else:
        messages.success(request, _(
            "Lag scan done: %(flagged)d flagged, %(escalated)d escalated, %(resolved)d resolved, %(open)d open."
        ) % counts)
    return redirect("dashboard:overview")
