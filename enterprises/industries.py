"""The GB/T 4754-2017 industry table, kept as data in enterprises/data/gbt4754_2017.tsv.

Read by the data migration and by `manage.py load_industries` after the file gains lines.
"""

from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "gbt4754_2017.tsv"
SCHEME = "GB/T 4754-2017"


def read_table(path: Path = TABLE) -> list[dict]:
    """Rows in the file's order, each with its section letter, its division and its parent's code."""
    rows, section, known = [], None, set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, sep, name = line.partition("\t")
        code, name = code.strip(), name.strip()
        if not sep or not name:
            raise ValueError(f"{path.name}:{number}: expected code<TAB>name")
        if len(code) == 1 and code.isalpha() and code.isupper():
            section = code
            rows.append({"code": code, "name": name, "section": code, "division": code, "parent": None})
            known.add(code)
            continue
        if not (code.isdigit() and 2 <= len(code) <= 4) or section is None:
            raise ValueError(f"{path.name}:{number}: {code!r} is neither a section letter nor a 2-4 digit code")
        parent = section if len(code) == 2 else next(
            (code[:n] for n in range(len(code) - 1, 1, -1) if code[:n] in known), None
        )
        if parent is None:
            raise ValueError(f"{path.name}:{number}: {code} comes before its division")
        rows.append({"code": code, "name": name, "section": section, "division": code[:2], "parent": parent})
        known.add(code)
    return rows


def load_industries(industry_model, path: Path = TABLE) -> int:
    """Create or rename every industry of the file (parents first); returns how many rows the file has."""
    rows = read_table(path)
    division_names.cache_clear()
    for row in rows:
        industry_model.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "section": row["section"], "division": row["division"],
                      "parent_id": row["parent"]},
        )
    return len(rows)


@lru_cache(maxsize=1)
def division_names() -> dict[str, str]:
    """Names of the sections and divisions (what the overview groups by), read once per process: the standard's
    table changes only through `load_industries`, which clears this."""
    from django.db.models import F

    from .models import Industry

    return dict(Industry.objects.filter(code=F("division")).values_list("code", "name"))
