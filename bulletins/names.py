"""How names are compared: the key a name is looked up by, its core for similarity, and the text's pieces.

Pure functions (no database), shared by the name directory, its selectors and the import.
"""

from __future__ import annotations

import re
from pathlib import Path

from enterprises.services import name_key

from .pipeline.lexicon import ENTERPRISE_SUFFIXES, ORG_FILLER_WORDS

# The name directory is searched by the first HEAD characters of a key (see `text_heads`).
HEAD = 4
MIN_KEY = 2
# Places a name may start with, not part of its identity (某地某某… ≈ 某某…): the zone's geography is data.
PLACE_PREFIXES_FILE = Path(__file__).resolve().parent / "data" / "place_prefixes.txt"
PLACE_PREFIXES = tuple(sorted(
    (line.strip() for line in PLACE_PREFIXES_FILE.read_text(encoding="utf-8").splitlines()
     if line.strip() and not line.startswith("#")),
    key=len, reverse=True,
))
_LEGAL_SUFFIXES = tuple(sorted({*ENTERPRISE_SUFFIXES, *ORG_FILLER_WORDS, "(集团)", "项目", "工程"}, key=len,
                               reverse=True))
# Characters that never occur inside a name: a piece of text holding one is no name's head.
_NOT_IN_NAME = re.compile(r"[\s。,,;;::!!??、“”\"‘’《》]")


def project_key(name: str | None) -> str:
    return name_key(name).removesuffix("项目")


def record_key(kind: str, name: str | None) -> str:
    return project_key(name) if kind == "project" else name_key(name)


def name_core(key: str) -> str:
    """The identifying part of a key: without a leading place, legal form and generic business words.

    江苏某某硅业科技发展有限公司 → 某某硅业; 徐州某某大硅片项目 → 某某大硅片. Used to find similar names only.
    """
    core = re.sub(r"^\([^)]{1,6}\)", "", key)
    changed = True
    while changed:
        changed = False
        for prefix in PLACE_PREFIXES:
            if core.startswith(prefix) and len(core) - len(prefix) >= MIN_KEY:
                core, changed = core[len(prefix):], True
                break
        for suffix in _LEGAL_SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= MIN_KEY:
                core, changed = core[: -len(suffix)], True
                break
    return core


def record_core(kind: str, key: str) -> str:
    # A person's name has no place or legal form to drop (and 区 is also a surname).
    return key if kind == "person" else name_core(key)


def key_head(key: str) -> str:
    return key[:HEAD]


def text_key(text: str) -> str:
    return name_key(text)


def text_heads(key_of_text: str) -> set[str]:
    """Every piece of the text a stored name's head could be: all runs of MIN_KEY..HEAD characters."""
    heads = set()
    for size in range(MIN_KEY, HEAD + 1):
        for start in range(len(key_of_text) - size + 1):
            piece = key_of_text[start:start + size]
            if not _NOT_IN_NAME.search(piece):
                heads.add(piece)
    return heads


def core_prefixes(core: str) -> list[str]:
    """The core and each of its beginnings: a shorter stored name (a brand) may be one of them."""
    return [core[:size] for size in range(MIN_KEY, len(core) + 1)]


def record_name_fields(kind: str, name: str, aliases) -> list[dict]:
    """The name-directory rows of one record: its name, then each alias once; keys too short are left out."""
    rows, seen = [], set()
    for written, is_alias in [(name, False), *((alias, True) for alias in aliases if alias)]:
        key = record_key(kind, written)
        if len(key) < MIN_KEY or key in seen:
            continue
        seen.add(key)
        rows.append({"kind": kind, "name": name_key(written)[:200], "key": key[:200], "head": key_head(key),
                     "core": record_core(kind, key)[:200], "is_alias": is_alias})
    return rows
