"""Projects (`…项目`), their builder, investment, capacities, phases, progress and milestones."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .document import _RARE_VERB_FREQ, LEADING_VERBS_RE, Document, extend_left, name_tail
from .lexicon import GENERIC_PROJECT_WORDS, NAME_VERBS, SPEECH_VERBS, TITLES
from .model import Capacity, Milestone, Organization, Progress, Project
from .organizations import org_core
from .quantities import AMOUNT_RE, find_capacities, planned_date, to_decimal
from .segmenter import cut_window, word_freq

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
_AMOUNT_PREFIX_RE = re.compile(r"^.*(?:\d|万|亿)元(?:用于|建设|新建|实施|打造|布局|的)?")
# Visit verbs never sit inside a name: `随同市领导调研某某项目` -> `某某项目`.
_VISIT_VERB_RE = re.compile(r"^.*(?:调研|考察|视察|察看|查看|走访|参观|来到|前往|深入|观摩)了?")
# `某某项目(以下简称“某项目”)`: one project with a short name.
_SHORT_FOR_RE = re.compile(r"\((?:以下|下文)?(?:简称|下称)[“\"]?(?P<short>[^”\")]{2,16})[”\"]?\)")
# Infrastructure named `…工程` (`综合管廊工程`, `某某大道东延工程`) is a project too.
_WORKS_RE = re.compile(r"工程(?!师|集团|公司|有限|局|处|院|学|部|建设管理|技术)")
_WORKS_WORDS = re.compile(
    r"管廊|道路|大道|(?<![回电线思])路|桥|隧道|管网|河道|水厂|污水|供水|供热|燃气|高架|快速路|地铁|轨道|立交|环路|整治|治理|绿化|公园"
    r"|[东西南北]延|拓宽|改造|提升|安置|棚改|水系|泵站|变电站|管线|雨污|排水"
)
# `一人帮建一项目`, `每个项目`: a count before 项目, not a name.
_COUNT_END_RE = re.compile(r"[一两几数每各]$")
# Verbs that may end a project name (`技改项目`); any other verb before 项目 means a clause (`紧盯项目`).
_NAME_END_VERBS = NAME_VERBS | frozenset({"转型", "提升", "配套", "示范", "孵化", "治理", "整治", "修复", "提质", "搬迁",
                                            "建设", "改扩建", "转移", "应用", "研发", "产业化", "利用", "回收"})


def _has_verb(text: str) -> bool:
    return any(flag in ("v", "vn", "vd", "vi", "d") for _, flag in cut_window(text))


def _ends_in_clause_verb(head: str) -> bool:
    tokens = cut_window(head)
    if not tokens or tokens[-1][0] in _NAME_END_VERBS:
        return False
    word, flag = tokens[-1]
    if flag in ("l", "i"):
        return True
    # A verb jieba rarely sees is a piece of an unknown name (`封测`); a common one ends a clause (`紧盯`).
    return flag in ("v", "vd", "vi", "vg", "a", "z") and (len(tokens) == 1 or word_freq(word) >= _RARE_VERB_FREQ)


def _is_generic(head: str, cores: list[str]) -> bool:
    rest = _DATE_WORDS_RE.sub("", head)
    if _AREA_RE.match(rest) and _is_generic_words(_AREA_RE.sub("", rest)):
        return True
    tokens = cut_window(rest)
    if tokens and tokens[0][1] == "ns" and _is_generic_words(rest[len(tokens[0][0]):]):
        return True  # `某市重大产业项目`
    for core in cores:
        if rest.startswith(core):
            rest = rest[len(core):]
            break
    return _is_generic_words(rest)


def _is_generic_words(rest: str) -> bool:
    return len(_GENERIC_RE.sub("", rest)) < 2


def _strip_leading_counts(head: str) -> str:
    return re.sub(r"^(?:[\d.]+|[一二三四五六七八九十两几多数]+)(?:个|项|家|批|大)*", "", head)


# A list of projects: `包括A、B及C等项目`, `A、B、C等一批重大产业项目`, `重大产业项目100项,包括A、B等`.
_ITEM = r"[^,。;:、!?()“”\n]{2,40}?"
_LIST_BEFORE_RE = re.compile(rf"(?P<items>(?:{_ITEM}、)+{_ITEM})等(?:[^,。;:]{{0,14}}?)项目(?!\d)")
_LIST_AFTER_RE = re.compile(
    rf"项目(?:(?:\d+(?:个|项))?,?(?:包括|如|主要有|分别是|有)|\d+(?:个|项),)(?P<items>(?:{_ITEM}、)+{_ITEM})等"
)
_LIST_ONE_RE = re.compile(rf"(?:包括|如)(?P<items>{_ITEM})等(?:[^,。;:]{{0,14}}?)项目(?!\d)")
_LIST_INTRO_RE = re.compile(r"^.*(?:包括|如|主要有|分别是|其中|有)")
_LAST_JOIN_RE = re.compile(r"(?:及|和|以及)(?=[^、]{2,}$)")
_ITEM_INVESTMENT_RE = re.compile(
    r"^(?:计划|预计)?(?:总投资|投资)(?:额)?(?:约|达|超过|近)?(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万亿|亿|万)?元的"
)
# `在某某项目现场`: everything between 在 and 项目 is the name.
_SITE_RE = re.compile(r"在(?P<name>[^,。;:、!?“”\n在]{2,40}?)项目(?:建设|施工)?(?:现场|工地|车间|厂区)")


# A sentence about many projects at once: its money is a total, not the last-named project's.
_AGGREGATE_RE = re.compile(
    r"(?:共|计|合计|总计)\d+(?:个|项)|\d+(?:个|项)[^,。;]{0,12}项目|项目[^,。;]{0,12}?\d+(?:个|项)|(?:本次|此次|这些|全部)[^,。;]{0,8}项目"

)


_BUILDS_RE = re.compile(r"[^,。;]{0,8}?(?:投资建设|建设|投资|实施|承建|开发|打造)")
_ANAPHOR_RE = re.compile(r"^(?:该|此|这个|这一|本)(?:项目|工程|厂区|基地)")
# A project named by its investor only: `某某集团本次带来了300亿的项目`, `某公司…投资一个项目`.
_ANONYMOUS_RE = re.compile(r"(?:(?P<num>\d+(?:\.\d+)?)(?P<mult>亿|万)元?的|一个|的)项目")


_COMMON_NOUN_FREQ = 2000
_PLACE_VISITED_RE = re.compile(r"在(?P<place>[^,。;在]{2,20}),")


@dataclass
class _Span:
    _start: int
    _end: int

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_LIST_TOTAL_RE = re.compile(r"等[^,。;]{0,10}项目")


@dataclass
class _Listed:
    name: str
    start: int
    end: int
    investment: object = None
    amount_at: int | None = None


def _looks_named(item: str) -> bool:
    """A project in a list has a name of its own (`某某大数据中心`), not a common noun (`资金`, `新材料`)."""
    item = _ITEM_INVESTMENT_RE.sub("", item)
    tokens = cut_window(item)
    if len(item) < 4 or any(word == "等" for word, _ in tokens):
        return False
    return not (len(tokens) <= 2 and all(flag[0] in "nv" and word_freq(word) >= _COMMON_NOUN_FREQ
                                         for word, flag in tokens))


def _names_a_list(items: list[str]) -> bool:
    """Most items (the first may carry the clause's verb) must look like names: `资金、用地、用工等项目建设难题`
    and `智能制造、新能源、新材料等重点产业项目` are not lists of projects."""
    tail = items[1:] or items
    return sum(_looks_named(item) for item in tail) * 2 > len(tail)


def _listed_projects(text: str, people: frozenset[str]) -> list[_Listed]:
    out: list[_Listed] = []
    taken: set[int] = set()
    for pattern in (_LIST_BEFORE_RE, _LIST_AFTER_RE, _LIST_ONE_RE):
        for m in pattern.finditer(text):
            pos = m.start("items")
            raw_items = m["items"].split("、")
            if not _names_a_list(raw_items):
                continue
            for i, raw in enumerate(raw_items):
                start, item = pos, raw
                pos += len(raw) + 1
                if i == 0:
                    intro = _LIST_INTRO_RE.match(item)
                    if intro:
                        start, item = start + intro.end(), item[intro.end():]
                parts = [item]
                if i == len(raw_items) - 1:
                    joined = _LAST_JOIN_RE.search(item)
                    if joined:  # `A、B及C`: the last item holds two
                        parts = [item[:joined.start()], item[joined.end():]]
                offset = start
                for part in parts:
                    part_start = offset + (len(item) - len(item.lstrip()) if part is item else item.find(part))
                    offset = start
                    name, investment, amount_at = part.strip(), None, None
                    money = _ITEM_INVESTMENT_RE.match(name)
                    if money:
                        investment = to_decimal(money["num"], money["mult"] or "")
                        amount_at = part_start + money.start("num")
                        name, part_start = name[money.end():], part_start + money.end()
                    if len(name) < 2 or part_start in taken or name.startswith(tuple(people)) or name.isdigit():
                        continue
                    taken.add(part_start)
                    out.append(_Listed(name, part_start, part_start + len(name), investment, amount_at))
    for m in _SITE_RE.finditer(text):
        name = LEADING_VERBS_RE.sub("", m["name"])
        start = m.end("name") - len(name)
        if len(name) >= 2 and start not in taken:
            taken.add(start)
            out.append(_Listed(name + "项目", start, m.end("name") + 2))
    return out


def find_projects(doc: Document, orgs: list[Organization], known_projects: frozenset[str],
                  aliases: dict[str, str], people: frozenset[str] = frozenset()) -> tuple[list[Project], list[ProjectMention]]:
    text = doc.text
    cores = sorted({c for o in orgs for c in (o.name, org_core(o.name)) if len(c) >= 2}, key=len, reverse=True)
    candidates: list[tuple[str, int, int]] = []
    listed = _listed_projects(text, people)
    listed_ends = {item.end for item in listed}
    for item in listed:
        if not _is_generic(item.name.removesuffix("项目"), cores):
            candidates.append((item.name, item.start, item.end))
    previous_end = 0
    heads = sorted([(m.start(), m.end()) for m in _PROJECT_RE.finditer(text)]
                   + [(m.start(), m.end()) for m in _WORKS_RE.finditer(text)])
    for m_start, m_end in heads:
        m = _Span(m_start, m_end)
        works = text[m_start:m_end] == "工程"
        start = max(doc.window_start(m.start(), limit=50), previous_end)
        previous_end = m.end()
        if m.end() in listed_ends or text.startswith(("等项目", "等"), m.end()):
            continue
        # `…项目5项`, `…项目共143项`: a category counted, not a name.
        if re.match(r"(?:共|计|合计)?\d+(?:个|项)", text[m.end():m.end() + 8]):
            continue
        window = text[start:m.start()]
        if window[:1] in "和与及、":
            window = window[1:]
        if len(window) < 2:
            continue
        head = _AMOUNT_PREFIX_RE.sub("", name_tail(
            window, allow_numbers=True, name_verbs=NAME_VERBS, stop_words=_STOP_WORDS, lenient=True))
        # An item of a list (`…项目、某某显示模组项目、…`, `包括:某某项目`) is named by all of it.
        item = _LIST_INTRO_RE.sub("", window) if text[start - 1:start] == ":" else window
        if text[start - 1:start] in ("、", ":") and 2 <= len(item) <= 30 and item.endswith(head) \
                and not re.search(r"[的了是在将]", item):
            head = item
        head = LEADING_VERBS_RE.sub("", _VISIT_VERB_RE.sub("", head))
        if not works and re.fullmatch(_PHASE, head):
            # `在某某基地,…察看了二期项目`: a bare phase belongs to the place visited.
            sentence = doc.sentence_at(m.start())
            place = _PLACE_VISITED_RE.search(text, sentence.start, m.start()) if sentence else None
            if place is None:
                continue
            candidates.append((place["place"] + head + "项目", m.start() - len(head), m.end()))
            continue
        head = _strip_leading_counts(head[head.rfind("等") + 1:])  # `管网等基础设施工程`: 等 ends a list
        head_start = extend_left(text, m.start() - len(head), [c for c in cores if len(c) >= 3])
        head = text[head_start:m.start()]
        if works and (not _WORKS_WORDS.search(head) or re.match(r"[\d.]|千伏|万伏|伏", head)):
            continue
        # An organisation's short name inside the run starts the name: `现场服务某某产业项目`.
        inner = next((c for c in cores if head.find(c) > 0), None)
        if inner and not any(head.startswith(c) for c in cores) and _has_verb(head[:head.find(inner)]):
            head = head[head.find(inner):]
        if _COUNT_END_RE.search(head):
            continue
        if len(head) < 2 or _is_generic(head, cores) or head.startswith(tuple(people)) or _ends_in_clause_verb(head):
            continue
        candidates.append((head + text[m_start:m_end], m.start() - len(head), m.end()))
    for name in known_projects:
        if name not in text:  # a plain substring test first: the database may know 100,000 projects
            continue
        for m in re.finditer(re.escape(name), text):
            candidates.append((name, m.start(), m.end()))
    investors: dict[str, tuple[str, object, int | None]] = {}
    companies = sorted((o.name for o in orgs if o.kind == "enterprise"), key=len, reverse=True)
    for m in _ANONYMOUS_RE.finditer(text):
        clause = doc.window_start(m.start(), limit=30)
        org = next((c for c in companies if text.startswith(c, clause)), None)
        if org is None or any(c[1] < m.end() <= c[2] for c in candidates):
            continue
        name = org + "项目"
        candidates.append((name, clause, m.end()))
        value = to_decimal(m["num"], m["mult"]) if m["num"] else None
        investors.setdefault(name, (org, value, m.start("num") if m["num"] else None))

    aliases = dict(aliases)
    for m in _SHORT_FOR_RE.finditer(text):
        full = next((c[0] for c in candidates if c[2] == m.start()), None)
        short = m["short"]
        if full and short != full:
            aliases.setdefault(short, full)
            if not short.endswith(("项目", "工程")):
                candidates.append((short, m.start("short"), m.end("short")))
            for later in re.finditer(re.escape(short), text):
                if not short.endswith(("项目", "工程")):
                    candidates.append((short, later.start(), later.end()))
    # Longest names are canonical; a shorter name inside one is an alias (`大硅片项目`).
    projects: dict[str, Project] = {}
    alias_of: dict[str, str] = {}
    for name, _, _ in sorted(candidates, key=lambda c: (-len(c[0]), c[1])):
        canonical = aliases.get(name)
        if canonical is None:
            canonical = next((p for p in projects if name in p and name != p), None)
        short = name.removesuffix("项目")
        if canonical is None and len(short) >= 2 and short != name:
            # `某某项目` after `某某绿色技改项目`: the short form of a name already seen.
            canonical = next((p for p in projects if p.startswith(short) and p != name), None)
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
    for name, (org, value, at) in investors.items():
        project = projects.get(alias_of.get(name, name))
        if project is not None:
            project.enterprise = project.enterprise or org  # as written: the investor's own words
            if value is not None and project.investment_yuan is None:
                project.investment_yuan = value
                doc.claimed.add(at)
    for item in listed:
        project = projects.get(alias_of.get(item.name, item.name))
        if project is not None and item.investment is not None and project.investment_yuan is None:
            project.investment_yuan = item.investment
            doc.claimed.add(item.amount_at)
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
        project.enterprise = project.enterprise or _enterprise_for(project, orgs, links)
        for cap in find_capacities(project.name):
            project.add_capacity(Capacity(cap.value, cap.unit, evidence=list(project.evidence[:1])))
    # Photo captions and section heads split articles; `该项目` still means the project named last.
    last: Project | None = None
    for index, article in enumerate(doc.articles):
        reference = reference_dates.get(index)
        for paragraph in article.titles + article.body:  # a headline may give the investment
            current: Project | None = None
            for sentence in paragraph.sentences:
                inside = [m for m in by_start if sentence.start <= m.start < sentence.end]
                if inside:
                    current = last = inside[-1].project
                elif current is None and _ANAPHOR_RE.match(sentence.text):
                    current = last  # `该项目投产后…` in a later paragraph
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
        # A company opening the sentence is its subject: `某集团计划投资8亿元建设某项目`; one opening a
        # clause and building is too: `今年,某某事业部重点加快建设…`.
        for org in org_names:
            if sentence.startswith(org.name):
                project.enterprise = org.full_name or org.name
                break
            at = sentence.find(org.name)
            if at > 0 and sentence[at - 1] in ",," and _BUILDS_RE.match(sentence, at + len(org.name)):
                project.enterprise = org.full_name or org.name
                break
    for m in INVESTMENT_RE.finditer(sentence):
        if not inside and _AGGREGATE_RE.search(sentence):
            break  # `共143项,计划总投资928亿元` totals many projects
        listed = _LIST_TOTAL_RE.search(sentence, 0, m.start())
        if listed:
            break  # `包括某某工程等项目,总投资60亿元`: the total of the list
        amount = AMOUNT_RE.match(sentence, m.end())
        if not amount or amount["cur"] != "元":
            continue
        value = to_decimal(amount["num"], amount["mult"])
        doc.claimed.add(offset + amount.start())
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
