"""Organisations: full names found by their generic suffix, short names by list patterns and linking."""

from __future__ import annotations

import re

from .document import Document, extend_left, name_tail
from .lexicon import (
    ENTERPRISE_SUFFIXES,
    ENTERPRISE_TITLES,
    GOVERNMENT_SUFFIXES,
    NAME_VERBS,
    ORG_FILLER_WORDS,
    OTHER_SUFFIXES,
    TITLES,
)
from .model import Organization, Person
from .segmenter import cut_window

_SCAN_SUFFIXES = ENTERPRISE_SUFFIXES + OTHER_SUFFIXES + ("街道办事处", "街道")
SUFFIX_RE = re.compile("|".join(sorted(_SCAN_SUFFIXES, key=len, reverse=True)))
_STOP_WORDS = frozenset(TITLES) | frozenset(GOVERNMENT_SUFFIXES) | frozenset({"月份", "年度", "项目"})
_INNER_WORDS = frozenset(ORG_FILLER_WORDS) | frozenset(_SCAN_SUFFIXES)
# Prefixes that make a suffix match generic: 该公司, 子公司, 多家企业集团.
_GENERIC_PREFIX_RE = re.compile(
    r"^(?:该|本|子|母|分|各|这家|那家|一家|两家|多家|数家|相关|上市|国有|民营|外资|企业|龙头|骨干|大型|中小|科技型"
    r"|三甲|三级|二级|一级|省级|市级|县级|区级|知名|重点|全国|全省|全市|本地|当地|地方|优质|头部)+$"
)
_SHORT = r"(?:(?!等)[\u4e00-\u9fffA-Za-z]){2,10}"
SHORT_LIST_RE = re.compile(
    rf"((?:{_SHORT}、)+{_SHORT})"
    r"(?:等(?:[^,。;、]{0,12}?)(?:企业|公司|厂商|车企|巨头)|(?:等[^,。;、]{0,12}?)?(?:陆续|相继|先后|纷纷)(?:落户|入驻|投产|签约|开工))"
)
# `以某某为代表的…`, `以某某为龙头`: a company named as the leader of an industry.
_LEADER_RE = re.compile(r"以(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)为(?:代表|龙头|引领|核心)")
# `作为某某行业的领军企业,某某…`: the subject after the comma is that company.
_AS_LEADER_RE = re.compile(r"作为[^,。;]{2,30}?(?:企业|公司|龙头|厂商),(?P<rest>[^,。;]{2,12})")
_DESCRIBED_RE = re.compile(r"^.*?(?:企业|厂商|龙头|公司)(?=[^企]{2,})")
# A government body of a named place: `某某市政府`, `某某市统计局`.
_PLACE_BODY_RE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,3}[省市县区])(?P<body>人民政府|政府|[\u4e00-\u9fff]{1,4}?局|发改委|商务委|经信委)"
)
_LEADING_VERBS = frozenset({"深入", "走访", "走进", "帮助", "服务", "包括", "如", "对", "为", "在", "到", "指导",
                            "支持", "联合", "与", "和", "组织", "邀请", "推动", "协调", "帮扶", "前往", "调研"})
_BRACKETED = re.compile(r"\([^()]*\)")
_TITLE_IN_RE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))


# Endings of bodies that employ people but carry no legal suffix (`某某公会`, `某某台企联`, `省台办`).
_BODY_ENDINGS = ("会", "联", "办", "委", "厅", "中心")
_PARTY_BODIES = ("市委", "区委", "县委", "省委", "党委", "党工委", "政府", "人大", "政协")


def _is_place(name: str) -> bool:
    """A bare place (`某某市`, `某某`) is not an organisation of its own."""
    tokens = cut_window(name)
    return len(tokens) == 1 and tokens[0][1] == "ns" or bool(re.fullmatch(r"[\u4e00-\u9fff]{1,4}[省市县区]", name))


def _name_like(name: str) -> bool:
    """No function word, pronoun or number inside: `以此为`, `以我们为` name no company."""
    return not any((len(word) > 1 and flag[0] in "pcdrmu") or word in "此其我这该它本之"
                   for word, flag in cut_window(name))


