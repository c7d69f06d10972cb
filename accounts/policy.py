"""Who may do what: the one place that answers "may this user do this (to this object)?".

Pages (through the decorators of `accounts.roles`), the API (`api.permissions.PolicyPermission`), the
templates' buttons (the context processor and the `can` template tag), the services and the admin site
(`accounts.backends.PolicyBackend`) all ask `can(user, action, obj)`; nothing else looks at roles or groups.

The rules, as a zone office works (README "Roles" writes them out as a table):
- officials (领导) read everything, and sign off (销号) solved problems of projects they are assigned to (包挂);
- staff (工作人员) log visits, problems, progress, investment and milestones; they edit their own visit logs
  (drafts, and confirmed logs for 24 hours) and their own progress reports; they work on (reply, solve, reopen,
  escalate, attach) the problems they raised or that are assigned to them (the owner is the person linked to
  their login) or to their unit (an organization they hold a post in); they close follow-ups they follow up,
  own or whose log or problem they may work on;
- admins (管理员, and superusers) do everything, and alone delete, set up the reference data and manage users;
- every logged-in user, even with no role, changes their own password.

To add an action: one entry in RULES (who, and for which objects), then a row per URL or API action in the
test table (tests/policy/table.py).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICIAL = "领导", _("Official")
    STAFF = "工作人员", _("Staff")
    ADMIN = "管理员", _("Administrator")


ALL_ROLES = frozenset(Role)
STRONGEST_FIRST = (Role.ADMIN, Role.STAFF, Role.OFFICIAL)
OFFICIAL, STAFF, ADMIN = Role.OFFICIAL, Role.STAFF, Role.ADMIN
# A confirmed visit log stays editable by its author this long, to correct what was typed in a hurry.
EDIT_WINDOW = datetime.timedelta(hours=24)


def role_of(user) -> Role | None:
    """The strongest role a user holds, or None (anonymous, inactive or no group). Superusers are admins."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    cached = getattr(user, "_xzkf_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((r for r in STRONGEST_FIRST if r.value in names), None)
    user._xzkf_role = role
    return role


def users_who_may(action: str):
    """The active users whose role may do `action` to some object: the choices of a picker of people to act."""
    from django.contrib.auth import get_user_model

    allowed = models.Q(pk__in=[])
    for role in RULES[action].roles:
        allowed |= models.Q(pk__in=users_with_role(role).values("pk"))
    return get_user_model().objects.filter(allowed)


def users_with_role(role: Role):
    """The active users holding `role` as their strongest (superusers count as admins)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    stronger = [r.value for r in STRONGEST_FIRST[: STRONGEST_FIRST.index(role)]]
    holders = users.filter(groups__name=role.value).exclude(groups__name__in=stronger).exclude(is_superuser=True)
    if role == Role.ADMIN:
        return users.filter(models.Q(is_superuser=True) | models.Q(pk__in=holders.values("pk")))
    return holders.distinct()


# --- Who the user is in the zone: the person linked to the login, and that person's units -----------------


def _person_id(user) -> int | None:
    cached = getattr(user, "_xzkf_person_id", False)
    if cached is False:
        try:
            cached = user.person.pk
        except ObjectDoesNotExist:
            cached = None
        user._xzkf_person_id = cached
    return cached


def _unit_ids(user) -> set[int]:
    """The organizations the user's person holds a post in (their unit), read once per request."""
    cached = getattr(user, "_xzkf_units", None)
    if cached is None:
        person_id = _person_id(user)
        cached = set() if person_id is None else set(
            user.person.positions.exclude(organization=None).values_list("organization_id", flat=True)
        )
        user._xzkf_units = cached
    return cached


# --- Object conditions -----------------------------------------------------------------------------------


def _raised_it(user, problem) -> bool:
    return problem.created_by_id == user.pk


def _problem_is_theirs(user, problem) -> bool:
    """Raised by them, assigned to them (the owner is their person) or to their unit."""
    if _raised_it(user, problem):
        return True
    if problem.owner_person_id is not None and problem.owner_person_id == _person_id(user):
        return True
    return problem.owner_unit_id is not None and problem.owner_unit_id in _unit_ids(user)


def _assigned_to_project(user, problem) -> bool:
    """包挂: the official is currently assigned to the problem's project."""
    person_id = _person_id(user)
    if person_id is None or problem.project_id is None:
        return False
    return problem.project.assignments.current().filter(person_id=person_id).exists()


def _own_editable_log(user, meeting) -> bool:
    """Their own log: a draft, or confirmed less than EDIT_WINDOW ago."""
    if meeting.pk is None:
        return True  # a new log is theirs
    if meeting.author_id != user.pk:
        return False
    if meeting.status == "draft":
        return True
    return meeting.confirmed_at is not None and timezone.now() - meeting.confirmed_at < EDIT_WINDOW


def _in_own_log(user, row) -> bool:
    """A row of a visit log (attendance, requirement): as its log."""
    return row.meeting_id is not None and _own_editable_log(user, row.meeting)


