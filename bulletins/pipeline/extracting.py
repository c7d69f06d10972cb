"""Run every extractor over one bulletin: people, organisations, projects, events, indicators, problems."""

from __future__ import annotations

import datetime
import re

from .document import Document
from .lexicon import (
    ATTENDANCE_VERBS,
    EVENT_KINDS,
    PRESENCE_VERBS,
    PROBLEM_CATEGORIES,
    ROLE_VERBS,
    SPEECH_VERBS,
)
from .model import (
    Article,
    Event,
    Extraction,
    Indicator,
    KnownNames,
    Organization,
    Problem,
    Requirement,
)
from .normalising import load_ocr_corrections, normalise
from .organizations import extract_organizations, resolve_short
from .people import Mention, extract_people
from .projects import ProjectMention, attach_facts, find_projects
from .quantities import DATE_RE, resolve_date, to_decimal
from .segmenter import add_words, get_tokenizer
from .segmenting import ArticleBlock, Paragraph

_ROLE_VERBS = tuple(sorted(ROLE_VERBS, key=lambda rv: -len(rv[0])))
_ROLE_SKIP = ("等人", "等", "一行", "同志", "先后", "共同", "一同", "分别", "也", "还")
_LEADER_KINDS = ("inspection", "coordination", "groundbreaking", "other")

_PERIOD = r"(?P<period>\d{1,2}[-~至]\d{1,2}月份?|前\d{1,2}个?月|[一二三四1-4]季度|上半年|下半年|今年以来|全年|\d{1,2}月份)"
INDICATOR_RE = re.compile(
    rf"{_PERIOD},?(?P<name>[\u4e00-\u9fffA-Za-z]{{2,30}}?)(?:实现|完成|达到|达|为|约|共计|累计)?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<mult>万亿|亿|万)?(?P<unit>元|美元|吨|千瓦时|度|辆|台|件|人次|%)"
    r"(?:,?同比增长(?P<growth>\d+(?:\.\d+)?)%)?"
)
_INDICATOR_VERBS = re.compile(r"实现|完成|达到|累计|共计")
_INDICATOR_SCOPE = re.compile(
    r"^(?:街道|全区|全市|全县|全镇|园区|全街道|全省|辖区"
    r"|[\u4e00-\u9fff]{2,6}?(?:街道|开发区|经开区|高新区|园区))"
)
# Later clauses of the same sentence share the period: `1-6月份,A实现X亿元;完成B Y亿元,其中C Z亿元`.
_FOLLOW_INDICATOR_RE = re.compile(
    r"(?:其中)?(?P<name>[\u4e00-\u9fffA-Za-z]{2,30}?)(?:实现|完成|达到|达|为|约|共计|累计)?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<mult>万亿|亿|万)?(?P<unit>元|美元|吨|千瓦时|度|辆|台|件|人次)$"
)
_GROWTH_RE = re.compile(r"^同比(?P<sign>增长|下降)(?P<num>\d+(?:\.\d+)?)%$")
_NOT_INDICATOR_START = ("同比", "比", "增长", "增幅", "下降", "占")
_PROBLEM_LIST = r"((?:[^,。;、]{1,12}、)*[^,。;、]{1,12})"
PROBLEM_RES = (
    re.compile(rf"(?:解决|破解|协调|帮助解决|化解)(?:好|企业|项目)?{_PROBLEM_LIST}等(?:[^,。;]{{0,6}}?)(?:问题|难题|困难)"),
    re.compile(rf"在{_PROBLEM_LIST}等方面"),
    re.compile(r"破解(?P<one>[^,。;、]{2,8})难题"),
)
_PROBLEM_VERB_PREFIX = re.compile(r"^(?:协调|解决|推动|加强|做好|落实)")


def _present(names, text: str, pairs: frozenset[str]) -> frozenset[str]:
    """The names that occur in text; a set lookup of their first two characters spares most substring
    searches when the database knows 100,000 names."""
    return frozenset(n for n in names if n and len(n) >= 2 and n[:2] in pairs and n in text)


