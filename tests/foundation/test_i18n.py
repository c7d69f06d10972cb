"""The UI speaks Chinese by default, English on request, and the catalogue leaves nothing untranslated."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


def po_entries():
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    # msgid "…" (continued lines), then msgstr or msgstr[0]
    pattern = re.compile(r'^msgid ((?:".*"\n)+)(msgid_plural (?:".*"\n)+)?msgstr(?:\[0\])? ((?:".*"\n)+)', re.M)
    for match in pattern.finditer(text):
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        msgstr = "".join(re.findall(r'"(.*)"', match.group(3)))
        if msgid:
            yield msgid, msgstr, bool(match.group(2))


def test_every_message_has_a_chinese_translation():
    untranslated = [msgid for msgid, msgstr, _plural in po_entries() if not msgstr]
    assert untranslated == []


def test_the_compiled_catalogue_holds_every_message():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [
        msgid for msgid, msgstr, plural in po_entries()
        if "\\" not in msgid and (catalogue.ngettext(msgid, msgid, 1) if plural else catalogue.gettext(msgid)) != msgstr
    ]
    assert stale == [], "run `make messages` to recompile locale/zh_Hans"


@pytest.mark.django_db
def test_pages_are_chinese_by_default_and_english_on_request():
    chinese = Client().get("/accounts/login/").content.decode()
    assert "登录" in chinese and 'lang="zh-hans"' in chinese
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/accounts/login/").content.decode()
    assert "Log in" in english and 'lang="en"' in english
