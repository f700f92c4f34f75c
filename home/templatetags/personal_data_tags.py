"""The register of personal data as the privacy notice shows it."""

from django import template

from home import personal_data

register = template.Library()


@register.simple_tag
def personal_data_notice():
    """The register's entries that the public notice lists, in the register's order."""
    return [entry for entry in personal_data.entries() if entry.in_notice]
