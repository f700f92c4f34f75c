"""ISO 3166-1 alpha-2 codes of the countries the network's partners come from.

A short, curated list rather than a dependency: eco-schools cooperate mostly within
Europe. Add a country here (code and English name in gettext) when a partner needs it.
"""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [
    ("LV", _("Latvia")),
    ("LT", _("Lithuania")),
    ("EE", _("Estonia")),
    ("FI", _("Finland")),
    ("SE", _("Sweden")),
    ("NO", _("Norway")),
    ("DK", _("Denmark")),
    ("IS", _("Iceland")),
    ("DE", _("Germany")),
    ("PL", _("Poland")),
    ("CZ", _("Czechia")),
    ("SK", _("Slovakia")),
    ("AT", _("Austria")),
    ("HU", _("Hungary")),
    ("SI", _("Slovenia")),
    ("HR", _("Croatia")),
    ("RO", _("Romania")),
    ("BG", _("Bulgaria")),
    ("GR", _("Greece")),
    ("CY", _("Cyprus")),
    ("MT", _("Malta")),
    ("IT", _("Italy")),
    ("ES", _("Spain")),
    ("PT", _("Portugal")),
    ("FR", _("France")),
    ("BE", _("Belgium")),
    ("NL", _("Netherlands")),
    ("LU", _("Luxembourg")),
    ("IE", _("Ireland")),
    ("GB", _("United Kingdom")),
    ("CH", _("Switzerland")),
    ("UA", _("Ukraine")),
    ("MD", _("Moldova")),
    ("GE", _("Georgia")),
    ("TR", _("Türkiye")),
    ("RS", _("Serbia")),
    ("MK", _("North Macedonia")),
    ("US", _("United States")),
    ("CA", _("Canada")),
]
