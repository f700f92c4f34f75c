from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def lookup(mapping, key):
    """`mapping|lookup:key` — a dict entry in a template, or an empty list."""
    if not mapping:
        return []
    return mapping.get(key, [])


@register.filter
def measured(value):
    """A measured number as people write it: 1 200, 2,5 — no trailing zeros."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    number = (
        number.quantize(Decimal(1))
        if number == number.to_integral()
        else (number.normalize())
    )
    return formats.number_format(number, use_l10n=True, force_grouping=True)
