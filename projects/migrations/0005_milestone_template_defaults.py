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


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_milestone_plan_and_templates")]

    operations = [
        migrations.RunPython(add_templates, migrations.RunPython.noop),
    ]
