"""Form fields shared by the admin and the pages."""

import re

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

SEPARATORS = re.compile(r"[、，,；;\n]+")


class NameListField(forms.CharField):
    """A list of names (a JSON list in the database) typed as 甲、乙、丙 instead of the raw `["甲", "乙"]`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Separate names with 、 or a comma."))
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "、".join(str(item) for item in value)
        return value or ""

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(item) for item in value]
        seen = []
        for name in SEPARATORS.split(super().to_python(value) or ""):
            name = name.strip()
            if name and name not in seen:
                seen.append(name)
        return seen

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class NameListAdminMixin:
    """Shows a model's `aliases` JSON list as 甲、乙 in its admin form."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "aliases":
            extra = {"help_text": db_field.help_text} if db_field.help_text else {}
            return NameListField(label=capfirst(db_field.verbose_name), **extra)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
