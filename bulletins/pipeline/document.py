"""The parsed document shared by the extractors: cleaned text, articles, sentences, evidence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .model import Evidence
from .normalising import NormalisedText
from .segmenter import cut_window, word_freq
from .segmenting import ArticleBlock, Sentence, split_articles

# Characters that end a name-like run (brackets are not among them: they occur inside names).
HARD_DELIMITERS = frozenset(",,。、;;::!!??“”\"《》 \n\t")
_LEADING_STOP = "由在对与和向将把被从为及同跟经是让给据了"
# Verbs jieba sometimes tags as nouns, which would otherwise open a name.
LEADING_VERBS_RE = re.compile(
    r"^(?:办理|建设|举办|成立|组建|设立|引进|入驻|联合|依托|通过|支持|帮助|推动|服务|对接|走进|深入|前往|参观|考察"
    r"|携手|签约|落户|感谢|包括|其中|作为|成为|打造|建成|新建|投资|收购|并购|实施|推进|加快|围绕|聚焦|全力|积极"
    r"|调研|察看|查看|视察|了解|观摩|来到|走访)+了?"
)


@dataclass
class Document:
    norm: NormalisedText
    articles: list[ArticleBlock]
    sentences: list[Sentence]
    # Where figures already read as a project's fact start: not economic indicators.
    claimed: set[int] = field(default_factory=set)

    @classmethod
    def build(cls, norm: NormalisedText) -> Document:
        articles = split_articles(norm.text)
        sentences = [s for a in articles for p in a.titles + a.body for s in p.sentences]
        sentences.sort(key=lambda s: s.start)
        doc = cls(norm, articles, sentences)
        doc._starts = [s.start for s in sentences]
        return doc

    @property
    def text(self) -> str:
        return self.norm.text

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < max(self.sentences[i].end, self.sentences[i].start + 1):
            return self.sentences[i]
        return None

    def evidence(self, pos: int, end: int | None = None) -> Evidence:
        """The original-text sentence holding cleaned position pos (or the span itself)."""
        sentence = self.sentence_at(pos)
        if sentence is not None:
            start, stop = sentence.start, sentence.end
        else:
            start, stop = pos, end if end is not None else pos + 1
        o_start, o_end = self.norm.to_original(start, stop)
        return Evidence(o_start, o_end, self.norm.original[o_start:o_end])

    def window_start(self, end: int, limit: int = 40) -> int:
        """Where a name-like run ending at `end` can start: after the last hard delimiter."""
        text = self.text
        i = end
        floor = max(0, end - limit)
        while i > floor and text[i - 1] not in HARD_DELIMITERS:
            i -= 1
        return i


def extend_left(text: str, start: int, names: list[str]) -> int:
    """Where a name found at start really starts if a known name overlaps its beginning: jieba cut
    `由远航动力科技…` after 远航 (a verb), but `远航动力` is known, so the name starts at 远航."""
    best = start
    for name in names:
        for j in range(1, len(name)):
            if start - j >= 0 and text.startswith(name[j:], start) and text.startswith(name[:j], start - j):
                best = min(best, start - j)
                break
    return best


# jieba tags that end a name when walking left: verbs, prepositions, particles, adverbs, pronouns, times.
_STOP_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "rr", "rz", "v", "vd", "vg",
                         "vi", "vq", "vn", "t", "tg", "f", "y", "e", "o", "ad", "ag", "dg", "df", "i", "zg"})
_BRACKET_TOKENS = frozenset("()-·.&")
# jieba often tags pieces of unknown names as verbs or adjectives (精测, 腾高, 正极): lenient walks keep them.
_LENIENT_FLAGS = frozenset({"vn", "a", "ad", "ag", "b"})
# A "verb" jieba rarely sees is a piece of an unknown name (腾高, 启新); common verbs end the name (推动, 举行).
_RARE_VERB_FREQ = 300
# ... but a name does not start with a verb: `来到某某项目` -> `某某项目`.
_LEADING_VERB_FLAGS = frozenset({"v", "vd", "vi", "vg", "d", "ad"})
_NEVER_IN_NAME = frozenset({"要", "将", "已", "正在", "已经", "计划", "目前", "是", "有", "也", "还", "都", "并", "又"})


def name_tail(window: str, allow_numbers: bool, name_verbs: frozenset[str], stop_words: frozenset[str],
              inner_words: frozenset[str] = frozenset(), lenient: bool = False) -> str:
    """The longest run of name-like tokens at the end of window (jieba tags, walked right to left)."""
    tokens = cut_window(window)
    kept: list[str] = []
    flags: list[str] = []
    for word, flag in reversed(tokens):
        if word in stop_words:
            break
        if lenient and (word in _NEVER_IN_NAME or word.endswith(("局", "委", "办"))):
            break
        flags.append(flag)
        if word in name_verbs:
            kept.append(word)
            continue
        if lenient and (flag in _LENIENT_FLAGS or (flag in ("v", "vi", "vg") and word_freq(word) < _RARE_VERB_FREQ)):
            kept.append(word)
            continue
        if flag == "x" and not (allow_numbers and re.fullmatch(r"[\d.]+", word)):  # `年产5万吨`: 5 is x
            if word in _BRACKET_TOKENS:
                kept.append(word)
                continue
            break
        if flag in ("m", "q", "mq") or re.fullmatch(r"[\dA-Za-z.]+", word):
            if allow_numbers:
                kept.append(word)
                continue
            break
        if len(word) >= 3 and word[0] in _LEADING_STOP and flag.startswith("nr"):
            kept.append(word[1:])  # jieba glued a preposition to an unknown name: 由某某
            break
        # A verbal noun next to the legal form is part of the name (某某重工集团).
        if flag == "vn" and (not kept or kept[-1] in inner_words):
            kept.append(word)
            continue
        if flag in _STOP_FLAGS:
            break
        kept.append(word)
    if lenient:
        flags = flags[:len(kept)]
        while kept and flags[-1] in _LEADING_VERB_FLAGS and kept[-1] not in name_verbs:
            kept.pop()
            flags.pop()
    name = "".join(reversed(kept))
    # jieba glues a leading preposition to an unknown name (由某某 -> one token); a word jieba knows as
    # a proper noun (`和利…`) keeps its first character.
    known_proper = bool(kept) and dict(tokens).get(kept[-1]) == "nz"
    while len(name) > 2 and name[0] in _LEADING_STOP and not known_proper:
        name = name[1:]
    if name.count(")") > name.count("("):
        name = name[name.index(")") + 1:]
    if name.count("(") > name.count(")"):
        name = name[: name.rindex("(")] if name.rindex("(") > 0 else name[1:]
    name = name.lstrip("-·.&)")
    stripped = LEADING_VERBS_RE.sub("", name)
    return stripped if len(stripped) >= 2 else name
