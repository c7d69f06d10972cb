from django.contrib.auth.management import create_permissions
from django.db import migrations

# The standard 节点 of each kind of project; admins edit them in the admin site.
TEMPLATES = {
    "industrial": ("重大产业项目标准节点", ["签约", "供地", "开工", "主体封顶", "设备安装", "试生产", "投产", "达产"]),
    "urban": ("城建工程标准节点", ["立项", "规划许可", "施工许可", "开工", "主体完工", "竣工验收", "交付使用"]),
    "livelihood": ("民生实事标准节点", ["立项", "方案审定", "开工", "完工", "验收", "交付使用"]),
}


def add_templates(apps, schema_editor):
    MilestoneTemplate = apps.get_model("projects", "MilestoneTemplate")
    MilestoneTemplateStep = apps.get_model("projects", "MilestoneTemplateStep")
    for category, (name, steps) in TEMPLATES.items():
        template, created = MilestoneTemplate.objects.get_or_create(category=category, defaults={"name": name})
        if created:
            MilestoneTemplateStep.objects.bulk_create(
                MilestoneTemplateStep(template=template, order=order, name=step)
                for order, step in enumerate(steps, start=1)
            )


def grant_permissions(apps, schema_editor):
    """Admins edit the templates in the admin site; every role may read them."""
    projects_config = apps.get_app_config("projects")
    projects_config.models_module = True
    create_permissions(projects_config, apps=apps, verbosity=0)
    projects_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    template_permissions = Permission.objects.filter(
        content_type__app_label="projects", content_type__model__in=["milestonetemplate", "milestonetemplatestep"]
    )
    for name in ("领导", "工作人员"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*template_permissions.filter(codename__startswith="view_"))
    admin, _ = Group.objects.get_or_create(name="管理员")
    admin.permissions.add(*template_permissions)


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_milestone_plan_and_templates"), ("accounts", "0001_role_groups")]

    operations = [
        migrations.RunPython(add_templates, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
