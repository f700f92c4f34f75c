"""Completion of schools' action plans, for the school pages and the hub.

{% load activities_tags %}
{% school_completions schools as completions %}        {# one call per list #}
{% for school in schools %}
    {% with completion=completions|completion_of:school %}
        {% include "activities/includes/completion.html" %}
    {% endwith %}
{% endfor %}

{% school_completion page as completion %}               {# on a school page #}
"""

from django import template

from activities.progress import completion_by_school

register = template.Library()


@register.simple_tag
def school_completions(schools, school_year=None):
    """{school pk: Completion or None} in three queries for any number of schools."""
    return completion_by_school(schools, school_year)


@register.simple_tag
def school_completion(school, school_year=None):
    return completion_by_school([school], school_year)[school.pk]


@register.filter
def completion_of(completions, school):
    return completions.get(school.pk) if completions else None
