"""Admin views of the register of personal data: the report and the export.

A school's editors and moderators see how much their school holds, per entry of
the register; the network operator (a superuser) sees the network's totals or
any one school's, and may export what the portal holds about one address.
"""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

from home import personal_data
from home.models import SchoolPage
from home.schools import editors_group_name, moderators_group_name


def staff_schools(user):
    """Default-locale schools in whose editors or moderators group the user is."""
    schools = SchoolPage.objects.filter(locale=Locale.get_default()).order_by("title")
    if user.is_superuser:
        return schools
    groups = set(user.groups.values_list("name", flat=True))
    if not groups:
        return []
    return [
        school
        for school in schools
        if {editors_group_name(school.slug), moderators_group_name(school.slug)}
        & groups
    ]


def report_rows(school=None, now=None):
    """One row per entry: records held, the oldest moment, the rule."""
    now = now or timezone.now()
    found = []
    for entry in personal_data.entries():
        inventory = entry.count(school)
        if inventory is None:
            continue
        period = entry.retention.period()
        found.append(
            {
                "entry": entry,
                "count": inventory.count,
                "oldest": inventory.oldest,
                "setting": entry.retention.setting_name,
                "due": (inventory.oldest + period)
                if inventory.oldest is not None and period is not None
                else None,
            }
        )
    return found


def report_view(request):
    schools = list(staff_schools(request.user))
    if not request.user.is_superuser and not schools:
        raise PermissionDenied
    school = None
    if request.GET.get("school"):
        school = get_object_or_404(
            SchoolPage, pk=request.GET["school"], locale=Locale.get_default()
        )
        if school not in schools:
            raise PermissionDenied
    elif not request.user.is_superuser:
        school = schools[0]
    return TemplateResponse(
        request,
        "home/admin/personal_data_report.html",
        {
            "school": school,
            "schools": schools,
            "rows": report_rows(school),
            "next_run": personal_data.next_run(),
            "can_export": request.user.is_superuser,
        },
    )


class ExportForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


def export_view(request):
    """The JSON download of one person's data; POST, so the address stays out of
    the server's access logs."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        data = personal_data.export_person(email)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"personas-dati-{slugify(email)}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return TemplateResponse(
        request, "home/admin/personal_data_export.html", {"form": form}
    )


def admin_urls():
    return [
        path("personal-data/", report_view, name="personal_data_report"),
        path("personal-data/export/", export_view, name="personal_data_export"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or bool(staff_schools(request.user))


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


def report_menu_item():
    return ReportMenuItem(
        gettext_lazy("Personal data"),
        reverse("personal_data_report"),
        icon_name="lock",
        order=900,
    )


def export_menu_item():
    return ExportMenuItem(
        gettext_lazy("Export of a person's data"),
        reverse("personal_data_export"),
        icon_name="download",
        order=901,
    )
