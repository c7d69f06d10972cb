"""People and their posts: a title right before a name is the strongest signal in this genre."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import HARD_DELIMITERS, Document
from .lexicon import (
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    NAME_DELIMITERS,
    NAME_FOLLOW_CHARS,
    NAME_FOLLOW_WORDS,
    NAME_INTRODUCERS,
    NOT_IN_NAME,
    TITLE_MODIFIERS,
    TITLES,
)
from .model import Person, Post
from .segmenter import cut_window

TITLE_RE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))
TITLE_END_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + ")$")
INTRODUCER_RE = re.compile("|".join(sorted(NAME_INTRODUCERS, key=len, reverse=True)))
_FOLLOW_WORDS = tuple(sorted(NAME_FOLLOW_WORDS, key=len, reverse=True))
# Last characters that mark an organisation, not a given name.
_NOT_NAME_END = frozenset("委局厅处司区县市省会办向")
# Text before a title that is not part of the organisation.
_ORG_CUT_RE = re.compile(r".*(?:的|了|和|与|及|由|在|对|陪同|带领|以及|还有|包括|原|时任|现任|同时|兼任|是)")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
# Titles that name their own body (管委会主任): they do not share the employer of the post before them.
_BODY_TITLES = ("管委会", "党工委", "党委", "纪工委", "人大", "政协", "市委", "区委", "县委", "省委", "办事处", "街道")


@dataclass
class Mention:
    name: str
    start: int
    end: int
    chain_start: int


def _follow_score(text: str, pos: int) -> int:
    if pos >= len(text) or text[pos] in NAME_DELIMITERS:
        return 3
    if text.startswith(_FOLLOW_WORDS, pos):
        return 2
    if text[pos] in NAME_FOLLOW_CHARS:
        return 1
    return 0


def match_name(text: str, pos: int, known: frozenset[str], titled: bool = False) -> str | None:
    """A person's name starting at pos, judged by surname, length and what follows it.

    After a title (`titled`) a name is expected, so weaker evidence is enough: a character that is
    rare in given names may end one before a delimiter (`某金中,`), and jieba's person tag decides
    where a name run into a verb ends (`某某进行了`, `某某准备`)."""
    for length in (4, 3, 2):
        if text[pos:pos + length] in known and len(text[pos:pos + length]) == length:
            return text[pos:pos + length]
    if text[pos:pos + 2] in COMPOUND_SURNAMES:
        lengths = (3, 4)
    elif pos < len(text) and text[pos] in COMMON_SURNAMES:
        lengths = (2, 3)
    else:
        return None
    best, best_score = None, 0
    for length in lengths:
        candidate = text[pos:pos + length]
        if len(candidate) < length or not _CJK.fullmatch(candidate):
            continue
        if candidate[-1] in _NOT_NAME_END:
            continue
        # `王某说,`: the third character begins what follows a two-character name.
        if length == 3 and len(lengths) == 2 and _follow_score(text, pos + 2) >= 2 and text[pos + 2] not in NAME_DELIMITERS:
            continue
        score = _follow_score(text, pos + length)
        odd = [ch for ch in candidate[1:] if ch in NOT_IN_NAME]
        # `月`, `中`, `上` do occur in given names; a title before and a delimiter after vouch for them.
        if odd and not (titled and score == 3 and not any(ch in _PARTICLES for ch in odd)):
            continue
        if score > best_score:
            best, best_score = candidate, score
    if best is None and titled:
        word, flag = cut_window(text[pos:pos + 8])[0]
        if flag == "nr" and len(word) in lengths and _CJK.fullmatch(word) and word[-1] not in _NOT_NAME_END \
                and not any(ch in NOT_IN_NAME for ch in word[1:]):
            best = word
    return best


def _clean_org(org: str) -> str | None:
    org = _ORG_CUT_RE.sub("", org).strip(" ()")
    if len(org) < 2 or len(org) > 30 or not _CJK.search(org) or org in _GENERIC_EMPLOYERS:
        return None
    return org


_UNTITLED_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,3})"
    r"(?:等(?:[\u4e00-\u9fff]{0,6}?)(?:领导|同志|负责人|嘉宾)|(?:等人?)?(?:出席|参加|陪同|参会))"
)
# `公司总经理某某`: the company is named elsewhere, not here.
_GENERIC_EMPLOYERS = frozenset({"公司", "企业", "集团", "该公司", "该企业", "本公司", "项目方", "单位"})
_PARTICLES = frozenset("的了在是和与及等为对到从把被将就也都而并或但于以之其这那个们")
_UNIT_WORDS = ("项目", "工程", "车间")


def _fold_unit(org: str | None, title: str) -> tuple[str | None, str]:
    """A department or site before a post is part of the post: `某公司工艺技术部副部长` gives the post
    `工艺技术部副部长` at `某公司`; `项目执行经理` is one post without an employer."""
    if not org:
        return org, title
    if org.endswith(_UNIT_WORDS) and len(org) <= 4:
        return None, org + title
    if not org.endswith("部"):
        return org, title
    tokens = cut_window(org)
    unit = ""
    while tokens and len(unit) + len(tokens[-1][0]) <= 6 and tokens[-1][1] not in ("ns", "nt"):
        unit = tokens[-1][0] + unit
        tokens = tokens[:-1]
    if len(unit) < 2:
        return org, title
    rest = org[: len(org) - len(unit)]
    return (rest if len(rest) >= 2 else None), unit + title


def _segment_start(text: str, end: int) -> int:
    i = end
    while i > 0 and end - i < 40 and text[i - 1] not in HARD_DELIMITERS:
        i -= 1
    return i


def _post_chain(text: str, title_start: int, title: str) -> tuple[list[Post], int]:
    """Posts held by the name after title: `A公司董事长、B公司总经理` gives two posts."""
    posts: list[Post] = []
    while True:
        seg_start = _segment_start(text, title_start)
        org_text = text[seg_start:title_start]
        for modifier in TITLE_MODIFIERS:
            if org_text.endswith(modifier):
                org_text = org_text[: -len(modifier)]
                title = modifier + title
                break
        if org_text == "代":  # `代市长`: acting
            org_text, title = "", "代" + title
        # `某会常务副会长兼秘书长`: two posts; the second has no body of its own.
        joined = TITLE_END_RE.search(org_text[:-1]) if org_text.endswith("兼") else None
        if joined:
            posts.insert(0, Post(title, None))
            org_text, title = org_text[:joined.start()], joined.group()
            for modifier in TITLE_MODIFIERS:
                if org_text.endswith(modifier):
                    org_text, title = org_text[: -len(modifier)], modifier + title
                    break
        bare = _ORG_CUT_RE.sub("", org_text).strip(" ()")
        if bare in ("市", "县", "区", "省", "镇", "乡"):  # `市人大常委会主任`: the level belongs to the post
            org, title = None, bare + title
        else:
            org, title = _fold_unit(_clean_org(org_text), title)
        posts.insert(0, Post(title, org))
        if seg_start > 0 and text[seg_start - 1] == "、":
            prev_start = _segment_start(text, seg_start - 1)
            m = TITLE_END_RE.search(text, prev_start, seg_start - 1)
            if m:
                title_start, title = m.start(), m.group()
                continue
        # `某公司董事长、总经理` : a bare post after a company post is held in the same company.
        for left, post in zip(posts, posts[1:], strict=False):
            if post.organization is None and left.organization and not post.title.startswith(_BODY_TITLES):
                post.organization = left.organization
        return posts, seg_start


def _name_list(text: str, pos: int, known: frozenset[str]) -> list[tuple[str, int]]:
    """`李某、王某、张某等`: names separated by 、 starting at pos."""
    out = []
    while True:
        name = match_name(text, pos, known)
        if not name:
            return out
        out.append((name, pos))
        after = pos + len(name)
        if after < len(text) and text[after] == "、":
            pos = after + 1
            continue
        return out


def extract_people(doc: Document, known_people: frozenset[str]) -> tuple[list[Person], list[Mention]]:
    text = doc.text
    people: dict[str, Person] = {}
    chain_starts: dict[int, int] = {}

    def person(name: str) -> Person:
        if name not in people:
            people[name] = Person(name)
        return people[name]

    for m in TITLE_RE.finditer(text):
        name = match_name(text, m.end(), known_people, titled=True)
        if not name:
            continue
        posts, chain_start = _post_chain(text, m.start(), m.group())
        who = person(name)
        evidence = doc.evidence(m.end())
        for post in posts:
            post.evidence.append(evidence)
            who.add_post(post)
        chain_starts[m.end()] = chain_start
    for m in INTRODUCER_RE.finditer(text):
        names = _name_list(text, m.end(), known_people)
        for i, (name, pos) in enumerate(names):
            person(name)
            chain_starts.setdefault(pos, _segment_start(text, m.start()) if i == 0 else pos)

    # Names listed without posts: `某某、某某、某某等区领导出席`.
    def listed_name(item: str, pos: int) -> bool:
        return match_name(text, pos, known_people) == item or (
            len(item) in (2, 3) and item[0] in COMMON_SURNAMES and _follow_score(text, pos + len(item)) == 3)

    for m in _UNTITLED_LIST_RE.finditer(text):
        pos, found = m.start(), []
        items = m.group(1).split("、")
        # The first item may carry what introduces the list: `市领导某某、…`.
        for cut in range(0, len(items[0]) - 1):
            if listed_name(items[0][cut:], pos + cut):
                items[0], pos = items[0][cut:], pos + cut
                break
        for item in items:
            if not listed_name(item, pos):
                found = []
                break
            found.append((item, pos))
            pos += len(item) + 1
        for name, at in found:
            person(name)
            chain_starts.setdefault(at, at)

    # Known names from the database count even without a title.
    for name in known_people:
        if name in text and name not in people:
            person(name)

    mentions: list[Mention] = []
    if people:
        name_re = re.compile("|".join(re.escape(n) for n in sorted(people, key=len, reverse=True)))
        for m in name_re.finditer(text):
            mentions.append(Mention(m.group(), m.start(), m.end(), chain_starts.get(m.start(), m.start())))
            people[m.group()].evidence.append(doc.evidence(m.start()))
    ordered = sorted(people.values(), key=lambda p: p.evidence[0].start if p.evidence else 0)
    return ordered, mentions