def _known_sets(known: KnownNames | None, text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str],
                                                              dict[str, str]]:
    """The database's names that occur in this text, taught to jieba (only those: the rest cannot help)."""
    if known is None:
        return frozenset(), frozenset(), frozenset(), {}
    pairs = frozenset(text[i:i + 2] for i in range(len(text) - 1))
    people = _present(known.people, text, pairs)
    orgs = _present(known.organizations, text, pairs)
    projects = _present(known.projects, text, pairs)
    shorts = _present(known.aliases, text, pairs)
    add_words(people, "nr")
    add_words(orgs, "nt")
    add_words(projects, "nz")
    add_words(shorts, "nz")
    return people, orgs, projects, {short: known.aliases[short] for short in shorts}


def _event_kind(text: str) -> str:
    for kind, words in EVENT_KINDS:
        if any(w in text for w in words):
            return kind
    return "other"


def _role_after(text: str, pos: int, mention_at: dict[int, Mention], chain_at: dict[int, Mention]) -> str | None:
    """The verb after a name, skipping co-named people: `甲,乙、丙带队` gives 甲 the role 带队."""
    for _ in range(40):
        for skip in _ROLE_SKIP:
            if text.startswith(skip, pos):
                pos += len(skip)
                break
        if pos in mention_at:
            pos = mention_at[pos].end
            continue
        if pos < len(text) and text[pos] in ",、" and pos + 1 in chain_at:
            pos = chain_at[pos + 1].end
            continue
        break
    for verb, role in _ROLE_VERBS:
        if text.startswith(verb, pos):
            return role
    return None


def _event(doc: Document, issued: datetime.date, article: ArticleBlock, index: int, block: list[Paragraph],
           with_titles: bool, mentions: list[Mention], mention_at: dict[int, Mention], chain_at: dict[int, Mention],
           project_mentions: list[ProjectMention]) -> Event | None:
    text = doc.text
    lead = block[0]
    found = paragraph_date(lead.text, issued, opening=lead is article.lead)
    if found is None:
        return None
    date, part = found
    first = lead.sentences[0]
    titles = article.titles if with_titles else []
    headline = " ".join(t.text for t in titles)
    kind = _event_kind(headline + first.text)
    spans = [(t.start, t.end) for t in titles] + [(lead.start, lead.end)]
    spans += [(s.start, s.end) for p in block[1:] for s in p.sentences if any(v in s.text for v in ATTENDANCE_VERBS)]
    block_start, block_end = block[0].start, block[-1].end
    event = Event(date, part, kind, titles[0].text if titles else "", article=index,
                  evidence=[doc.evidence(first.start)])
    for mention in mentions:
        inside = any(s <= mention.start < e for s, e in spans)
        # Someone who speaks or reports in the body was there: `某总经理介绍了项目情况`.
        present = block_start <= mention.start < block_end and text.startswith(PRESENCE_VERBS, mention.end)
        if not inside and not present:
            continue
        role = _role_after(text, mention.end, mention_at, chain_at)
        in_lead = first.start <= mention.start < first.end
        if role is None and in_lead and not event.people:
            role = "带队" if kind in _LEADER_KINDS else "主持"
        if role is None and not in_lead:
            role = "参加"
        if mention.name not in event.people:
            event.people.append(mention.name)
            event.roles[mention.name] = role or "参加"
        elif role and event.roles.get(mention.name) == "参加" and role != "参加":
            event.roles[mention.name] = role
    for pm in project_mentions:
        if block_start <= pm.start < block_end and pm.project.name not in event.projects:
            event.projects.append(pm.project.name)
    return event


