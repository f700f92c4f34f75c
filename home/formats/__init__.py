"""Date and time formats per language (Django's FORMAT_MODULE_PATH).

Templates name a format (`|date:"DATE_FORMAT"`, `"DATETIME_FORMAT"`...) rather
than spelling one out, so a language shows its dates one way everywhere. A name
missing here falls back to Django's own module for the language.
"""
