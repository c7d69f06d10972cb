"""One jieba tokenizer per process, with a writable cache and words added at most once."""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import threading
from collections.abc import Iterable

import jieba
import jieba.posseg

_PLACE_WORDS = ("经开区", "高新区", "开发区", "经济开发区", "经济技术开发区", "新区", "工业园区")
_lock = threading.Lock()
_ready = False
_added: set[tuple[str, str]] = set()


def _cache_dir() -> str:
    folder = os.environ.get("JIEBA_CACHE_DIR") or tempfile.gettempdir()
    os.makedirs(folder, exist_ok=True)
    return folder


def get_tokenizer() -> jieba.posseg.POSTokenizer:
    """The shared POS tokenizer; loads the dictionary on first use only."""
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.dt.tmp_dir = _cache_dir()
                jieba.dt.initialize()
                # Zone words jieba splits wrongly (`经开区` -> 经 / 开区), which breaks names around them.
                for word in _PLACE_WORDS:
                    jieba.dt.add_word(word, freq=5000, tag="ns")
                _ready = True
    return jieba.posseg.dt


def add_words(words: Iterable[str], tag: str) -> int:
    """Teach jieba names the database knows; returns how many were new."""
    tokenizer = get_tokenizer()
    new = 0
    with _lock:
        for word in words:
            word = (word or "").strip()
            if len(word) < 2 or (word, tag) in _added:
                continue
            _added.add((word, tag))
            # jieba cuts at brackets and slashes anyway; such names are matched by rules instead.
            if any(ch in word for ch in "()/ "):
                continue
            tokenizer.tokenizer.add_word(word, freq=2000, tag=tag)
            new += 1
    if new:
        cut_window.cache_clear()
    return new


@functools.lru_cache(maxsize=4096)
def cut_window(text: str) -> tuple[tuple[str, str], ...]:
    """POS-tag a short window (memoised: the same windows recur across bulletins)."""
    return tuple((w.word, w.flag) for w in get_tokenizer().cut(text))


def word_freq(word: str) -> int:
    """How often jieba's dictionary has seen word (0 if never)."""
    return get_tokenizer().tokenizer.FREQ.get(word) or 0
