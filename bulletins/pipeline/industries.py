"""Proposes a GB/T 4754-2017 industry from a project's words, through the keyword table kept as data.

The table (bulletins/data/industry_keywords.tsv) maps a word to a code; the longest word found in the text
wins, so that a specific word beats a general one. A proposal only: the reviewer sees it beside the word.
"""

from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "data" / "industry_keywords.tsv"


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, sep, code = line.partition("\t")
        if sep and word.strip() and code.strip():
            pairs.append((word.strip(), code.strip()))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def industry_keywords(path: Path = TABLE) -> tuple[tuple[str, str], ...]:
    return _load(str(path), path.stat().st_mtime)


def propose_industry(*texts: str, table: tuple[tuple[str, str], ...] | None = None) -> tuple[str, str] | None:
    """(code, the word that proposed it) for the first of the longest words found in the texts, else None."""
    text = " ".join(t for t in texts if t)
    for word, code in table if table is not None else industry_keywords():
        if word in text:
            return code, word
    return None


def project_words(item: dict) -> list[str]:
    """What a proposed project says about itself: its name, aliases and the products of its capacities."""
    return [item.get("name") or "", *(item.get("aliases") or []),
            *(c.get("product") or "" for c in item.get("capacities") or [])]


def mark_proposals(projects: list[dict]) -> None:
    """Add `industry_code`, `industry_name` and `industry_word` to each proposed project the table matches."""
    from enterprises.models import Industry

    proposals = [propose_industry(*project_words(item)) for item in projects]
    names = dict(Industry.objects.filter(code__in={p[0] for p in proposals if p}).values_list("code", "name"))
    for item, proposal in zip(projects, proposals, strict=True):
        if proposal and proposal[0] in names:
            item["industry_code"], item["industry_word"] = proposal
            item["industry_name"] = names[proposal[0]]
