"""Find or add the organizations and people a log, a problem or an imported bulletin names: the one place they
are made, with the one way names are compared (`name_key`)."""

import unicodedata

from django.db import transaction
from django.utils import timezone

from .models import Organization, Person, Position


def name_key(name: str | None) -> str:
    """A name as compared: NFKC (full-width brackets become half-width) without white space."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


@transaction.atomic
def organization_find_or_create(*, name: str, kind: str = Organization.Kind.GOVERNMENT) -> Organization | None:
    """The organization of this name or short name, else a new one of `kind`.

    Typed on a form, a unit owning a problem or a follow-up is nearly always a government body: the default kind.
    """
    key = name_key(name)
    if not key:
        return None
    found = Organization.objects.filter(name__in={key, name.strip()}).order_by("pk").first()
    if found is None:
        found = Organization.objects.filter(short_name__in={key, name.strip()}).order_by("pk").first()
    return found or organization_create(name=name, kind=kind)


def organization_create(*, name: str, kind: str) -> Organization:
    organization = Organization(name=name.strip(), kind=kind)
    organization.full_clean()
    organization.save()
    return organization


def person_create(*, name: str) -> Person:
    person = Person(name=name.strip())
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_find_or_create(*, name: str, post: str = "", organization_name: str = "") -> Person | None:
    """The person on file with this name if exactly one exists and no new post is given; else a new person."""
    key = name_key(name)
    if not key:
        return None
    if not post:
        matches = list(Person.objects.filter(name__in={key, name.strip()})[:2])
        if len(matches) == 1:
            return matches[0]
    person = person_create(name=name)
    if post:
        position = Position(
            person=person, title=post.strip(), organization=organization_find_or_create(name=organization_name),
            first_seen=timezone.localdate(), last_seen=timezone.localdate(),
        )
        position.full_clean()
        position.save()
    return person
