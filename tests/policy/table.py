"""The access policy written out by hand: who gets which answer, for every page and every API action.

Not read from the code it tests. The columns are always, in this order:

    anonymous, outsider (logged in, no role), official (assigned 包挂 to the scene's project), other_official,
    staff (wrote the log, raised the problems, reported the progress, follows up), other_staff, admin

Allowed answers are exact: 200 (page or read), 201 (created), 204 (deleted), 302 (a page's step done, or a
redirect); refused is 403; an anonymous visitor of a page is sent to log in (302 to the login page), of the
API asked for credentials (401); 404 only where the object is hidden on purpose (another user's notification);
405 where the API has no such method. A URL (tests/policy/test_pages.py) or an API action
(tests/policy/test_api.py) missing here fails the suite: add its row when you add it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import MilestoneTemplate


@dataclass(frozen=True)
class Case:
    method: str
    expect: tuple[int, int, int, int, int, int, int]
    obj: str | None = None  # the scene's object named in the URL
    data: Callable | None = None  # the scene → a valid body


def days(n):
    return datetime.timedelta(days=n)


# --- Pages ---------------------------------------------------------------------------------------------
#                       anon outsider official other_off staff other_staff admin
READ =                  (302, 403,     200,     200,      200,  200,        200)  # noqa: E222
LOGGING =               (302, 403,     403,     403,      200,  200,        200)  # noqa: E222
ANY_STAFF_STEP =        (302, 403,     403,     403,      302,  302,        302)  # noqa: E222
OWN_STEP =              (302, 403,     403,     403,      302,  403,        302)  # noqa: E222
SIGN_OFF =              (302, 403,     302,     403,      403,  403,        302)  # noqa: E222
ANY_LOGIN =             (302, 200,     200,     200,      200,  200,        200)  # noqa: E222

PAGES: dict[tuple[str, str], Case] = {
    ("healthz", "GET"): Case("GET", (200, 200, 200, 200, 200, 200, 200)),  # public, for the process supervisor
    ("readyz", "GET"): Case("GET", (200, 200, 200, 200, 200, 200, 200)),  # public, for the load balancer
    ("favicon", "GET"): Case("GET", (301, 301, 301, 301, 301, 301, 301)),  # public, to the static file
    ("accounts:password_change", "GET"): Case("GET", ANY_LOGIN),
    ("accounts:password_change_done", "GET"): Case("GET", ANY_LOGIN),
    ("projects:list", "GET"): Case("GET", READ),
    ("projects:search", "GET"): Case("GET", READ),
    ("projects:officials_search", "GET"): Case("GET", READ),
    ("projects:detail", "GET"): Case("GET", READ, "project"),
    ("projects:history", "GET"): Case("GET", READ, "project"),
    ("projects:investment", "GET"): Case("GET", READ, "project"),
    ("projects:investment", "POST"): Case("POST", ANY_STAFF_STEP, "project", lambda s: {
        "month-year": s.today.year, "month-month": 1, "month-amount_wan": "12"}),
    ("projects:attachment_download", "GET"): Case("GET", READ, "attachment"),
    ("projects:attachment_upload", "GET"): Case("GET", LOGGING, "project"),
    ("projects:progress_create", "GET"): Case("GET", LOGGING, "project"),
    ("projects:progress_create", "POST"): Case("POST", ANY_STAFF_STEP, "project", lambda s: {
        "date": s.today, "percent_complete": "45", "statement": "主体施工"}),
    ("projects:milestone_reached", "GET"): Case("GET", LOGGING, "milestone"),
    ("projects:milestone_reached", "POST"): Case("POST", ANY_STAFF_STEP, "milestone", lambda s: {
        "actual_date": s.today}),
    ("projects:milestone_reschedule", "GET"): Case("GET", LOGGING, "milestone"),
    # The plan: any staff member and admins.
    ("projects:plan", "GET"): Case("GET", LOGGING, "project"),
    ("projects:plan", "POST"): Case("POST", ANY_STAFF_STEP, "project", lambda s: {
        "name": "设备安装", "planned_date": s.today + days(60)}),
    ("projects:plan_apply_template", "POST"): Case("POST", ANY_STAFF_STEP, "project", lambda s: {
        "template": MilestoneTemplate.objects.order_by("pk").first().pk, "start": s.today,
        "end": s.today + days(300)}),
    ("projects:milestone_edit", "GET"): Case("GET", LOGGING, "milestone"),
    ("projects:milestone_edit", "POST"): Case("POST", ANY_STAFF_STEP, "milestone", lambda s: {
        "name": "主体结构封顶", "planned_date": s.milestone.planned_date}),
    ("projects:milestone_move", "POST"): Case("POST", ANY_STAFF_STEP, "milestone", lambda s: {"direction": "up"}),
    ("projects:milestone_delete", "POST"): Case("POST", ANY_STAFF_STEP, "milestone"),
    # A document has no thumbnail: there is nothing to show, whoever asks.
    ("projects:attachment_thumbnail", "GET"): Case("GET", (302, 403, 404, 404, 404, 404, 404), "attachment"),
    ("projects:problem_list", "GET"): Case("GET", READ),
    ("projects:problem_detail", "GET"): Case("GET", READ, "problem"),
    ("projects:problem_create", "GET"): Case("GET", LOGGING),
    ("projects:problem_create", "POST"): Case("POST", ANY_STAFF_STEP, None, lambda s: {
        "project": s.project.pk, "category": s.category.pk, "description": "环评待批"}),
    # A problem's steps: the staff who raised it (or own it, or whose unit owns it) and admins.
    ("projects:problem_reply", "POST"): Case("POST", OWN_STEP, "problem", lambda s: {
        "text": "已协调", "date": s.today}),
    ("projects:problem_solve", "POST"): Case("POST", OWN_STEP, "problem", lambda s: {
        "resolution": "已增容", "solved_on": s.today}),
    ("projects:problem_escalate", "POST"): Case("POST", OWN_STEP, "problem", lambda s: {"meeting": s.coordination.pk}),
    ("projects:problem_attach", "POST"): Case("POST", OWN_STEP, "problem", lambda s: {
        "file": SimpleUploadedFile("批复.pdf", b"%PDF-1.4 scene", content_type="application/pdf")}),
    # A new owner or deadline: the staff who raised it, and admins.
    ("projects:problem_reassign", "POST"): Case("POST", OWN_STEP, "problem", lambda s: {
        "owner_person_name": "场景联系人", "owner_unit_name": "", "due_date": s.today + days(10), "note": ""}),
    ("projects:problem_reopen", "POST"): Case("POST", OWN_STEP, "solved", lambda s: {"text": "未落实"}),
    # 销号: the official assigned to the project, and admins.
    ("projects:problem_sign_off", "POST"): Case("POST", SIGN_OFF, "solved", lambda s: {"note": "同意销号"}),
    ("enterprises:organization_list", "GET"): Case("GET", READ),
    ("enterprises:organization_detail", "GET"): Case("GET", READ, "unit"),
    ("enterprises:person_detail", "GET"): Case("GET", READ, "person"),
    ("meetings:list", "GET"): Case("GET", READ),
    ("meetings:detail", "GET"): Case("GET", READ, "meeting"),
    ("meetings:create", "GET"): Case("GET", LOGGING),
    # The log's author (a draft, or confirmed less than 24 hours ago) and admins.
    ("meetings:edit", "GET"): Case("GET", (302, 403, 403, 403, 200, 403, 200), "meeting"),
    ("meetings:confirm", "POST"): Case("POST", OWN_STEP, "meeting"),
    # Who follows it up (login, person or unit), whoever may work on its log or problem, and admins.
    ("meetings:follow_up_done", "POST"): Case("POST", OWN_STEP, "follow_up", lambda s: {"reply": "已排定计划"}),
    ("meetings:attachment_upload", "GET"): Case("GET", LOGGING, "meeting"),
    ("meetings:people_search", "GET"): Case("GET", LOGGING),
    ("meetings:organizations_search", "GET"): Case("GET", READ),
    ("bulletins:list", "GET"): Case("GET", READ),
    ("bulletins:detail", "GET"): Case("GET", READ, "bulletin"),
    ("search:results", "GET"): Case("GET", READ),
    ("alerts:list", "GET"): Case("GET", READ),
    ("alerts:notifications", "GET"): Case("GET", READ),
    # The scene's notification is staff's: to anyone else it does not exist.
    ("alerts:notification_read", "POST"): Case("POST", (302, 403, 404, 404, 302, 404, 404), "notification"),
    ("alerts:notification_read_all", "POST"): Case("POST", (302, 403, 302, 302, 302, 302, 302)),
    # Start the daily lag scan now: admins, from the overview.
    ("alerts:scan", "POST"): Case("POST", (302, 403, 403, 403, 403, 403, 302)),
    # Channels, digest, 催办 and 批示 (notify): one's own channel and digest; the send log is the admins'.
    ("notify:preferences", "GET"): Case("GET", READ),
    ("notify:digest_now", "POST"): Case("POST", (302, 403, 302, 302, 302, 302, 302)),
    ("notify:send_log", "GET"): Case("GET", (302, 403, 403, 403, 403, 403, 200)),
    ("notify:resend", "POST"): Case("POST", (302, 403, 403, 403, 403, 403, 302), "delivery"),
    ("notify:chase_problem", "POST"): Case("POST", ANY_STAFF_STEP, "problem"),
    ("notify:chase_follow_up", "POST"): Case("POST", ANY_STAFF_STEP, "follow_up"),
    # 批示: officials (any, not only the assigned one) and admins; staff chase instead.
    ("notify:instruct_project", "GET"): Case("GET", (302, 403, 200, 200, 403, 403, 200), "project"),
    ("notify:instruct_problem", "GET"): Case("GET", (302, 403, 200, 200, 403, 403, 200), "problem"),
    ("dashboard:overview", "GET"): Case("GET", READ),
    ("dashboard:me", "GET"): Case("GET", READ),
    ("dashboard:weekly_report", "GET"): Case("GET", READ),
    ("dashboard:weekly_report_docx", "GET"): Case("GET", READ),
    ("dashboard:weekly_report_pdf", "GET"): Case("GET", READ),
    ("dashboard:monthly_report", "GET"): Case("GET", READ),
    ("dashboard:monthly_report_docx", "GET"): Case("GET", READ),
    ("dashboard:monthly_report_pdf", "GET"): Case("GET", READ),
}

# The admin site and the bulletin import in it: admins only (the others are sent to the admin's login page).
ADMIN_SITE: dict[tuple[str, str], Case] = {
    ("admin:index", "GET"): Case("GET", (302, 302, 302, 302, 302, 302, 200)),
    ("admin:bulletins_bulletin_import", "GET"): Case("GET", (302, 302, 302, 302, 302, 302, 200)),
    ("admin:auth_user_changelist", "GET"): Case("GET", (302, 302, 302, 302, 302, 302, 200)),
}


# --- API -----------------------------------------------------------------------------------------------
#                       anon outsider official other_off staff other_staff admin
READ_API =              (401, 403,     200,     200,      200,  200,        200)  # noqa: E222
NO_SUCH_METHOD =        (401, 403,     405,     405,      405,  405,        405)  # noqa: E222
ADMIN_CREATES =         (401, 403,     403,     403,      403,  403,        201)  # noqa: E222
ADMIN_CHANGES =         (401, 403,     403,     403,      403,  403,        200)  # noqa: E222
ADMIN_DELETES =         (401, 403,     403,     403,      403,  403,        204)  # noqa: E222
STAFF_CREATE =          (401, 403,     403,     403,      201,  201,        201)  # noqa: E222
STAFF_CHANGE =          (401, 403,     403,     403,      200,  200,        200)  # noqa: E222
OWN_CREATE =            (401, 403,     403,     403,      201,  403,        201)  # noqa: E222
OWN_CHANGE =            (401, 403,     403,     403,      200,  403,        200)  # noqa: E222
OWN_DELETE =            (401, 403,     403,     403,      204,  403,        204)  # noqa: E222
SIGN_OFF_API =          (401, 403,     200,     403,      403,  403,        200)  # noqa: E222


def admin_resource(obj, create, update, patch) -> dict[str, Case]:
    """Reference data: everyone reads, admins write."""
    return {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, obj),
        "create": Case("POST", ADMIN_CREATES, None, create), "update": Case("PUT", ADMIN_CHANGES, obj, update),
        "partial_update": Case("PATCH", ADMIN_CHANGES, obj, patch), "destroy": Case("DELETE", ADMIN_DELETES, obj),
    }


def read_only(obj) -> dict[str, Case]:
    return {"list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, obj),
            "create": Case("POST", NO_SUCH_METHOD, None, lambda s: {})}


API: dict[str, dict[str, Case]] = {
    "organizations": admin_resource(
        "unit", lambda s: {"name": "新建单位", "kind": "enterprise"},
        lambda s: {"name": "改名单位", "kind": "enterprise"}, lambda s: {"industry": "光伏"}),
    "people": admin_resource(
        "person", lambda s: {"name": "新人"}, lambda s: {"name": "改名"}, lambda s: {"notes": "备注"}),
    "positions": admin_resource(
        "position", lambda s: {"person": s.person.pk, "title": "副总经理"},
        lambda s: {"person": s.person.pk, "organization": s.unit.pk, "title": "董事长"}, lambda s: {"title": "董事"}),
    "projects": admin_resource(
        "project", lambda s: {"name": "新建项目"}, lambda s: {"name": "改名项目"}, lambda s: {"industry": "新能源"}),
    "phases": admin_resource(
        "phase", lambda s: {"project": s.project.pk, "name": "二期"},
        lambda s: {"project": s.project.pk, "name": "首期"}, lambda s: {"batches": 2}),
    "capacities": admin_resource(
        "capacity", lambda s: {"project": s.project.pk, "value": "10", "unit": "MW"},
        lambda s: {"project": s.project.pk, "value": "6", "unit": "GW"}, lambda s: {"product": "组件"}),
    "milestones": {
        **admin_resource(
            "milestone", lambda s: {"project": s.project.pk, "name": "竣工", "planned_date": s.today + days(90)},
            lambda s: {"project": s.project.pk, "name": "主体封顶", "planned_date": s.today + days(40),
                       "reschedule_reason": "供地延后"},
            lambda s: {"note": "备注"}),
        # Recording a milestone is any staff member's, as on its page.
        "reach": Case("POST", STAFF_CHANGE, "milestone", lambda s: {"actual_date": s.today}),
        "reschedule": Case("POST", STAFF_CHANGE, "milestone", lambda s: {
            "planned_date": s.today + days(60), "reason": "设备到货延迟"}),
    },
    "assignments": admin_resource(
        "assignment", lambda s: {"person": s.person.pk, "project": s.project.pk},
        lambda s: {"person": s.leader.pk, "project": s.project.pk, "role": "lead"}, lambda s: {"role": "liaison"}),
    "progress-reports": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "progress"),
        "create": Case("POST", STAFF_CREATE, None, lambda s: {
            "project": s.project.pk, "date": s.today, "percent_complete": "50"}),
        # Its reporter corrects it; nobody but admins deletes it (no page does).
        "update": Case("PUT", OWN_CHANGE, "progress", lambda s: {
            "project": s.project.pk, "date": s.today, "percent_complete": "45"}),
        "partial_update": Case("PATCH", OWN_CHANGE, "progress", lambda s: {"statement": "主体完工"}),
        "destroy": Case("DELETE", ADMIN_DELETES, "progress"),
    },
    # Investment figures are the project's: any staff member records or corrects them, as on the page.
    "annual-plans": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "plan"),
        "create": Case("POST", STAFF_CREATE, None, lambda s: {
            "project": s.project.pk, "year": s.today.year + 1, "planned_investment": "500"}),
        "update": Case("PUT", STAFF_CHANGE, "plan", lambda s: {
            "project": s.project.pk, "year": s.today.year, "planned_investment": "2000"}),
        "partial_update": Case("PATCH", STAFF_CHANGE, "plan", lambda s: {"planned_investment": "3000"}),
        "destroy": Case("DELETE", ADMIN_DELETES, "plan"),
    },
    "investment-reports": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "investment"),
        "create": Case("POST", STAFF_CREATE, None, lambda s: {
            "project": s.project.pk, "year": s.today.year - 1, "month": 12, "amount": "30"}),
        "update": Case("PUT", STAFF_CHANGE, "investment", lambda s: {
            "project": s.project.pk, "year": s.today.year, "month": 1, "amount": "20"}),
        "partial_update": Case("PATCH", STAFF_CHANGE, "investment", lambda s: {"amount": "25"}),
        "destroy": Case("DELETE", ADMIN_DELETES, "investment"),
    },
    "problems": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "problem"),
        "create": Case("POST", STAFF_CREATE, None, lambda s: {
            "project": s.project.pk, "category": s.category.pk, "description": "环评待批"}),
        # The entry: who raised it. Its steps: who raised it, owns it or whose unit owns it.
        "update": Case("PUT", OWN_CHANGE, "problem", lambda s: {
            "project": s.project.pk, "category": s.category.pk, "description": "用电容量不足"}),
        "partial_update": Case("PATCH", OWN_CHANGE, "problem", lambda s: {"due_date": s.today + days(10)}),
        # Struck out of a log its author may still edit, as the log form does; otherwise admins only.
        "destroy": Case("DELETE", OWN_DELETE, "problem"),
        "reply": Case("POST", OWN_CHANGE, "problem", lambda s: {"text": "已对接供电公司"}),
        "solve": Case("POST", OWN_CHANGE, "problem", lambda s: {"resolution": "已增容", "solved_on": s.today}),
        "escalate": Case("POST", OWN_CHANGE, "problem", lambda s: {"meeting": s.coordination.pk}),
        "reopen": Case("POST", OWN_CHANGE, "solved", lambda s: {"text": "未落实"}),
        "sign_off": Case("POST", SIGN_OFF_API, "solved", lambda s: {"text": "同意销号"}),
    },
    "meetings": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "meeting"),
        "create": Case("POST", STAFF_CREATE, None, lambda s: {"title": "专题调研", "date": s.today}),
        "update": Case("PUT", OWN_CHANGE, "meeting", lambda s: {"title": "场景调研（改）", "date": s.today}),
        "partial_update": Case("PATCH", OWN_CHANGE, "meeting", lambda s: {"summary": "纪要"}),
        "destroy": Case("DELETE", ADMIN_DELETES, "meeting"),
        "confirm": Case("POST", OWN_CHANGE, "meeting"),
    },
    "attendances": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "attendance"),
        "create": Case("POST", OWN_CREATE, None, lambda s: {"meeting": s.meeting.pk, "person": s.leader.pk}),
        "update": Case("PUT", OWN_CHANGE, "attendance", lambda s: {
            "meeting": s.meeting.pk, "person": s.person.pk, "role": "led"}),
        "partial_update": Case("PATCH", OWN_CHANGE, "attendance", lambda s: {"role": "reported"}),
        "destroy": Case("DELETE", OWN_DELETE, "attendance"),
    },
    "requirements": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "requirement"),
        "create": Case("POST", OWN_CREATE, None, lambda s: {"meeting": s.meeting.pk, "text": "倒排工期"}),
        "update": Case("PUT", OWN_CHANGE, "requirement", lambda s: {"meeting": s.meeting.pk, "text": "挂图作战"}),
        "partial_update": Case("PATCH", OWN_CHANGE, "requirement", lambda s: {"text": "加快推进"}),
        "destroy": Case("DELETE", OWN_DELETE, "requirement"),
    },
    "follow-ups": {
        "list": Case("GET", READ_API), "retrieve": Case("GET", READ_API, "follow_up"),
        "create": Case("POST", OWN_CREATE, None, lambda s: {"requirement": s.requirement.pk, "due_date": s.today}),
        "update": Case("PUT", OWN_CHANGE, "follow_up", lambda s: {
            "requirement": s.requirement.pk, "due_date": s.today + days(3)}),
        "partial_update": Case("PATCH", OWN_CHANGE, "follow_up", lambda s: {"due_date": s.today + days(5)}),
        "destroy": Case("DELETE", ADMIN_DELETES, "follow_up"),
        "complete": Case("POST", OWN_CHANGE, "follow_up", lambda s: {"reply": "已排定计划"}),
    },
    "alerts": read_only("alert"),
    "bulletins": read_only("bulletin"),
    "evidence": read_only("evidence"),
}

# The API's URLs outside the router: reads.
API_VIEWS: dict[str, Case] = {
    "api:api-root": Case("GET", READ_API),
    "api:schema": Case("GET", READ_API),
    "api:docs": Case("GET", READ_API),
    "api:search": Case("GET", READ_API),
    "api:oc4ids": Case("GET", READ_API),
}
