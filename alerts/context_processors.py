from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread_notifications(request):
    """The unread count for the nav; lazy, so a page that does not show it costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
