"""The national codes the zone reports with: checks that give a clear message, used by the models' fields.

- 项目代码, the national investment project code of GB/T 40058-2021: `2306-320924-89-02-799920`
  (filing year and month, the administrative division, two 2-digit codes, a 6-digit serial).
- 统一社会信用代码, the unified social credit code of GB 32100-2015: 18 characters whose last is a check
  character; python-stdnum's `cn.uscc` computes it.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

PROJECT_CODE = re.compile(r"^(\d{2})(\d{2})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$")


def project_code_normal(value: str) -> str:
    """The code as it is stored: hyphens between the five groups, no spaces; 20 bare digits get their hyphens."""
    value = re.sub(r"\s+", "", value or "").replace("—", "-").replace("－", "-")
    if re.fullmatch(r"\d{20}", value):
        value = f"{value[:4]}-{value[4:10]}-{value[10:12]}-{value[12:14]}-{value[14:]}"
    return value


def validate_project_code(value: str) -> None:
    match = PROJECT_CODE.match(project_code_normal(value))
    if not match:
        raise ValidationError(
            _("A project code is written like 2306-320924-89-02-799920 (4-6-2-2-6 digits)."), code="project_code"
        )
    if not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(
            _("The first four digits of a project code are the filing year and month; %(month)s is no month."),
            code="project_code_month", params={"month": match.group(2)},
        )


def credit_code_normal(value: str) -> str:
    return uscc.compact(value or "")


def validate_credit_code(value: str) -> None:
    try:
        uscc.validate(credit_code_normal(value))
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The last character of this unified social credit code does not match its check character."),
            code="credit_code_checksum",
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("A unified social credit code has 18 characters: digits and capital letters (GB 32100-2015)."),
            code="credit_code",
        ) from None


class ProjectCodeField(models.CharField):
    """项目代码: written back in its normal form when the row is cleaned (forms, API and admin all clean)."""

    default_validators = [validate_project_code]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 24)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return project_code_normal(value) if value else value


class CreditCodeField(models.CharField):
    """统一社会信用代码: upper case, without spaces or hyphens, once the row is cleaned."""

    default_validators = [validate_credit_code]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return credit_code_normal(value) if value else value