# A dateline before the date: `某某日报讯(记者 某某)`, `某某网2月13日讯`, `新华社南京3月1日电`.
_DATELINE_RE = re.compile(r"^[^,。;]{0,40}?(?:讯|电)(?:\([^()]{0,40}\))?\s*")
# A date in the opening clause of a report, the month possibly left out (`三月的某地,…,23日下午`).
_OPENING_DATE_RE = re.compile(
    r"(?<![\d月年.-])(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})[日号](?!\d)"
    r"(?P<part>上午|下午|晚上|晚间|中午|早上|凌晨|傍晚|夜间|晚)?"
)
_OPENING_REACH = 40
_ISO_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)(?P<part>上午|下午|晚上|中午|早上|凌晨|傍晚)?")


def paragraph_date(text: str, issued: datetime.date, opening: bool = False) -> tuple[datetime.date, str | None] | None:
    """The date a paragraph opens with (after any dateline), or, for an article's first paragraph, the
    first date of its opening sentence. A date without a month takes the issue's month."""
    rest = _DATELINE_RE.sub("", text, count=1) if opening or "讯" in text[:45] or "电" in text[:45] else text
    iso = _ISO_DATE_RE.match(rest)
    if iso:
        try:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3])), iso["part"]
        except ValueError:
            return None
    m = DATE_RE.match(rest)
    if m:
        date = resolve_date(int(m["month"]), int(m["day"]), issued, int(m["year"]) if m["year"] else None)
        return (date, m["part"]) if date else None
    if not opening:
        return None
    head = re.split(r"[。;!?]", rest, maxsplit=1)[0][:_OPENING_REACH + 12]
    m = _OPENING_DATE_RE.search(head)
    if m is None or m.start() > _OPENING_REACH:
        return None
    day = int(m["day"])
    # A day after the day belongs to the month before.
    same_month = issued.month if day <= issued.day else (issued.month - 2) % 12 + 1
    month = int(m["month"]) if m["month"] else same_month
    date = resolve_date(month, day, issued, int(m["year"]) if m["year"] else None)
    return (date, m["part"]) if date else None


def _events(doc: Document, issued: datetime.date, mentions: list[Mention],
            project_mentions: list[ProjectMention]) -> tuple[list[Event], dict[int, datetime.date]]:
    mention_at = {m.start: m for m in mentions}
    chain_at = {m.chain_start: m for m in mentions}
    events, dates = [], {}
    for index, article in enumerate(doc.articles):
        if article.kind != "news" or article.lead is None:
            continue
        # Every paragraph opening with a date starts an event that runs to the next dated paragraph.
        dated = [i for i, p in enumerate(article.body) if paragraph_date(p.text, issued, opening=i == 0)]
        for n, para_index in enumerate(dated):
            block = article.body[para_index:dated[n + 1] if n + 1 < len(dated) else len(article.body)]
            event = _event(doc, issued, article, index, block, para_index == 0, mentions, mention_at, chain_at,
                           project_mentions)
            if event is None:
                continue
            if para_index == 0:
                dates[index] = event.date
            events.append(event)
    return events, dates


def _indicator_name(raw: str) -> str:
    return _INDICATOR_SCOPE.sub("", _INDICATOR_VERBS.sub("", raw))


def _indicators(doc: Document) -> list[Indicator]:
    text = doc.text
    out = []
    for m in INDICATOR_RE.finditer(text):
        name = _indicator_name(m["name"])
        if len(name) < 2:
            continue
        value = to_decimal(m["num"], m["mult"] or "")
        unit = m["unit"]
        period = m["period"].replace("月份", "月").replace("~", "-").replace("至", "-")
        growth = to_decimal(m["growth"]) if m["growth"] else None
        out.append(Indicator(name, value, unit, period, growth, [doc.evidence(m.start())], m.start("num")))
        stop = len(text)
        for end_char in "。\n":
            found = text.find(end_char, m.end())
            if found != -1:
                stop = min(stop, found)
        last = out[-1]
        pos = m.end()
        for clause in re.split(r"([,;])", text[m.end():stop]):
            start, pos = pos, pos + len(clause)
            clause = clause.strip()
            if clause in (",", ";", ""):
                continue
            grown = _GROWTH_RE.match(clause)
            if grown:
                if last.growth_percent is None:
                    sign = -1 if grown["sign"] == "下降" else 1
                    last.growth_percent = sign * to_decimal(grown["num"])
                continue
            if clause.startswith(_NOT_INDICATOR_START) or INDICATOR_RE.match(clause):
                continue
            follow = _FOLLOW_INDICATOR_RE.fullmatch(clause)
            if not follow:
                continue
            name = _indicator_name(follow["name"])
            if len(name) >= 2:
                last = Indicator(name, to_decimal(follow["num"], follow["mult"] or ""), follow["unit"], period, None,
                                 [doc.evidence(start)])
                last.at = start + clause.find(follow["num"])
                out.append(last)
    return out


