"""Chinese text to search tokens, the same way for documents and for queries.

jieba's search mode cuts words and their dictionary sub-words (太阳能 → 太阳, 太阳能). The bulletin
pipeline teaches jieba new names at run time, in its own process, so the web process may cut a
name differently from the worker that indexed it. Documents therefore also carry the character
bigrams of each Chinese run; a query that finds nothing by its jieba words is tried again by its
bigrams, so a name is found whatever jieba was taught.
"""

import functools
import re
import sys
from collections.abc import Callable

from bulletins.pipeline.segmenter import get_tokenizer

# A token is a run of letters or digits; punctuation and operators never reach a query.
_WORD_RE = re.compile(r"[^\W_]+")
_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MAX_QUERY_LENGTH = 200


def _jieba_words(text: str) -> list[str]:
    words = []
    for piece in get_tokenizer().tokenizer.lcut_for_search(text):
        words.extend(word.lower() for word in _WORD_RE.findall(piece))
    return words


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _line_tokens(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Interned: a cache of many lines then holds each distinct token once.
    bigrams = (bigram for run in _CJK_RUN_RE.findall(line) for bigram in _bigrams(run))
    return tuple(map(sys.intern, _jieba_words(line))), tuple(map(sys.intern, bigrams))


def document_tokenizer(*, cache_size: int = 0) -> Callable[[str], list[str]]:
    """A function giving a text's distinct tokens in first-seen order: jieba words, then Chinese bigrams.

    The text is cut line by line (jieba never joins words across a line break, so the tokens are the
    same), and with `cache_size` the cut of each line is remembered: builder names, places, industries
    and problem wordings repeat from record to record, and jieba is most of a rebuild's cost. Make one
    per batch of work, not per process: jieba learns names at run time (bulletins.pipeline.segmenter).
    """
    cut = functools.lru_cache(maxsize=cache_size)(_line_tokens) if cache_size else _line_tokens

    def tokens(text: str) -> list[str]:
        cuts = [cut(line) for line in text.split("\n")]
        found = dict.fromkeys(word for words, _bigrams in cuts for word in words)
        found.update(dict.fromkeys(bigram for _words, bigrams in cuts for bigram in bigrams))
        return list(found)

    return tokens


def query_clauses(query: str, *, fallback: bool = False) -> list[list[list[str]]]:
    """The query as AND of clauses; each clause is OR of alternatives; each alternative is AND of terms.

    The query is cut in jieba's accurate mode: its words are among a document's search-mode tokens.
    With `fallback`, Chinese runs are matched by their bigrams instead (a lone character as a prefix,
    "字:*"), for names jieba cut differently when the document was indexed.
    """
    query = (query or "")[:MAX_QUERY_LENGTH]
    tokenizer = get_tokenizer().tokenizer
    clauses = []
    for part in _WORD_RE.findall(query):
        for piece in filter(None, re.split(f"({_CJK_RUN_RE.pattern})", part)):
            is_chinese = bool(_CJK_RUN_RE.fullmatch(piece))
            if fallback and is_chinese:
                terms = _bigrams(piece) or [piece + ":*"]
            else:
                terms = [w.lower() for word in tokenizer.lcut(piece) for w in _WORD_RE.findall(word)]
            clause = [list(dict.fromkeys(terms))]
            if terms and clause not in clauses:
                clauses.append(clause)
    return clauses


def highlight_terms(query: str) -> list[str]:
    """What to mark in a snippet: the query's words and Chinese runs, longest first."""
    terms = set(_CJK_RUN_RE.findall((query or "")[:MAX_QUERY_LENGTH]))
    for fallback in (False, True):
        for clause in query_clauses(query, fallback=fallback):
            for alternative in clause:
                terms.update(term.removesuffix(":*") for term in alternative)
    return sorted(terms, key=len, reverse=True)
