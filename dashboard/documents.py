"""A report (dashboard.reports.Report) as the zone files it: a .docx (python-docx) and a PDF (reportlab).

Both follow the form of an office document: the issuing unit in red (红头), the issue number and date under a
red rule, the title, the standard sentences, then the tables. They print the report's strings as they are.
"""

import io
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from lib.formatting import long_date

from .reports import Report

RED = (0xC0, 0x00, 0x00)
# TrueType fonts with Chinese glyphs, from Debian's packages (fonts-wqy-microhei, fonts-wqy-zenhei, fonts-arphic-*).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
FONT_NAME = "ReportCJK"
DOCX_FONT = "宋体"


class FontMissing(RuntimeError):
    """No font with Chinese glyphs to embed: the PDF cannot be written (the .docx can)."""


def header_lines(report: Report) -> list[str]:
    return [report.issuer, f"{report.number}　　{long_date(report.issued_on)}"]


# --- .docx ------------------------------------------------------------------------------------


def docx_bytes(report: Report) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt, RGBColor

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)

    def paragraph(text, *, size=None, bold=False, color=None, center=False):
        para = document.add_paragraph()
        run = para.add_run(text)
        run.font.bold = bold
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor(*color)
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return para

    issuer, number_line = header_lines(report)
    paragraph(issuer, size=22, bold=True, color=RED, center=True)
    rule = paragraph(number_line, center=True)
    _docx_red_rule(rule, qn)
    paragraph(report.title, size=18, bold=True, center=True)
    paragraph(report.period, center=True)
    for sentence in report.summary:
        para = paragraph(sentence)
        para.paragraph_format.first_line_indent = Pt(24)
    for table in report.tables:
        document.add_heading(table.title, level=2)
        if not table.rows:
            paragraph(table.empty)
            continue
        grid = document.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
            cell.text = header
            cell.paragraphs[0].runs[0].font.bold = True
        for row in table.rows:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = value.text
        grid.autofit = False
        for column, width in zip(grid.columns, _column_widths(table, Inches(6.3)), strict=True):
            column.width = int(width)  # the grid, which LibreOffice reads, and each cell, which Word reads
            for cell in column.cells:
                cell.width = int(width)
        if table.note:
            paragraph(table.note, size=10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_red_rule(paragraph, qn) -> None:
    """The red line under the issue number, as a bottom border of its paragraph."""
    from docx.oxml import OxmlElement

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "18", "w:space": "4", "w:color": "C00000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


# --- PDF --------------------------------------------------------------------------------------


def font_path() -> Path:
    candidates = (settings.REPORT_FONT,) if settings.REPORT_FONT else FONT_CANDIDATES
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing(_("The PDF needs a TrueType font with Chinese characters: install the Debian package "
                        "fonts-wqy-microhei or set REPORT_FONT to such a .ttf/.ttc file. The Word version "
                        "can be downloaded meanwhile."))


@cache
def _register_font(path: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
    except TTFError as error:
        raise FontMissing(_("The font %(path)s cannot be embedded in a PDF (%(error)s); set REPORT_FONT to a "
                            "TrueType font with Chinese characters.") % {"path": path, "error": error}) from error
    return FONT_NAME


def pdf_bytes(report: Report) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    font = _register_font(str(font_path()))
    red = colors.Color(*(c / 255 for c in RED))
    base = ParagraphStyle("base", fontName=font, fontSize=11, leading=17, wordWrap="CJK")
    styles = {
        "issuer": ParagraphStyle("issuer", parent=base, fontSize=24, leading=32, alignment=TA_CENTER, textColor=red),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=26, alignment=TA_CENTER, spaceBefore=6),
        "body": ParagraphStyle("body", parent=base, firstLineIndent=22, spaceBefore=4),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, leading=20, spaceBefore=10, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=13),
        "note": ParagraphStyle("note", parent=base, fontSize=9, textColor=colors.grey),
    }

    def para(text, style):
        return Paragraph(escape(text), styles[style])

    issuer, number_line = header_lines(report)
    story = [para(issuer, "issuer"), para(number_line, "center"),
             HRFlowable(width="100%", thickness=2, color=red, spaceBefore=4, spaceAfter=8),
             para(report.title, "title"), para(report.period, "center"), Spacer(1, 4 * mm)]
    story += [para(sentence, "body") for sentence in report.summary]
    width = A4[0] - 40 * mm
    for table in report.tables:
        story.append(para(table.title, "heading"))
        if not table.rows:
            story.append(para(table.empty, "body"))
            continue
        data = [[para(h, "cell") for h in table.headers]] + [[para(c.text, "cell") for c in row] for row in table.rows]
        grid = PdfTable(data, colWidths=_column_widths(table, width), repeatRows=1)
        grid.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story.append(grid)
        if table.note:
            story.append(para(table.note, "note"))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title=f"{report.title} {report.number}", author=report.issuer).build(story)
    return buffer.getvalue()


def _width(text: str) -> int:
    # A Chinese character takes twice the room of a Latin letter or a digit.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _column_widths(table, width: float, units: int = 100) -> list[float]:
    """Short columns (a number, a date, 红色) as wide as their text; the long ones share the rest by length.

    `units` is how many Latin letters the line holds at the tables' size.
    """
    longest = [max([_width(header)] + [_width(row[i].text) for row in table.rows])
               for i, header in enumerate(table.headers)]
    fixed = {i: n + 3 for i, n in enumerate(longest) if n <= 12}
    rest = max(units - sum(fixed.values()), 10)
    flexible = {i: min(n, 60) for i, n in enumerate(longest) if i not in fixed}
    shares = [fixed[i] if i in fixed else rest * flexible[i] / sum(flexible.values()) for i in range(len(longest))]
    return [width * share / sum(shares) for share in shares]
