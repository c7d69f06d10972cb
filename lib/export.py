"""Write a table (headers and rows) as a CSV or XLSX download; the pages and the API share it.

CSV starts with a byte-order mark so Excel opens the Chinese text as UTF-8. XLSX is written in
openpyxl's write-only mode, so memory stays flat however many rows there are.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(value):
    """A value a spreadsheet understands: numbers and dates stay typed, the rest becomes text."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return str(value)


def _safe_text(value):
    # A cell starting with = + - @ runs as a formula in Excel: neutralise text, keep real numbers.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_safe_text(_cell(v)) for v in row])
    return buffer.getvalue().encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet1") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append([_safe_text(_cell(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(headers: Sequence[str], rows: Iterable[Sequence], *, filename: str, fmt: str) -> HttpResponse:
    """An attachment response with the table in `fmt` ("csv" or "xlsx"); `filename` has no extension."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    body = write_csv(headers, rows) if fmt == "csv" else write_xlsx(headers, rows, title=filename)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}.{fmt}"
    return response