# Any money or percentage figure in running text: `地区生产总值3607.39亿元`, `完成年度计划的26.5%`.
_FIGURE_RE = re.compile(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?:(?P<mult>万亿|亿|万)?(?P<cur>元)|(?P<pct>%))")
_CLAUSE_BREAKS = ",;。!?:、\n()“”\""
_FIGURE_LEAD_RE = re.compile(
    r"^(?:其中|同时|另外|此外|全年|今年|去年|当年|目前|截至目前|截至\d{1,2}月(?:\d{1,2}日)?(?:底|末)?|今年以来|年内"
    r"|前?\d{1,2}(?:-\d{1,2})?月份?|[一二三四1-4]季度|[上下]半年|全[市区县省镇]|全街道|\d+(?:\.\d+)?(?:个|项|家|批)"
    r"|[,\s])+"
)
_FIGURE_TAIL_RE = re.compile(r"(?:实现|达到|达|为|约|共计|累计|合计|超过|超|近|逾|突破|的|共|是|了|已|分别|占比)+$")
_FORECAST_RE = re.compile(r"(?:达产|投产|建成|达效|竣工)后")
_GROWTH_START = ("同比", "比上年", "比去年", "较上年", "较去年", "增长", "下降", "增幅", "增速")
_SENTENCE_PERIOD_RE = re.compile(
    r"截至\d{1,2}月\d{1,2}日|前?\d{1,2}-\d{1,2}月|[一二三四]季度|[上下]半年|今年以来|全年|\d{4}年"
)


_NAME_REACH = 40
_SUBJECTLESS = ("完成", "占", "开复工率", "开工率", "复工率", "实现", "达到", "同比", "增长")
_SUBJECT_VERB_RE = re.compile(r"完成|实现|占|达到|在建|已|共|为|有")
_CATEGORY_RE = re.compile(r"(?P<subject>[\u4e00-\u9fff]{2,12}?)(?:开工|实施|签约|竣工)?\d+(?:项|个)")
_COUNTED_SUBJECT_RE = re.compile(r"\d+个(?P<subject>[\u4e00-\u9fff]{2,16}?项目)")


def _subject(text: str, clause: bool = False) -> str | None:
    """What a figure is about: the words before the verb of a name (`工业项目完成投资` -> `工业项目`), or
    in a sentence, the projects counted first (`200个某某项目…`) or the first clause's subject."""
    if clause:
        counted = list(_COUNTED_SUBJECT_RE.finditer(text))
        if counted:
            return counted[-1]["subject"]
        text = _figure_name(re.split(r"[,;:]", text, maxsplit=1)[0])
    verb = _SUBJECT_VERB_RE.search(text)
    subject = text[:verb.start()] if verb else (text if clause or text.endswith(("项目", "企业", "产业")) else "")
    return subject if 2 <= len(subject) <= 16 else None


def _figure_name(raw: str) -> str:
    name = _FIGURE_LEAD_RE.sub("", raw[-_NAME_REACH:])  # the words nearest the figure name it
    return _FIGURE_TAIL_RE.sub("", name).strip()


