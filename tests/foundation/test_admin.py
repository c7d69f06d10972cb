"""The admin opens for admins on every model and refuses officials' edits."""

import pytest
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"enterprises", "projects", "meetings", "bulletins"}
DOMAIN_MODELS = [m for m in django_admin.site._registry if m._meta.app_label in DOMAIN_APPS]


def test_every_domain_model_is_in_the_admin():
    from django.apps import apps

    registered = set(django_admin.site._registry)
    missing = [
        m.__name__ for app in DOMAIN_APPS for m in apps.get_app_config(app).get_models()
        if m not in registered and not m.__name__.startswith("Historical")
    ]
    assert missing == []


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m._meta.label)
def test_admin_opens_the_list_and_add_pages_of_every_model(model, admin, client_as):
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    client = client_as(admin)
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    add_page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
    # Bulletins, their evidence and import jobs come only through the import page.
    request = RequestFactory().get("/")
    request.user = admin
    assert add_page == (200 if django_admin.site._registry[model].has_add_permission(request) else 403)


def test_an_official_in_the_admin_cannot_add_or_change_a_project(official, client_as):
    from projects.models import Project

    project = Project.objects.create(name="测试项目")
    # Even with the flag set by hand, the policy gives officials nothing in the admin site.
    official.is_staff = True
    official.save(update_fields=["is_staff"])
    client = client_as(official)
    assert client.get(reverse("admin:projects_project_changelist")).status_code == 403
    assert client.get(reverse("admin:projects_project_add")).status_code == 403
    response = client.post(reverse("admin:projects_project_change", args=[project.pk]), {"name": "改名"})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.name == "测试项目"