def _kind(suffix: str) -> str:
    if suffix in ENTERPRISE_SUFFIXES:
        return "enterprise"
    if suffix in OTHER_SUFFIXES:
        return "other"
    return "government"


def org_core(name: str) -> str:
    """Identity part of a name: no brackets, leading place, legal suffix or filler words."""
    core = _BRACKETED.sub("", name)
    changed = True
    while changed:
        changed = False
        for suffix in sorted(ENTERPRISE_SUFFIXES + OTHER_SUFFIXES + ORG_FILLER_WORDS, key=len, reverse=True):
            if core.endswith(suffix) and len(core) > len(suffix) + 1:
                core = core[: -len(suffix)]
                changed = True
    tokens = cut_window(core)
    i = 0
    while i < len(tokens) - 1 and tokens[i][1] == "ns" and len("".join(w for w, _ in tokens[i + 1:])) >= 2:
        i += 1
    return "".join(w for w, _ in tokens[i:])


def resolve_short(name: str, full_by_core: dict[str, str]) -> str | None:
    """The full company name a short name stands for (`某某集团`, `某某电驱`), if exactly one fits."""
    if name in full_by_core:
        return full_by_core[name]
    core = org_core(name) if name.endswith(("集团", "公司")) else name
    if len(core) < 2:
        return None
    if core in full_by_core:
        return full_by_core[core]
    fits = {full for c, full in full_by_core.items() if c.startswith(core) or (len(c) >= 2 and core.startswith(c))}
    return fits.pop() if len(fits) == 1 else None


def _full_names(doc: Document) -> dict[str, tuple[str, int]]:
    text = doc.text
    found: dict[str, tuple[str, int]] = {}
    spans: list[tuple[int, int, str]] = []
    for m in SUFFIX_RE.finditer(text):
        start = doc.window_start(m.start())
        window = text[start:m.start()]
        if not window or window.endswith("("):  # `先进镇(街道)` annotates, it does not name
            continue
        head = name_tail(window, allow_numbers=False, name_verbs=NAME_VERBS, stop_words=_STOP_WORDS,
                         inner_words=_INNER_WORDS)
        if len(head) < 2 or _GENERIC_PREFIX_RE.match(head):
            continue
        # Unknown names are often cut into "verbs" (精测, 启新): take the longer lenient run when it stays clean.
        longer = name_tail(window, allow_numbers=False, name_verbs=NAME_VERBS, stop_words=_STOP_WORDS,
                           inner_words=_INNER_WORDS, lenient=True)
        if longer.endswith(head) and not _GENERIC_PREFIX_RE.match(longer[: len(longer) - len(head)] or "-"):
            head = longer
        # `光伏企业某某股份有限公司`: a description before the name is not part of it.
        described = _DESCRIBED_RE.match(head)
        if described and len(head) - described.end() >= 2:
            head = head[described.end():]
        name_start = m.start() - len(head)
        spans.append((name_start, m.end(), m.group()))
    # A match inside a longer one (`协会` in `某协会有限公司`, `集团` in `(集团)`) is not a name.
    spans.sort(key=lambda s: (s[0], -s[1]))
    for i, (s, e, suffix) in enumerate(spans):
        if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in spans[max(0, i - 8):i + 8]):
            continue
        name = text[s:e]
        if name not in found:
            found[name] = (_kind(suffix), s)
    return found