def _figures(doc: Document, taken: list[Indicator]) -> list[Indicator]:
    """Money and percentages anywhere that are neither a project's fact nor already read as an indicator.
    A growth rate after a figure is named after it (`地区生产总值…,同比增长13.2%`)."""
    text = doc.text
    seen = {(i.value, i.evidence[0].start) for i in taken if i.evidence}
    out: list[Indicator] = []
    positions: list[int] = []
    used = {(i.name, i.period) for i in taken}
    last: Indicator | None = None
    last_sentence = None
    for m in _FIGURE_RE.finditer(text):
        if m.start() in doc.claimed:
            continue
        sentence = doc.sentence_at(m.start())
        if sentence is None:
            continue
        if sentence is not last_sentence:
            last, last_sentence = None, sentence
        if last is None or (last.at or 0) < sentence.start:
            # The figure this one may follow was read by the period-led pass.
            before = [i for i in taken if i.at is not None and sentence.start <= i.at < m.start()]
            last = max(before, key=lambda i: i.at) if before else last
        start = m.start()
        while start > sentence.start and text[start - 1] not in _CLAUSE_BREAKS:
            start -= 1
        raw = text[start:m.start()]
        # `两个100%` counts results; a shortfall (`资金存在1.2亿元缺口`) is a problem; what a project will
        # earn once running (`达产后可实现年销售收入60亿元`) is a forecast: none is an indicator.
        if raw.endswith("个") or text.startswith(("缺口", "的缺口"), m.end()) or _FORECAST_RE.search(
                text, sentence.start, m.start()):
            continue
        value = to_decimal(m["num"].replace(",", ""), m["mult"] or "")
        unit = "%" if m["pct"] else "元"
        evidence = doc.evidence(m.start())
        name = _figure_name(raw)
        if name.startswith(_GROWTH_START) or not name:
            if last is None:
                continue
            if unit == "%" and name.startswith(_GROWTH_START) and last.growth_percent is None and last.unit != "%":
                last.growth_percent = -value if "下降" in name else value
            name = last.name + name
        elif name.startswith(_SUBJECTLESS):
            # `…完成投资363.5亿元,完成年度计划的26.5%`, `200个某某项目在建168个,开复工率96.4%`: say whose.
            subject = _subject(last.name if last else "") or _subject(text[sentence.start:m.start()], clause=True)
            name = (subject or "") + name
        if len(name) < 2 or (value, evidence.start) in seen:
            continue
        found = _SENTENCE_PERIOD_RE.search(sentence.text)
        period = found.group() if found else None
        if period is None and out and "\n" not in text[positions[-1]:m.start()]:
            period = out[-1].period  # `一季度,…。149个工业项目完成投资…`: the paragraph's period
        if (name, period) in used:
            # The store keeps one indicator per name and period: `总投资` of each category needs its subject.
            counted = _CATEGORY_RE.search(text, sentence.start, m.start())
            name = (counted["subject"] if counted else "") + name
            n = 2
            while (f"{name}({n})" if n > 2 else name, period) in used:
                n += 1
            name = f"{name}({n})" if n > 2 else name
        used.add((name, period))
        last = Indicator(name, value, unit, period, None, [evidence], m.start())
        out.append(last)
        positions.append(m.start())
    # A headline repeats a figure of the body (`签约项目12个总投资156亿元`): keep the body's.
    titles = [(t.start, t.end) for a in doc.articles for t in a.titles]
    in_body = {(i.value, i.unit) for i, pos in zip(out, positions, strict=True)
               if not any(s <= pos < e for s, e in titles)} | {(i.value, i.unit) for i in taken}
    return [i for i, pos in zip(out, positions, strict=True)
            if not (any(s <= pos < e for s, e in titles) and (i.value, i.unit) in in_body)]


def _categorise(item: str) -> str:
    for category, words in PROBLEM_CATEGORIES:
        if any(w in item for w in words):
            return category
    return "其他"


def _context_project(pos: int, project_mentions: list[ProjectMention], doc: Document) -> str | None:
    """The project last named before pos in the same paragraph."""
    for article in doc.articles:
        for paragraph in article.body:
            if paragraph.start <= pos < paragraph.end:
                before = [m for m in project_mentions if paragraph.start <= m.start <= pos]
                return before[-1].project.name if before else None
    return None


