"""Projects (`…项目`), their builder, investment, capacities, phases, progress and milestones."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .document import LEADING_VERBS_RE, Document, name_tail
from .lexicon import GENERIC_PROJECT_WORDS, NAME_VERBS, SPEECH_VERBS, TITLES
from .model import Capacity, Milestone, Organization, Progress, Project
from .organizations import org_core
from .quantities import AMOUNT_RE, find_capacities, planned_date, to_decimal
from .segmenter import cut_window

_PROJECT_RE = re.compile(r"项目")
_STOP_WORDS = frozenset(TITLES) | frozenset({"等", "和", "与", "及", "的", "个", "在", "为", "是", "将", "对"})
_GENERIC_RE = re.compile("|".join(sorted(map(re.escape, GENERIC_PROJECT_WORDS), key=len, reverse=True)))
_PHASE = r"(?:一|二|三|四|五|首)期"
PHASE_RE = re.compile(_PHASE)
INVESTMENT_RE = re.compile(
    r"(?:计划|预计|规划|拟)?(?:总投资|投资总额|计划投资|总投入|投资)(?:额)?(?:约|达|超过|超|近|为|逾)?"
    rf"(?={AMOUNT_RE.pattern})"
)
BUILDER_RE = re.compile(r"由(?P<who>[^,。;]{2,60}?)(?:负责|投资|牵头|承建)?(?:建设|投资建设|开发|实施|投资|承建|运营)")
STATUS_RE = re.compile(r"目前|现已|已经|已|正在|截至目前|基本完成|全面完成|顺利完成")
_WHEN = (r"(?:\d{4}年|明年|今年)?(?:\d{1,2}月(?:底|末|份|中旬|下旬|上旬)?|月底|月末|年底|年内|年末|上半年|下半年"
         r"|[一二三四]季度)")
MILESTONE_RE = re.compile(
    rf"(?P<phase>{_PHASE})?(?:工程|项目|生产线)?(?P<when>{_WHEN})(?:前|内)?"
    r"(?:实现|全面|正式|即将|将|可|能|建成)?(?P<what>试生产|投产|开工|竣工|建成|达产|投用|封顶|试运行|运营|交付)"
)


@dataclass
class ProjectMention:
    project: Project
    start: int
    end: int


_DATE_WORDS_RE = re.compile(r"\d{4}年|第?[一二三四1-4]季度|[上下]半年|\d+|年度")
_AREA_RE = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:开发区|经开区|高新区|新区|区|市|县|省|镇|街道|园区)")
# `投资8亿元建设某某项目`: the name starts after the amount and its verb.
_AMOUNT_PREFIX_RE = re.compile(r"^.*(?:\d|万|亿)元(?:用于|建设|新建|实施|打造|布局)?")
# `一人帮建一项目`, `每个项目`: a count before 项目, not a name.
_COUNT_END_RE = re.compile(r"[一两几数每各]$")
# Verbs that may end a project name (`技改项目`); any other verb before 项目 means a clause (`紧盯项目`).
_NAME_END_VERBS = NAME_VERBS | frozenset({"转型", "提升", "配套", "示范", "孵化", "治理", "整治", "修复", "提质", "搬迁",
                                            "建设", "改扩建", "转移", "应用", "研发", "产业化", "利用", "回收"})


def _has_verb(text: str) -> bool:
    return any(flag in ("v", "vn", "vd", "vi", "d") for _, flag in cut_window(text))


def _ends_in_clause_verb(head: str) -> bool:
    tokens = cut_window(head)
    return bool(tokens) and tokens[-1][1] in ("v", "vd", "vi", "vg", "a", "z") and tokens[-1][0] not in _NAME_END_VERBS


def _is_generic(head: str, cores: list[str]) -> bool:
    rest = _DATE_WORDS_RE.sub("", head)
    if _AREA_RE.match(rest) and _is_generic_words(_AREA_RE.sub("", rest)):
        return True
    for core in cores:
        if rest.startswith(core):
            rest = rest[len(core):]
            break
    return _is_generic_words(rest)


def _is_generic_words(rest: str) -> bool:
    return len(_GENERIC_RE.sub("", rest)) < 2


def _strip_leading_counts(head: str) -> str:
    return re.sub(r"^(?:[\d.]+|[一二三四五六七八九十两几多数]+)(?:个|项|家|批|大)?", "", head)


def find_projects(doc: Document, orgs: list[Organization], known_projects: frozenset[str],
                  aliases: dict[str, str], people: frozenset[str] = frozenset()) -> tuple[list[Project], list[ProjectMention]]:
    text = doc.text
    cores = sorted({c for o in orgs for c in (o.name, org_core(o.name)) if len(c) >= 2}, key=len, reverse=True)
    candidates: list[tuple[str, int, int]] = []
    for m in _PROJECT_RE.finditer(text):
        start = doc.window_start(m.start(), limit=50)
        window = text[start:m.start()]
        if len(window) < 2:
            continue
        head = _strip_leading_counts(_AMOUNT_PREFIX_RE.sub("", name_tail(
            window, allow_numbers=True, name_verbs=NAME_VERBS, stop_words=_STOP_WORDS, lenient=True)))
        head = LEADING_VERBS_RE.sub("", head)
        # An organisation's short name inside the run starts the name: `现场服务某某产业项目`.
        inner = next((c for c in cores if head.find(c) > 0), None)
        if inner and not any(head.startswith(c) for c in cores) and _has_verb(head[:head.find(inner)]):
            head = head[head.find(inner):]
        if _COUNT_END_RE.search(head):
            continue
        if len(head) < 2 or _is_generic(head, cores) or head.startswith(tuple(people)) or _ends_in_clause_verb(head):
            continue
        candidates.append((head + "项目", m.start() - len(head), m.end()))
    for name in known_projects:
        for m in re.finditer(re.escape(name), text):
            candidates.append((name, m.start(), m.end()))

    # Longest names are canonical; a shorter name inside one is an alias (`大硅片项目`).
    projects: dict[str, Project] = {}
    alias_of: dict[str, str] = {}
    for name, _, _ in sorted(candidates, key=lambda c: (-len(c[0]), c[1])):
        canonical = aliases.get(name)
        if canonical is None:
            canonical = next((p for p in projects if name in p and name != p), None)
        if canonical and canonical != name:
            alias_of[name] = canonical
            # A database alias stands for its record even when the text never writes the canonical name.
            projects.setdefault(canonical, Project(canonical))
            if name not in projects[canonical].aliases:
                projects[canonical].aliases.append(name)
            continue
        projects.setdefault(name, Project(name))
    mentions = []
    for name, start, end in sorted(candidates, key=lambda c: c[1]):
        project = projects.get(alias_of.get(name, name))
        if project is None:
            continue
        mentions.append(ProjectMention(project, start, end))
        project.evidence.append(doc.evidence(start))
    # Keep the order of first mention; drop overlapping shorter mentions.
    mentions = [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end
                                                and (o.start, o.end) != (m.start, m.end) for o in mentions)]
    ordered = []
    for mention in mentions:
        if mention.project not in ordered:
            ordered.append(mention.project)
    return ordered, mentions


def _phase_before(sentence: str, pos: int, span: int = 14) -> str | None:
    found = PHASE_RE.findall(sentence[max(0, pos - span):pos])
    return found[-1] if found else None


def _enterprise_for(project: Project, orgs: list[Organization], links: dict[str, str]) -> str | None:
    name = project.name
    best = None
    for org in orgs:
        if org.kind == "enterprise" and name.startswith(org.name) and (best is None or len(org.name) > len(best)):
            best = org.full_name or org.name
    if best:
        return best
    for core, full in sorted(links.items(), key=lambda kv: -len(kv[0])):
        if len(core) >= 2 and name.startswith(core):
            return full
    return None


def attach_facts(doc: Document, projects: list[Project], mentions: list[ProjectMention], orgs: list[Organization],
                 links: dict[str, str], reference_dates: dict[int, datetime.date]) -> None:
    """Walk each paragraph; facts in a sentence belong to the project last named in that paragraph."""
    by_start = sorted(mentions, key=lambda m: m.start)
    org_names = sorted((o for o in orgs if o.kind == "enterprise"), key=lambda o: -len(o.name))
    for project in projects:
        project.enterprise = _enterprise_for(project, orgs, links)
        for cap in find_capacities(project.name):
            project.add_capacity(Capacity(cap.value, cap.unit, evidence=list(project.evidence[:1])))
    for index, article in enumerate(doc.articles):
        reference = reference_dates.get(index)
        for paragraph in article.body:
            current: Project | None = None
            for sentence in paragraph.sentences:
                inside = [m for m in by_start if sentence.start <= m.start < sentence.end]
                if inside:
                    current = inside[-1].project
                if current is None or len({m.project.name for m in inside}) > 1:
                    continue
                _sentence_facts(doc, sentence.text, sentence.start, current, inside, org_names, reference)


def _sentence_facts(doc: Document, sentence: str, offset: int, project: Project, inside: list[ProjectMention],
                    org_names: list[Organization], reference: datetime.date | None) -> None:
    evidence = doc.evidence(offset)
    name_spans = [(m.start - offset, m.end - offset) for m in inside]
    builder = BUILDER_RE.search(sentence)
    if builder and not project.enterprise:
        for org in org_names:
            if org.name in builder["who"]:
                project.enterprise = org.full_name or org.name
                break
    if not project.enterprise:
        # A company opening the sentence is its subject: `某集团计划投资8亿元建设某项目`.
        for org in org_names:
            if sentence.startswith(org.name):
                project.enterprise = org.full_name or org.name
                break
    for m in INVESTMENT_RE.finditer(sentence):
        amount = AMOUNT_RE.match(sentence, m.end())
        if not amount or amount["cur"] != "元":
            continue
        value = to_decimal(amount["num"], amount["mult"])
        phase = _phase_before(sentence, m.start())
        if phase:
            target = project.phase(phase)
            target.investment_yuan = target.investment_yuan or value
            target.evidence.append(evidence)
        # A total investment wins; a phase's investment stands in until one is named.
        if phase is None or project.investment_yuan is None:
            project.investment_yuan = value
    for cap in find_capacities(sentence):
        if any(s <= cap.start < e for s, e in name_spans):
            continue
        phase = _phase_before(sentence, cap.start, span=20)
        capacity = Capacity(cap.value, cap.unit, phase, [evidence])
        project.add_capacity(capacity)
        if phase:
            target = project.phase(phase)
            if not any(c.value == cap.value and c.unit == cap.unit for c in target.capacities):
                target.capacities.append(capacity)
                target.evidence.append(evidence)
    for m in MILESTONE_RE.finditer(sentence):
        when = planned_date(m["when"], reference or datetime.date.today())
        phase = m["phase"] or _phase_before(sentence, m.start(), span=6)
        name = (phase or "") + m["what"]
        if not any(ms.name == name for ms in project.milestones):
            project.milestones.append(Milestone(name, phase, when, m.group(), [evidence]))
    status = STATUS_RE.search(sentence)
    if any(verb in sentence for verb in SPEECH_VERBS):
        return
    if status or MILESTONE_RE.search(sentence):
        start = status.start() if status else 0
        # Begin at the clause holding the status word, without the project's own name.
        clause_start = max(sentence.rfind(",", 0, start), sentence.rfind(",", 0, start)) + 1
        statement = sentence[clause_start:].strip(" 。")
        for s, e in name_spans:
            if s <= clause_start < e or (clause_start <= s and sentence[clause_start:s].strip() == ""):
                statement = sentence[e:].strip(" ,。")
        fresh = not any(p.statement == statement for p in project.progress)
        if fresh and statement and not statement.startswith(("要", "确保", "推动", "全力")) and "后" not in statement[:4]:
            phase = _phase_before(statement, len(statement), 60) if PHASE_RE.search(statement) else None
            project.progress.append(Progress(statement, phase, [evidence]))
