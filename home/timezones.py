"""The portal's one time zone: events, exports and mails all speak Riga time."""

from zoneinfo import ZoneInfo

from django.conf import settings

# settings.TIME_ZONE is Europe/Riga; code that needs the zone object imports it.
RIGA = ZoneInfo(settings.TIME_ZONE)
