"""An OCR correction applies wherever imported text is shown: the bulletin, its evidence, meeting summaries
and search snippets; re-applied to stored text when the table changes."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from bulletins.models import Bulletin, Evidence
from bulletins.services import bulletin_import
from meetings.models import Meeting

pytestmark = pytest.mark.django_db

VISIT = """区长张明到开发区专题调研包挂重大产业项目
8月5日上午,区长张明到开发区专题调研包挂重大产业项目,先后深入铜钢镓硒电池项目、恒远机械配件项目建设现场,了解项目进展。
铜钢镓硒电池项目总投资8亿元。张明指出,开发区要加强服务,帮助解决好资金、供电等问题。
"""


def shown_text():
    """Everything a user can read of the import."""
    bulletin = Bulletin.objects.get()
    return "\n".join([bulletin.raw_text, *Evidence.objects.values_list("sentence", flat=True),
                      *Meeting.objects.values_list("summary", flat=True)])


def search_page(client, term):
    return re.sub(r"</?mark>", "", client.get("/search/", {"q": term}).content.decode())


def test_the_table_corrects_the_text_at_import(official, client_as):
    bulletin_import(text=VISIT, issued_on=datetime.date(2020, 8, 10))
    assert "铜钢镓硒" not in shown_text()
    assert "铜铟镓硒电池项目" in Meeting.objects.get().summary
    assert all(Bulletin.objects.get().raw_text[e.start:e.end] == e.sentence for e in Evidence.objects.all())
    page = search_page(client_as(official), "铜铟镓硒")
    assert "铜铟镓硒电池项目" in page and "铜钢镓硒" not in page


def test_a_new_correction_is_reapplied_to_stored_text(settings, tmp_path, official, client_as):
    bulletin_import(text=VISIT, issued_on=datetime.date(2020, 8, 10))
    assert "恒远机械配件项目" in shown_text()
    table = tmp_path / "ocr.tsv"
    # A longer correction: offsets after it move.
    table.write_text(settings.OCR_CORRECTIONS_FILE.read_text(encoding="utf-8") + "恒远机械配件\t恒远精密机械配件\n",
                     encoding="utf-8")
    settings.OCR_CORRECTIONS_FILE = table

    out = io.StringIO()
    call_command("apply_ocr_corrections", stdout=out)
    assert "evidence" in out.getvalue()
    text = shown_text()
    assert "恒远机械配件" not in text and "恒远精密机械配件项目" in text
    bulletin = Bulletin.objects.get()
    assert all(bulletin.raw_text[e.start:e.end] == e.sentence for e in Evidence.objects.all())
    page = search_page(client_as(official), "精密")
    assert "恒远精密机械配件项目" in page

    # Run again: nothing left to correct.
    out = io.StringIO()
    call_command("apply_ocr_corrections", stdout=out)
    assert out.getvalue().strip() == "nothing to correct"
