from django.urls import NoReverseMatch


def absolute_url_or_blank(obj) -> str:
    """obj.get_absolute_url(), or "" while the page it names does not exist (pages come in separately)."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