def _in_own_log_problem(user, problem) -> bool:
    """A problem raised in a log they may still edit: the log form lets them strike it out as a slip."""
    return problem.meeting_id is not None and _own_editable_log(user, problem.meeting)


def _reported_it(user, report) -> bool:
    return report.pk is None or report.reporter_id == user.pk


def _source_is_theirs(user, follow_up) -> bool:
    """The log or problem the follow-up comes from is one they may work on."""
    if follow_up.requirement_id is not None:
        return _own_editable_log(user, follow_up.requirement.meeting)
    return follow_up.problem_id is not None and _problem_is_theirs(user, follow_up.problem)


def _follows_it_up(user, follow_up) -> bool:
    """They follow it up (named on it, as login, person or unit), or its log or problem is theirs."""
    if follow_up.owner_user_id == user.pk:
        return True
    if follow_up.owner_person_id is not None and follow_up.owner_person_id == _person_id(user):
        return True
    if follow_up.owner_unit_id is not None and follow_up.owner_unit_id in _unit_ids(user):
        return True
    return _source_is_theirs(user, follow_up)


# --- The rules -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Which roles may; for some roles, only on objects meeting a condition (`when`, by role)."""

    description: str
    roles: frozenset = frozenset()
    when: dict[Role, Callable] = field(default_factory=dict)
    any_login: bool = False  # every logged-in user, even with no role


RULES: dict[str, Rule] = {
    "account.password": Rule("Change one's own password", any_login=True),
    "view": Rule("Read every page, list, export and the API's GETs", ALL_ROLES),
    "log": Rule("Open the logging pages (visits, problems, progress, investment, uploads)", frozenset({STAFF, ADMIN})),
    "administer": Rule(
        "Administration site, bulletin import, reference data (organizations, people, projects and their set-up, "
        "assignments), users; delete anything", frozenset({ADMIN}),
    ),
    "meeting.create": Rule("Log a visit or meeting", frozenset({STAFF, ADMIN})),
    "meeting.edit": Rule(
        "Edit or confirm a visit log and its attendances and requirements", frozenset({STAFF, ADMIN}),
        {STAFF: _own_editable_log},
    ),
    "meeting.row_edit": Rule(
        "Add or change an attendance or requirement of a log", frozenset({STAFF, ADMIN}), {STAFF: _in_own_log},
    ),
    "problem.create": Rule("Add a problem to the list", frozenset({STAFF, ADMIN})),
    "problem.edit": Rule(
        "Change a problem's description, owner or due date", frozenset({STAFF, ADMIN}), {STAFF: _raised_it},
    ),
    "problem.work": Rule(
        "Reply to, solve, reopen, escalate a problem or attach a file to it", frozenset({STAFF, ADMIN}),
        {STAFF: _problem_is_theirs},
    ),
    "problem.delete": Rule(
        "Delete a problem (staff: one raised in a log they may still edit)", frozenset({STAFF, ADMIN}),
        {STAFF: _in_own_log_problem},
    ),
    "problem.sign_off": Rule(
        "Sign off (销号) a solved problem", frozenset({OFFICIAL, ADMIN}), {OFFICIAL: _assigned_to_project},
    ),
    "follow_up.edit": Rule(
        "Add or change a follow-up (督办) of a requirement or problem", frozenset({STAFF, ADMIN}),
        {STAFF: _source_is_theirs},
    ),
    "follow_up.complete": Rule(
        "Close a follow-up, saying what was done", frozenset({STAFF, ADMIN}), {STAFF: _follows_it_up},
    ),
    "milestone.record": Rule("Record a milestone reached, or move its planned date", frozenset({STAFF, ADMIN})),
    "progress.create": Rule("Report a project's progress", frozenset({STAFF, ADMIN})),
    "progress.edit": Rule("Correct a progress report", frozenset({STAFF, ADMIN}), {STAFF: _reported_it}),
    "investment.record": Rule(
        "Set a project's annual investment plan and record a month's investment", frozenset({STAFF, ADMIN}),
    ),
    "plan.edit": Rule(
        "Edit a project's plan: add, change, reorder or remove milestones, apply a template", frozenset({STAFF, ADMIN}),
    ),
    "chase": Rule("Chase (催办) the owner of an overdue problem or follow-up", frozenset({STAFF, ADMIN})),
    "instruct": Rule("Write an instruction (批示) on a project or problem", frozenset({OFFICIAL, ADMIN})),
    "attachment.upload": Rule("Upload a photo or document to a project or meeting", frozenset({STAFF, ADMIN})),
}


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` (to `obj`)? Without `obj`: may they do it to some object (the door is open)."""
    rule = RULES[action]  # an unknown action is a programming error, not a refusal
    if rule.any_login:
        return user is not None and user.is_authenticated and user.is_active
    role = role_of(user)
    if role not in rule.roles:
        return False
    condition = rule.when.get(role)
    return obj is None or condition is None or condition(user, obj)


def role_label(user) -> str:
    role = role_of(user)
    return role.label if role is not None else ""
