"""FastSelect renders what Django's Select renders: the same options, escaped, the chosen one selected."""

import re

from django import forms

from lib.widgets import FastSelect

CHOICES = [("", "---------"), ("a", "<甲>"), ("b", "乙 & 丙")]


OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def options(html: str) -> list[tuple[str, bool, str]]:
    return [(value, bool(selected), label) for value, selected, label in OPTION.findall(html)]


def test_it_renders_the_same_options_as_djangos_select():
    ours = FastSelect(choices=CHOICES).render("kind", "b", {"id": "id_kind"})
    django = forms.Select(choices=CHOICES).render("kind", "b", {"id": "id_kind"})
    assert options(ours) == options(django) == [("", False, "---------"), ("a", False, "&lt;甲&gt;"),
                                                 ("b", True, "乙 &amp; 丙")]
    assert ours.startswith('<select name="kind" id="id_kind">')
