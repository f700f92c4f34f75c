"""Demo partners: the cooperation partners in LIT's 2025/2026 eco action plan.

The partners are in `partners/demo_data/partners.yaml`.
"""

from django.db import transaction
from wagtail.models import Locale

from home.demo_loading import lv, publish_child, read_demo_data
from home.models import SchoolPage, SustainableDevelopmentGoal
from partners.models import PartnerIndexPage, PartnerMilestone, PartnerPage


def _goals(numbers):
    return list(
        SustainableDevelopmentGoal.objects.filter(
            number__in=numbers, locale=Locale.get_default()
        )
    )


def _partner_fields(data):
    return {
        "intro": lv(data["intro"]),
        "kind": PartnerPage.Kind(data["kind"]),
        "country": data.get("country", "LV"),
        "city": data.get("city", ""),
        "website": data.get("website", ""),
        "agreement_status": PartnerPage.AgreementStatus(
            data.get("agreement_status", PartnerPage.AgreementStatus.NONE)
        ),
        "date_signed": data.get("date_signed"),
        "valid_until": data.get("valid_until"),
        "sdgs": _goals(data["sdgs"]),
        "milestones": [
            PartnerMilestone(
                title=lv(milestone["title"]),
                place=milestone["place"],
                starts_on=milestone["starts_on"],
                ends_on=milestone["ends_on"],
            )
            for milestone in data.get("milestones", [])
        ],
    }


@transaction.atomic
def load():
    data = read_demo_data(__file__, "partners.yaml")
    school = SchoolPage.objects.get(slug=data["school"], locale=Locale.get_default())
    index = PartnerIndexPage.objects.child_of(school).get()
    for partner in data["partners"]:
        publish_child(index, PartnerPage, partner, **_partner_fields(partner))
