from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.simple_tag
def form_widget(field):
    """The field's widget, tied to its help text and errors for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


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
