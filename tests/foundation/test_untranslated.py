"""Every page and every admin page renders in Chinese: no English UI word left on a zh-hans page.

The pages are found by walking the URL configuration and the admin's registry, so a page added tomorrow is
checked tomorrow. The data is Chinese, so a Latin word on a page is a UI string that went untranslated (a
catalogue entry, a model's choice label or verbose name, a third-party app's text) unless it is one of the
few technical words below or a value of the data itself.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from django.apps import apps
from django.contrib import admin as admin_site
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import NoReverseMatch, reverse

from accounts.roles import Role
from tests.urlconf import checked_entries, url_for

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# Words that are the same in a Chinese interface: formats, units, product and standard names, date patterns.
TECHNICAL = {
    "CSV", "XLSX", "PDF", "Word", "docx", "txt", "html", "API", "OpenAPI", "JSON", "OC", "IDS", "MW", "GW", "kW",
    "YYYY", "MM", "DD", "HH", "UTF", "GB", "GBK", "BOM", "KB", "MB", "ID", "URL", "SHA", "Redis", "Celery",
    "English", "Django", "jieba", "XZKF", "Tracker", "OCR", "PNG", "JPEG", "JPG", "WebP", "Excel", "cron", "crontab",
    "ETDZ", "AM", "PM", "http", "https", "www", "img", "pdf", "xlsx", "csv", "IP", "Cookie", "UTC", "Asia",
    "Shanghai", "tsv", "TAB", "Ctrl", "Shift", "Cmd", "Control", "Command", "Mac", "LDAP", "AMQP", "RabbitMQ",
    "HTTP", "GET", "POST", "Accept", "sha", "True", "False", "None", "dM", "MY", "enabled",
}
# What a third-party app prints without a way to translate it (no gettext around it); kept here by name, so that
# anything else untranslated still fails. Each is reported in the README's list of what remains.
REMAINING = (
    re.compile(r"^(?:›\s*|选择此对象执行操作 - )?Access Log for .* @ "),  # django-axes AccessLog.__str__
    re.compile(r"^(?:选择此对象执行操作 - )?(?:At|Every) .*Asia/Shanghai"),  # cron-descriptor's English crontab text
    re.compile(r"^[A-Za-z0-9]{1,12}\*+$"),  # the masked password hash
    # django-celery-beat: a verbose_name, two columns and two form labels that are plain strings, not gettext
    re.compile(r"^(?:以 )?(?:Task Name|Human readable:?|Scheduler|Crontab translation:)$"),
)
CODE = re.compile(r"\w*_\w*")
CJK = re.compile(r"[\u4e00-\u9fff]")
QUOTED = re.compile(r"[\"“'][^\"”']*[\"”']|\([^)]*例如[^)]*\)|（[^）]*例如[^）]*）")
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
CHART_KEYS = ("label", "unit")


def _strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_of(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings_of(item)


def visible_strings(content: str):
    """The text a reader sees: text nodes, labelling attributes, submit buttons and the charts' labels."""
    soup = BeautifulSoup(content, "html.parser")
    for chart in soup.select('script[type="application/json"]'):
        data = json.loads(chart.string or "null")
        for row in (data or {}).get("rows", []) if isinstance(data, dict) else []:
            yield str(row.get("label", "")) if isinstance(row, dict) else ""
        if isinstance(data, dict):
            yield from _strings_of(data.get("labels", {}))
            yield from _strings_of(data.get("unit", ""))
    for hidden in soup(["script", "style", "noscript", "template", "code", "pre", "textarea"]):
        hidden.decompose()
    for switch in soup.select(".lang-switch option, .site-user > span, #user-tools strong"):
        switch.decompose()  # language names in their own language; the user's login name
    for option in soup.find_all("option"):
        if option.get("value") == option.get_text(strip=True).replace(" ", "_"):
            option.decompose()  # a value shown as it is stored (a time zone, a task's import path): data
    for text in soup.find_all(string=True):
        if text.strip() and not isinstance(text, Comment):
            yield text.strip()
    for tag in soup.find_all(True):
        for attribute in ATTRIBUTES:
            if tag.get(attribute):
                yield tag[attribute]
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.get("value"):
            yield tag["value"]


