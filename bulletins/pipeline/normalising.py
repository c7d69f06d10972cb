"""Clean OCR text for matching while remembering where every character came from.

The cleaned text joins sentences split by page breaks, unifies punctuation and applies the OCR
correction table. `NormalisedText.to_original(start, end)` maps a span back to the input text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OCR_TABLE = Path(__file__).resolve().parent.parent / "data" / "ocr_corrections.tsv"

# One character to one character, so offsets survive; brackets and commas become ASCII.
_PUNCT = str.maketrans({
    # Full-width forms written as escapes: they look like their ASCII targets in most editors.
    "\uff08": "(", "\uff09": ")", "\uff0c": ",", "\uff1a": ":", "\uff1b": ";", "\uff01": "!", "\uff1f": "?",
    "\uff05": "%", "\uff0f": "/", "\uff0d": "-", "\uff5e": "~", "\u2014": "-", "\u2013": "-", "\u3000": " ",
    "\xa0": " ", "\t": " ", "\uff0e": ".",
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},  # full-width digits
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},  # full-width A-Z
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},  # full-width a-z
})
SENTENCE_END = "。!?!?…;"
_CLOSERS = "”’」』)》\"'"
_DATE_LEAD = re.compile(r"^\s*(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]")


@dataclass
class NormalisedText:
    original: str
    text: str
    starts: list[int]
    ends: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.starts[start], self.ends[end - 1]


@functools.lru_cache(maxsize=8)
def _load_table(path: str, mtime: float) -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        wrong, sep, right = line.partition("\t")
        if sep and wrong.strip() and wrong.strip() != right.strip():
            pairs.append((wrong.strip(), right.strip()))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def load_ocr_corrections(path: str | Path | None = None) -> tuple[tuple[str, str], ...]:
    """Read `wrong<TAB>right` lines; a missing custom file falls back to the bundled table."""
    target = Path(path) if path else DEFAULT_OCR_TABLE
    if not target.exists():
        target = DEFAULT_OCR_TABLE
    return _load_table(str(target), target.stat().st_mtime)


def _is_body_like(line: str) -> bool:
    return ("," in line or "," in line) or len(line) >= 45


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        if len(stripped) >= 2 and stripped[-2] in SENTENCE_END:
            return True
        stripped = stripped[:-1]
    # An ASCII full stop after Chinese text ends a sentence too (`…注入强劲动力.`).
    if len(stripped) >= 2 and stripped[-1] == "." and "\u4e00" <= stripped[-2] <= "\u9fff":
        return True
    return bool(stripped) and stripped[-1] in SENTENCE_END


def normalise(original: str, corrections: tuple[tuple[str, str], ...] | None = None) -> NormalisedText:
    unified = original.translate(_PUNCT)
    # Lines with their offsets; decide which line breaks are page breaks inside a sentence.
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in unified.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append((pos, pos + len(content)))
        pos += len(raw)
    keep = [True] * len(unified)
    current = ""
    previous_end = None
    for start, end in lines:
        content = unified[start:end]
        if not content.strip():
            continue
        if (previous_end is not None and current and not _ends_sentence(current) and _is_body_like(current)
                and not _DATE_LEAD.match(content)):
            j = previous_end
            while j > 0 and unified[j - 1] == " ":
                j -= 1
            for i in range(j, start):
                keep[i] = False
            # Trailing and leading spaces around a page break are layout, not text.
            i = start
            while i < end and unified[i] == " ":
                keep[i] = False
                i += 1
            current += content.strip()
        else:
            current = content.strip()
        previous_end = end
    chars = [c for c, k in zip(unified, keep, strict=True) if k]
    starts = [i for i, k in enumerate(keep) if k]
    ends = [i + 1 for i in starts]
    text = "".join(chars)
    table = load_ocr_corrections() if corrections is None else corrections
    if table:
        text, starts, ends = _apply_corrections(text, starts, ends, table)
    return NormalisedText(original, text, starts, ends)


def _apply_corrections(text: str, starts: list[int], ends: list[int],
                       table: tuple[tuple[str, str], ...]) -> tuple[str, list[int], list[int]]:
    pattern = re.compile("|".join(re.escape(wrong) for wrong, _ in table))
    if not pattern.search(text):
        return text, starts, ends
    lookup = dict(table)
    out, new_starts, new_ends = [], [], []
    last = 0
    for m in pattern.finditer(text):
        out.append(text[last:m.start()])
        new_starts.extend(starts[last:m.start()])
        new_ends.extend(ends[last:m.start()])
        right = lookup[m.group()]
        out.append(right)
        if len(right) == m.end() - m.start():
            new_starts.extend(starts[m.start():m.end()])
            new_ends.extend(ends[m.start():m.end()])
        else:
            new_starts.extend([starts[m.start()]] * len(right))
            new_ends.extend([ends[m.end() - 1]] * len(right))
        last = m.end()
    out.append(text[last:])
    new_starts.extend(starts[last:])
    new_ends.extend(ends[last:])
    return "".join(out), new_starts, new_ends
