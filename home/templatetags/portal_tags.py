from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per portal language: where this page lives in that language.

    A page links to its own translation; where none exists yet, to the home page
    of that language, so the switcher never leads to a 404.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            locale = Locale.objects.filter(language_code=code).first()
            translated = page.get_translation_or_none(locale) if locale else None
            if translated is not None and translated.live:
                url = translated.get_url(request=request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or ("/" if code == settings.LANGUAGE_CODE else f"/{code}/"),
                "is_current": code == current,
                "exists": url is not None,
            }
        )
    return links