def english_in(strings, allowed: set[str]) -> set[str]:
    found = set()
    for text in strings:
        if any(pattern.search(text) for pattern in REMAINING):
            continue
        if CJK.search(text):
            # A translated sentence quoting code, a setting or an example keeps it as it is.
            text = CODE.sub("", QUOTED.sub("", text))
        words = [w for w in LATIN_WORD.findall(text) if w not in TECHNICAL and w not in allowed]
        if words:
            found.add(text[:120])
    return found


def _data_words() -> set[str]:
    """Latin words the data itself holds (a file name, a unit, a schedule's name): not UI strings.

    Permissions are left out: Django stores their names in English, and the admin must not show those."""
    words = set()
    for model in apps.get_models():
        if model in (Permission, ContentType):
            continue
        for obj in model._default_manager.all()[:50]:
            for field in obj._meta.concrete_fields:
                value = getattr(obj, field.attname, None)
                if isinstance(value, (str, FieldFile)):
                    words |= set(LATIN_WORD.findall(str(value)))
    return words


@pytest.fixture
def reader(db):
    """A superuser in the admin role, named in Chinese, who may open every page and every admin page."""
    user = User.objects.create_superuser(username="管理员甲", password="correct-horse-battery-staple")
    user.groups.add(Group.objects.get(name=Role.ADMIN.value))
    return user


def _admin_urls(objects: dict) -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin_site.site._registry:
        meta = model._meta
        for name, args in (("changelist", []), ("add", [])):
            try:
                urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_{name}", args=args))
            except NoReverseMatch:
                continue
        row = objects.get(meta.model_name) or model._default_manager.order_by("pk").first()
        if row is not None and isinstance(row, model):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk]))
        app_index = reverse("admin:app_list", args=[meta.app_label])
        if app_index not in urls:
            urls.append(app_index)
    return urls


def _site_urls(objects: dict) -> list[str]:
    urls = []
    for entry in checked_entries():
        url = url_for(entry, objects)
        if url and not url.startswith("/api/") and url not in urls:
            urls.append(url)
    return urls


def _untranslated(client, urls, allowed) -> dict[str, set[str]]:
    report = {}
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        found = english_in(visible_strings(response.content.decode()), allowed)
        if found:
            report[url] = found
    return report


def _message(report: dict) -> str:
    return "untranslated UI strings:\n" + "\n".join(
        f"  {url}: {sorted(strings)}" for url, strings in sorted(report.items()))


def test_the_detector_finds_an_english_word_and_passes_chinese_and_technical_words():
    page = ('<main><h1>项目列表</h1><a title="Download">下载 CSV</a><option>Production</option>'
            '<p>20万片/月 300MW</p><script>var English = 1;</script></main>')
    assert english_in(visible_strings(page), set()) == {"Production", "Download"}


def test_every_page_renders_in_chinese(client_as, reader, one_of_each):
    report = _untranslated(client_as(reader), _site_urls(one_of_each), _data_words())
    assert report == {}, _message(report)


def test_every_admin_page_renders_in_chinese(client_as, reader, one_of_each):
    report = _untranslated(client_as(reader), _admin_urls(one_of_each), _data_words())
    assert report == {}, _message(report)


def test_the_import_review_renders_in_chinese(client_as, reader):
    """The review is reached by uploading a bulletin, not by a URL the walk can fill: upload the first seed."""
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_4dced07f19938908.txt"
    client = client_as(reader)
    upload = client.post(reverse("admin:bulletins_bulletin_import"),
                         {"file": SimpleUploadedFile("bulletin.txt", seed.read_bytes()), "issued_on": "2020-08-10"})
    review = client.get(upload["Location"])
    content = review.content.decode()

    assert review.status_code == 200 and "新增" in content
    assert english_in(visible_strings(content), _data_words()) == set()
