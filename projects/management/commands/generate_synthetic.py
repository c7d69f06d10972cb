"""Fill a database with plausible synthetic projects, for demos, tests and benchmarks.

Everything is made with bulk_create in batches, so 10,000 projects take seconds, not hours.
The same seed and the same `today` give the same data.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.roles import Role
from bulletins.models import Bulletin
from bulletins.pipeline.industries import propose_industry
from bulletins.services import record_names_rebuild
from enterprises.models import Organization, Person, Position
from lib.figures import figures_changed
from lib.formatting import WAN
from meetings.models import Attendance, FollowUp, Meeting, Requirement
from projects.models import (
    AnnualPlan,
    Assignment,
    Capacity,
    InvestmentReport,
    Milestone,
    Phase,
    Problem,
    ProblemCategory,
    ProgressReport,
    Project,
)

BATCH = 5000

# Generic word lists; no real company, project or person is named.
PLACES = ["徐州", "淮海", "彭城", "云龙", "金山", "大庙", "徐海", "东湖", "汉源", "龙湖", "杨山", "潘塘"]
FIRM_STEMS = ["新能", "恒泰", "华启", "瑞达", "中科", "盛远", "博通", "凯越", "启明", "宏图", "天合", "锦程",
              "嘉禾", "远航", "卓越", "鼎盛", "华众", "蓝海", "同创", "正元", "恒信", "精工", "佳联", "聚能"]
FIRM_KINDS = ["科技有限公司", "新材料有限公司", "装备制造有限公司", "能源有限公司", "半导体有限公司",
              "智能科技有限公司"]
GROUP_KINDS = ["集团有限公司", "控股集团", "产业集团"]
GOV_BODIES = ["经开区经济发展局", "经开区自然资源分局", "经开区生态环境分局", "经开区财政局", "经开区人才办",
              "经开区供电服务中心", "经开区金融服务中心", "经开区建设局", "经开区招商局", "经开区行政审批局"]

# industry → products with a capacity unit
INDUSTRIES = {
    "新能源": [("光伏组件", "GW"), ("储能电池", "GWh"), ("光伏电池片", "GW")],
    "集成电路": [("硅片", "万片/月"), ("封装测试", "亿颗/年"), ("电子材料", "吨/年")],
    "高端装备": [("工程机械", "台/年"), ("液压件", "万件/年"), ("智能装备", "套/年")],
    "新材料": [("铝合金材料", "万吨/年"), ("碳纤维", "吨/年"), ("特种玻璃", "万吨/年")],
    "生物医药": [("原料药", "吨/年"), ("医疗器械", "万台/年")],
    "现代服务": [("物流仓储", "万平方米"), ("数据中心", "机柜")],
}
URBAN_KINDS = ["道路改造工程", "污水管网工程", "安置房工程", "公园提升工程", "学校建设工程", "综合管廊工程"]
LIVELIHOOD_KINDS = ["社区卫生服务中心", "农贸市场改造", "养老服务中心", "幼儿园新建", "停车场建设", "口袋公园"]
PROJECT_KINDS = ["项目", "基地项目", "产业园项目", "扩建项目", "智能工厂项目"]
MILESTONES = ["土地摘牌", "规划许可", "施工许可", "开工建设", "桩基完成", "主体封顶", "钢结构完工", "设备进场",
              "设备安装调试", "试生产", "竣工验收", "正式投产", "达产", "达效"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌")
OFFICIAL_TITLES = ["市长", "副市长", "经开区党工委书记", "经开区管委会主任", "经开区党工委副书记", "经开区管委会副主任"]
ENTERPRISE_TITLES = ["董事长", "总经理", "副总经理", "项目经理"]
PROBLEMS = ["项目建设资金缺口较大，需协调银行授信", "剩余用地指标尚未落实", "双回路供电线路需提前接入",
            "用地审批手续办理进度慢", "环评批复尚未取得", "外籍专家来徐签证办理困难", "专利申请需要指导",
            "配套道路尚未建成", "融资担保需协调", "施工许可需加快办理"]
MEETING_WORDS = {"inspection": "专题调研", "coordination": "现场会办", "symposium": "座谈会", "study": "中心组学习会",
                 "groundbreaking": "开工仪式", "other": "调度会"}
REQUIREMENTS = ["加快项目建设进度，确保按期投产", "相关部门点对点、一对一解决企业问题", "倒排工期，挂图作战",
                "做好要素保障，全力服务企业发展", "抓好安全生产，确保工程质量"]


@dataclass
class Summary:
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name, rows):
        self.counts[name] = self.counts.get(name, 0) + len(rows)


def _bulk(model, rows, summary, **kwargs):
    created = model.objects.bulk_create(rows, batch_size=BATCH, **kwargs)
    summary.add(model._meta.label, rows)
    return created


def _unique(name, taken):
    """The name, or the name with a number, whichever is not taken yet."""
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}{n}号"
        n += 1
    taken.add(candidate)
    return candidate


def _yuan(rng, low_yi, high_yi):
    """A round amount of yuan between low and high 亿元, to the 万元."""
    wan = rng.randint(int(low_yi * 10_000), int(high_yi * 10_000))
    return Decimal(wan) * WAN


def _industry_code(name: str) -> str | None:
    """The GB/T 4754 industry the import would propose for the name (bulletins/data/industry_keywords.tsv)."""
    proposal = propose_industry(name)
    return proposal[0] if proposal else None


def _between(rng, start, end):
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


@transaction.atomic
def generate(*, projects: int, seed: int = 1, milestones_per_project: int = 10, today: datetime.date | None = None):
    """Create `projects` synthetic projects with everything around them; return a Summary."""
    started = time.monotonic()
    rng = random.Random(seed)
    today = today or timezone.localdate()
    summary = Summary()
    password = make_password(None)  # unusable: synthetic accounts are for data, not for logging in

    # --- organizations: groups, their subsidiaries (the builders), government bodies ---------------
    taken_orgs = set(Organization.objects.values_list("name", flat=True))
    gov = _bulk(Organization, [
        Organization(name=_unique(name, taken_orgs), kind=Organization.Kind.GOVERNMENT) for name in GOV_BODIES
    ], summary)
    group_count = max(1, projects // 8)
    groups = _bulk(Organization, [
        Organization(name=_unique(f"{rng.choice(PLACES)}{rng.choice(FIRM_STEMS)}{rng.choice(GROUP_KINDS)}", taken_orgs),
                     industry=rng.choice(list(INDUSTRIES)))
        for _ in range(group_count)
    ], summary)
    builder_count = max(1, projects * 2 // 3)
    builders = []
    for _ in range(builder_count):
        parent = rng.choice(groups) if rng.random() < 0.7 else None
        industry = parent.industry if parent else rng.choice(list(INDUSTRIES))
        stem = rng.choice(FIRM_STEMS)
        builders.append(Organization(
            name=_unique(f"{rng.choice(PLACES)}{stem}{rng.choice(FIRM_KINDS)}", taken_orgs),
            short_name=stem, parent=parent, industry=industry,
        ))
    builders = _bulk(Organization, builders, summary)

    # --- accounts and people: officials (领导) and staff (工作人员) --------------------------------
    taken_users = set(User.objects.values_list("username", flat=True))
    official_count = max(3, min(400, projects // 25))
    staff_count = max(2, min(200, projects // 50))
    users = []
    for prefix, count in (("official", official_count), ("staff", staff_count)):
        for i in range(1, count + 1):
            users.append(User(username=_unique(f"synthetic-{prefix}-{seed}-{i:04d}", taken_users), password=password))
    users = _bulk(User, users, summary)
    official_users, staff_users = users[:official_count], users[official_count:]
    Membership = User.groups.through
    official_group = Group.objects.get(name=Role.OFFICIAL.value)
    staff_group = Group.objects.get(name=Role.STAFF.value)
    _bulk(Membership, [Membership(user_id=u.pk, group_id=official_group.pk) for u in official_users]
          + [Membership(user_id=u.pk, group_id=staff_group.pk) for u in staff_users], summary)

    def person_name():
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))

    officials = _bulk(Person, [Person(name=person_name(), user=u) for u in official_users], summary)
    _bulk(Person, [Person(name=person_name(), user=u) for u in staff_users], summary)
    managers = _bulk(Person, [Person(name=person_name()) for _ in builders], summary)
    positions = []
    for person in officials:
        first = today - datetime.timedelta(days=rng.randint(200, 1500))
        positions.append(Position(person=person, organization=rng.choice(gov), title=rng.choice(OFFICIAL_TITLES),
                                  first_seen=first, last_seen=_between(rng, first, today)))
    for person, org in zip(managers, builders, strict=True):
        first = today - datetime.timedelta(days=rng.randint(100, 1000))
        positions.append(Position(person=person, organization=org, title=rng.choice(ENTERPRISE_TITLES),
                                  first_seen=first, last_seen=_between(rng, first, today)))
    _bulk(Position, positions, summary)

    # --- projects ---------------------------------------------------------------------------------
    taken_projects = set(Project.objects.values_list("name", flat=True))
    stages = list(Project.Stage)
    rows = []
    for _ in range(projects):
        category = rng.choices(list(Project.Category), weights=[6, 2, 2])[0]
        builder = rng.choice(builders)
        industry = builder.industry
        if category == Project.Category.INDUSTRIAL:
            product, _unit = rng.choice(INDUSTRIES[industry])
            name = f"{builder.short_name}{product}{rng.choice(PROJECT_KINDS)}"
            total = _yuan(rng, 1, 120)
        elif category == Project.Category.URBAN:
            industry = "城市建设"
            name = f"{rng.choice(PLACES)}路{rng.choice(URBAN_KINDS)}"
            total = _yuan(rng, 0.2, 15)
        else:
            industry = "民生"
            name = f"{rng.choice(PLACES)}{rng.choice(LIVELIHOOD_KINDS)}"
            total = _yuan(rng, 0.05, 2)
        planned_start = today - datetime.timedelta(days=rng.randint(30, 900))
        planned_production = planned_start + datetime.timedelta(days=rng.randint(240, 1100))
        stage = rng.choice(stages)
        actual_start = None
        if stage not in (Project.Stage.SIGNED, Project.Stage.PREPARATION):
            actual_start = min(today, planned_start + datetime.timedelta(days=rng.randint(-20, 60)))
        actual_production = None
        if stage in (Project.Stage.PRODUCTION, Project.Stage.FULL_PRODUCTION) and actual_start:
            actual_production = _between(rng, actual_start, today)
        rows.append(Project(
            name=_unique(name, taken_projects), builder=builder if category == Project.Category.INDUSTRIAL else None,
            category=category, industry=industry, industry_code_id=_industry_code(name), stage=stage,
            total_investment=total,
            location=f"徐州经济技术开发区{rng.choice(PLACES)}片区",
            planned_start=planned_start, planned_production=planned_production,
            actual_start=actual_start, actual_production=actual_production,
        ))
    # The history gives each project its "created" entry on the detail page.
    project_rows = bulk_create_with_history(rows, Project, batch_size=BATCH)
    summary.add(Project._meta.label, project_rows)

    # --- phases and capacities --------------------------------------------------------------------
    phases, capacities = [], []
    for project in project_rows:
        count = 2 if rng.random() < 0.35 else 1
        span = (project.planned_production - project.planned_start).days
        for order in range(1, count + 1):
            share = Decimal("0.6") if count == 2 and order == 1 else (Decimal("0.4") if count == 2 else Decimal(1))
            start = project.planned_start + datetime.timedelta(days=span * (order - 1) // count)
            phases.append(Phase(project=project, name=["一期", "二期"][order - 1], order=order,
                                investment=(project.total_investment * share).quantize(WAN),
                                batches=rng.choice([None, 1, 2]), planned_start=start,
                                planned_finish=project.planned_start + datetime.timedelta(days=span * order // count)))
    phases = _bulk(Phase, phases, summary)
    first_phase = {}
    for phase in phases:
        first_phase.setdefault(phase.project_id, phase)
    for project in project_rows:
        if project.category != Project.Category.INDUSTRIAL:
            continue
        product, unit = next(
            (p for p in INDUSTRIES.get(project.industry, []) if p[0] in project.name),
            rng.choice(INDUSTRIES.get(project.industry) or INDUSTRIES["新能源"]),
        )
        capacities.append(Capacity(project=project, phase=first_phase.get(project.pk),
                                   value=Decimal(rng.choice([1, 2, 5, 10, 12, 20, 30, 50, 100])), unit=unit,
                                   product=product))
    _bulk(Capacity, capacities, summary)

    # --- milestones (挂图作战) and progress reports ------------------------------------------------
    milestones, reports = [], []
    for project in project_rows:
        start, finish = project.planned_start, project.planned_production
        span = max(1, (finish - start).days)
        begun = project.actual_start or start
        for i in range(milestones_per_project):
            base_name = MILESTONES[i % len(MILESTONES)]
            name = base_name if i < len(MILESTONES) else f"{base_name}（{i // len(MILESTONES) + 1}）"
            planned = start + datetime.timedelta(days=span * (i + 1) // (milestones_per_project + 1))
            baseline = None
            if rng.random() < 0.15:
                baseline, planned = planned, planned + datetime.timedelta(days=rng.randint(15, 90))
            actual = None
            if planned <= today and rng.random() < 0.8:
                actual = min(today, max(begun, planned + datetime.timedelta(days=rng.randint(-20, 40))))
            milestones.append(Milestone(
                project=project, phase=first_phase.get(project.pk), name=name, planned_date=planned,
                baseline_date=baseline, actual_date=actual, weight=rng.choice([1, 1, 2, 3]),
                reschedule_reason="企业申请调整计划" if baseline else "",
            ))
        if len(milestones) >= BATCH * 4:
            _bulk(Milestone, milestones, summary)
            milestones = []
        elapsed = min(1.0, max(0.0, (today - start).days / span))
        for k in range(3):
            date = today - datetime.timedelta(days=30 * (2 - k) + rng.randint(0, 10))
            if date < start:
                continue
            percent = max(0.0, min(100.0, elapsed * 100 * rng.uniform(0.6, 1.15) - (2 - k) * 5))
            reports.append(ProgressReport(project=project, date=date, percent_complete=Decimal(f"{percent:.2f}"),
                                          statement=f"{rng.choice(MILESTONES)}工作有序推进",
                                          reporter=rng.choice(staff_users)))
    _bulk(Milestone, milestones, summary)
    _bulk(ProgressReport, reports, summary)

    # --- annual plans and monthly investment --------------------------------------------------------
    plans, invested = [], []
    for project in project_rows:
        for year in (today.year - 1, today.year):
            planned = (project.total_investment * Decimal(rng.uniform(0.15, 0.4))).quantize(WAN)
            plans.append(AnnualPlan(project=project, year=year, planned_investment=planned))
            last_month = 12 if year < today.year else today.month
            for month in range(1, last_month + 1):
                if datetime.date(year, month, 1) < project.planned_start.replace(day=1):
                    continue
                amount = (planned / 12 * Decimal(rng.uniform(0.4, 1.4))).quantize(WAN)
                invested.append(InvestmentReport(project=project, year=year, month=month, amount=amount,
                                                 reporter=rng.choice(staff_users)))
    _bulk(AnnualPlan, plans, summary)
    _bulk(InvestmentReport, invested, summary)

    # --- assignments (包挂) -----------------------------------------------------------------------
    assignments = []
    for project in project_rows:
        chosen = rng.sample(officials, k=min(len(officials), rng.choice([1, 1, 2])))
        for person, role in zip(chosen, [Assignment.Role.LEAD, Assignment.Role.RESPONSIBLE], strict=False):
            assignments.append(Assignment(person=person, project=project, role=role, started_on=project.planned_start))
    _bulk(Assignment, assignments, summary)

    # --- meetings (visits), attendance, requirements ------------------------------------------------
    meetings, visited, attendance_by_meeting = [], [], []
    for _ in range(max(1, projects // 4)):
        date = today - datetime.timedelta(days=rng.randint(0, 365))
        kind = rng.choices(list(Meeting.Kind), weights=[6, 3, 2, 1, 1, 1])[0]
        chosen = rng.sample(project_rows, k=min(len(project_rows), rng.randint(1, 3)))
        leader = rng.choice(officials)
        meetings.append(Meeting(
            kind=kind, date=date, part_of_day=rng.choice(list(Meeting.PartOfDay)).value,
            location=chosen[0].location, title=f"{leader.name}{MEETING_WORDS[kind]}{chosen[0].name}",
            summary="现场察看项目建设情况，听取企业汇报。", status=Meeting.Status.CONFIRMED,
            author=rng.choice(staff_users), confirmed_at=timezone.now(),
        ))
        visited.append(chosen)
        others = rng.sample(officials, k=min(len(officials), 2))
        attendance_by_meeting.append([(leader, Attendance.Role.LED)] + [
            (p, Attendance.Role.ATTENDED) for p in others if p.pk != leader.pk
        ])
    meetings = _bulk(Meeting, meetings, summary)
    Visited = Meeting.projects.through
    _bulk(Visited, [Visited(meeting_id=m.pk, project_id=p.pk) for m, ps in zip(meetings, visited, strict=True)
                    for p in ps], summary)
    _bulk(Attendance, [Attendance(meeting=m, person=p, role=r) for m, people in
                       zip(meetings, attendance_by_meeting, strict=True) for p, r in people], summary)
    requirements = _bulk(Requirement, [
        Requirement(meeting=m, issued_by=people[0][0], project=ps[0], text=rng.choice(REQUIREMENTS))
        for m, ps, people in zip(meetings, visited, attendance_by_meeting, strict=True)
    ], summary)

    # --- problems (问题清单) and follow-ups (督办) ---------------------------------------------------
    categories = list(ProblemCategory.objects.all())
    problems = []
    for meeting, ps in zip(meetings, visited, strict=True):
        for project in ps:
            if rng.random() > 0.7:
                continue
            status = rng.choices(list(Problem.Status), weights=[4, 3, 2, 1])[0]
            solved = status in (Problem.Status.SOLVED, Problem.Status.CLOSED)
            due = meeting.date + datetime.timedelta(days=rng.randint(7, 90))
            problems.append(Problem(
                project=project, category=rng.choice(categories), description=rng.choice(PROBLEMS),
                meeting=meeting, raised_on=meeting.date, owner_unit=rng.choice(gov),
                owner_person=rng.choice(officials), due_date=due, status=status,
                resolution="已协调解决" if solved else "",
                solved_on=min(today, _between(rng, meeting.date, due)) if solved else None,
                closed_at=timezone.now() if status == Problem.Status.CLOSED else None,
                created_by=meeting.author,
            ))
    problems = _bulk(Problem, problems, summary)
    follow_ups = []
    for requirement in requirements:
        follow_ups.append(_follow_up(rng, today, requirement=requirement, gov=gov, staff_users=staff_users,
                                     officials=officials))
    for problem in problems:
        if problem.status in Problem.OPEN_STATUSES:
            follow_ups.append(_follow_up(rng, today, problem=problem, gov=gov, staff_users=staff_users,
                                         officials=officials))
    _bulk(FollowUp, follow_ups, summary)
    # bulk_create skips save(): the import's name directory is rebuilt so imports match these records.
    summary.counts["bulletins.RecordName"] = record_names_rebuild()
    figures_changed()

    summary.seconds = time.monotonic() - started
    return summary


def _follow_up(rng, today, *, gov, staff_users, officials, requirement=None, problem=None):
    due = today + datetime.timedelta(days=rng.randint(-20, 30))
    done = rng.random() < 0.3
    return FollowUp(
        requirement=requirement, problem=problem, owner_person=rng.choice(officials), owner_unit=rng.choice(gov),
        owner_user=rng.choice(staff_users), due_date=due,
        status=FollowUp.Status.DONE if done else FollowUp.Status.OPEN,
        reply="已按要求落实" if done else "", replied_at=timezone.now() if done else None,
    )


class Command(BaseCommand):
    help = "Fill the database with N plausible synthetic projects (for demos, tests and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, required=True, help="How many projects to create.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same data.")
        parser.add_argument("--milestones-per-project", type=int, default=10)
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="The date the data is made around (YYYY-MM-DD); today by default.")
        parser.add_argument("--yes", action="store_true",
                            help="Go on even though the database holds imported bulletins.")

    def handle(self, *args, projects, seed, milestones_per_project, today, yes, **options):
        if projects < 1:
            raise CommandError("--projects must be at least 1.")
        if milestones_per_project < 0:
            raise CommandError("--milestones-per-project cannot be negative.")
        if not yes and Bulletin.objects.exists():
            raise CommandError(
                "This database holds imported bulletins: it looks like real data. "
                "Add --yes if you really want synthetic projects mixed into it."
            )
        summary = generate(projects=projects, seed=seed, milestones_per_project=milestones_per_project, today=today)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses from an empty table and pages crawl.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for name, count in summary.counts.items():
            self.stdout.write(f"{count:>10,}  {name}")
        self.stdout.write(self.style.SUCCESS(f"Generated {projects:,} projects in {summary.seconds:.1f} s."))
