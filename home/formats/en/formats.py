"""English as the portal writes it for a European audience: day, month, year and
the 24-hour clock ("23 December 2026, 15:00").

Django's English formats are American and come in three shapes ("Dec. 23, 2026,
3 p.m.", "12/23/2026"); a visitor reading Latvian events in English should not
have to guess which number is the month.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Latvia
