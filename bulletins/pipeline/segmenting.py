"""Split cleaned bulletin text into articles, paragraphs and sentences (offsets into the cleaned text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalising import SENTENCE_END

_SENTENCE_RE = re.compile(rf"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[”’」』)\"']*|$)")
DATE_LEAD_RE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]")
_CAPTION_RE = re.compile(r"图为|(?:左|右|上|下)图")
# A publication line (`发布时间:2019-05-20`, `2023-04-29 11:30:00 来源:某报`) belongs with the headline.
_META_RE = re.compile(
    r"^(?:发布时间|发布日期|发表时间|时间|日期|来源|作者|编辑|责任编辑|稿源)[::]"
    r"|^\d{2,4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?\s*\d{1,2}:\d{2}"
)


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Paragraph:
    start: int
    end: int
    text: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class ArticleBlock:
    titles: list[Paragraph] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    kind: str = "news"

    @property
    def start(self) -> int:
        first = (self.titles or self.body)[0]
        return first.start

    @property
    def end(self) -> int:
        last = (self.body or self.titles)[-1]
        return last.end

    @property
    def lead(self) -> Paragraph | None:
        return self.body[0] if self.body else None


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    out = []
    for m in _SENTENCE_RE.finditer(text):
        chunk = m.group()
        if not chunk.strip():
            continue
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        out.append(Sentence(offset + m.start() + left, offset + m.start() + right, chunk.strip()))
    return out


def split_paragraphs(text: str) -> list[Paragraph]:
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            para = Paragraph(start, start + len(stripped), stripped)
            para.sentences = split_sentences(stripped, start)
            out.append(para)
        pos += len(line) + 1
    return out


def is_title_line(para: Paragraph) -> bool:
    text = para.text
    if _META_RE.match(text) and len(text) < 80:
        return True
    if DATE_LEAD_RE.match(text):
        return False
    last = text.rstrip("”’」』)\"'")[-1:] if text else ""
    if last and last in SENTENCE_END:
        return False
    # A headline has at most one comma; a paragraph cut off mid-sentence still reads as running text.
    return not (text.count(",") >= 2 or ("," in text and len(text) >= 40))


def split_articles(text: str) -> list[ArticleBlock]:
    """Title lines open an article; body paragraphs follow; `图为` paragraphs become captions."""
    articles: list[ArticleBlock] = []
    current = ArticleBlock()
    for para in split_paragraphs(text):
        if is_title_line(para):
            if current.body:
                articles.append(current)
                current = ArticleBlock()
            current.titles.append(para)
        elif _CAPTION_RE.search(para.text) and len(para.text) < 200 and current.body:
            articles.append(current)
            articles.append(ArticleBlock(body=[para], kind="caption"))
            current = ArticleBlock()
        else:
            current.body.append(para)
    if current.titles or current.body:
        articles.append(current)
    return articles