def _problems(doc: Document, project_mentions: list[ProjectMention]) -> list[Problem]:
    out, seen = [], set()
    for pattern in PROBLEM_RES:
        for m in pattern.finditer(doc.text):
            items = [m["one"]] if "one" in pattern.groupindex else m.group(1).split("、")
            project = _context_project(m.start(), project_mentions, doc)
            for item in items:
                item = _PROBLEM_VERB_PREFIX.sub("", item.strip())
                if not item or (item, m.start()) in seen:
                    continue
                seen.add((item, m.start()))
                out.append(Problem(_categorise(item), item, project, [doc.evidence(m.start())]))
    return out


def _requirements(doc: Document, mentions: list[Mention], project_mentions: list[ProjectMention]) -> list[Requirement]:
    text = doc.text
    out = []
    for mention in mentions:
        sentence = doc.sentence_at(mention.start)
        if sentence is None:
            continue
        verb_at = None
        for verb in SPEECH_VERBS:
            if text.startswith(verb, mention.end):
                verb_at = (verb, mention.end + len(verb))
                break
        if verb_at is None and mention.start == sentence.start:
            m = re.search(r",(要求|强调|指出)", text[mention.end:sentence.end])
            if m:
                verb_at = (m[1], mention.end + m.end())
        if verb_at is None:
            continue
        verb, pos = verb_at
        said = re.sub(r"^[,::\s]+", "", text[pos:sentence.end]).rstrip()
        if len(said) < 4:
            continue
        out.append(Requirement(mention.name, verb, said, _context_project(mention.start, project_mentions, doc),
                               [doc.evidence(mention.start)]))
    return out


def _articles(doc: Document) -> list[Article]:
    out = []
    for article in doc.articles:
        titles = [t.text for t in article.titles]
        anchor = (article.titles or article.body)[0]
        out.append(Article(titles[0] if titles else "", titles[1:], article.kind, [doc.evidence(anchor.start)]))
    return out


def parse(text: str, issued: datetime.date, known_names: KnownNames | None = None,
          ocr_table: str | None = None) -> Extraction:
    """Extract people, organisations, projects, events and more from one bulletin's text."""
    get_tokenizer()
    norm = normalise(text, load_ocr_corrections(ocr_table))
    known_people, known_orgs, known_projects, aliases = _known_sets(known_names, norm.text)
    doc = Document.build(norm)
    people, mentions = extract_people(doc, known_people)
    orgs, links = extract_organizations(doc, people, known_orgs, aliases)
    # A post's employer written short (`某某电驱董事长`) is the company's full name.
    for person in people:
        for post in person.titles:
            org = post.organization
            if org and not org.endswith(("公司", "银行")):
                post.organization = resolve_short(org, links) or org
    projects, project_mentions = find_projects(doc, orgs, known_projects, aliases,
                                               frozenset(p.name for p in people))
    events, dates = _events(doc, issued, mentions, project_mentions)
    attach_facts(doc, projects, project_mentions, orgs, links, {i: dates.get(i, issued) for i in
                                                                  range(len(doc.articles))})
    # Short names seen at the start of a project name (`某某半导体年产…项目`) are organisations too.
    known = {o.name for o in orgs}
    for project in projects:
        full = project.enterprise
        for short, target in links.items():
            if target == full and short not in known and project.name.startswith(short) and len(short) >= 2 \
                    and not full.startswith(short):
                orgs.append(Organization(short, "enterprise", full, list(project.evidence[:1])))
                known.add(short)
    indicators = _indicators(doc)
    return Extraction(
        issued=issued,
        people=people,
        organizations=orgs,
        projects=projects,
        events=events,
        indicators=indicators + _figures(doc, indicators),
        problems=_problems(doc, project_mentions),
        requirements=_requirements(doc, mentions, project_mentions),
        articles=_articles(doc),
    )