def extract_organizations(doc: Document, people: list[Person], known_orgs: frozenset[str],
                          aliases: dict[str, str]) -> tuple[list[Organization], dict[str, str]]:
    """Organisations in order of appearance, and a map of every core/short name to its full name."""
    text = doc.text
    found = _full_names(doc)
    for name in known_orgs:
        if name in text and name not in found:
            found[name] = ("enterprise" if any(name.endswith(s) for s in ENTERPRISE_SUFFIXES) else "other",
                           text.index(name))
    # A company named short in a post (`某某动力董事长`) shows where its full name starts.
    shorts = sorted({p.organization for person in people for p in person.titles if p.organization}
                    | {n for n in known_orgs if n in text}, key=len, reverse=True)
    shorts = [s for s in shorts if len(s) >= 3]
    for name, (kind, pos) in list(found.items()):
        start = extend_left(text, pos, shorts)
        if start < pos and text[start:pos + len(name)] not in found:
            del found[name]
            found[text[start:pos + len(name)]] = (kind, start)
    orgs: dict[str, Organization] = {}
    for name, (kind, pos) in sorted(found.items(), key=lambda item: item[1][1]):
        if kind == "government" and not name.endswith(("街道", "街道办事处")):
            continue
        orgs[name] = Organization(name, kind, evidence=[doc.evidence(pos)])

    # Bodies named as someone's employer (`某某街道党委书记`, `某某公会理事长`, `某某机械工艺技术部副部长`).
    for person in people:
        for post in person.titles:
            org = post.organization
            if not org or org in orgs or len(org) < 4 or _is_place(org):
                continue
            if org.endswith(GOVERNMENT_SUFFIXES + _BODY_ENDINGS):
                kind = "government" if org.endswith(GOVERNMENT_SUFFIXES + ("办", "常委会")) else "other"
            elif post.title.endswith(ENTERPRISE_TITLES) and not org.endswith(_PARTY_BODIES):
                kind = "enterprise"
            else:
                continue
            orgs[org] = Organization(org, kind, evidence=list(post.evidence[:1]))

    for m in SHORT_LIST_RE.finditer(text):
        items = m.group(1).split("、")
        tokens = cut_window(items[0])
        # The first item starts after the clause's last verb or particle: `更是聚集了某某、…`.
        # A function word (`了`, `与`) ends the clause's verb; without one, the last verb does.
        function = [i for i, (_, flag) in enumerate(tokens[:-1]) if flag in ("p", "c") or flag.startswith("u")]
        verbs = [i for i, (word, flag) in enumerate(tokens[:-1]) if word in _LEADING_VERBS or flag in ("v", "d")]
        lead = function[-1] + 1 if function else verbs[-1] + 1 if verbs else 0
        items[0] = "".join(w for w, _ in tokens[lead:])
        for item in items:
            # `董事长、总经理某某等企业负责人` lists people, not companies.
            if _TITLE_IN_RE.search(item):
                continue
            if 2 <= len(item) <= 8 and item not in orgs:
                orgs[item] = Organization(item, "enterprise", evidence=[doc.evidence(m.start())])

    for m in _AS_LEADER_RE.finditer(text):
        word, flag = cut_window(m["rest"])[0]
        if len(word) >= 2 and flag in ("nr", "nrt", "nz", "nt", "j", "eng") and word not in orgs:
            orgs[word] = Organization(word, "enterprise", evidence=[doc.evidence(m.start("rest"))])
    for m in _LEADER_RE.finditer(text):
        name = m["name"]
        if name not in orgs and not _GENERIC_PREFIX_RE.match(name) and _name_like(name):
            orgs[name] = Organization(name, "enterprise", evidence=[doc.evidence(m.start())])
    for m in _PLACE_BODY_RE.finditer(text):
        tokens = cut_window(m["place"])
        name = m.group()
        if tokens and tokens[0][1] == "ns" and name not in orgs and not text.startswith(("长", "书记"), m.end()):
            orgs[name] = Organization(name, "government", evidence=[doc.evidence(m.start())])

    # Link short names to full names by their cores.
    full_by_core: dict[str, str] = {}
    ambiguous: set[str] = set()
    for org in orgs.values():
        if org.kind != "enterprise" or not org.name.endswith(("公司", "银行")):
            continue
        core = org_core(org.name)
        if len(core) >= 2:
            if core in full_by_core and full_by_core[core] != org.name:
                ambiguous.add(core)
            full_by_core.setdefault(core, org.name)
    for core in ambiguous:
        full_by_core.pop(core, None)
    for org in orgs.values():
        if org.kind == "enterprise" and not org.name.endswith(("公司", "银行")) and not org.full_name:
            target = resolve_short(org.name, full_by_core)
            if target and target != org.name:
                org.full_name = target
    links = dict(full_by_core)
    for org in orgs.values():
        if org.full_name:
            links[org.name] = org.full_name
    for short, full in aliases.items():
        links.setdefault(short, full)
    return list(orgs.values()), links
