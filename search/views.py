from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page, Site

from home.models import EcoTheme, PortalPage, SchoolPage, schools_of
from search.text import clean_query, highlight

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8


def searchable_page_types():
    """Every page type of the portal, as (value, label), for the type filter."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, PortalPage) and not model._meta.abstract
    ]
    return sorted(
        ((model._meta.label_lower, model._meta.verbose_name) for model in models),
        key=lambda pair: str(pair[1]),
    )


def themed_page_ids(theme):
    """Ids of pages of every page type that has a `theme`, for the theme filter."""
    ids = set()
    for model in apps.get_models():
        if issubclass(model, PortalPage) and any(
            f.name == "theme" for f in model._meta.get_fields()
        ):
            ids.update(
                model.objects.filter(
                    theme__translation_key=theme.translation_key
                ).values_list("pk", flat=True)
            )
    return ids


def current_scope(request):
    """The school whose own site serves the request, or None on the hub."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.specific
    return root.localized if isinstance(root, SchoolPage) else None


def search(request):
    """Full-text search over live pages in the current language, with filters."""
    query, shortened = clean_query(request.GET.get("query"))
    locale = Locale.get_active()
    scope = current_scope(request)
    schools = (
        SchoolPage.objects.live().filter(locale=locale).order_by("title")
        if scope is None
        else SchoolPage.objects.none()
    )
    themes = EcoTheme.objects.filter(locale=locale).order_by("name")
    page_types = searchable_page_types()
    chosen = {
        "type": request.GET.get("type", ""),
        "school": request.GET.get("school", ""),
        "theme": request.GET.get("theme", ""),
    }

    pages = Page.objects.live().public().filter(locale=locale)
    if scope is not None:
        pages = pages.descendant_of(scope, inclusive=True)
    elif chosen["school"]:
        school = schools.filter(slug=chosen["school"]).first()
        pages = pages.descendant_of(school, inclusive=True) if school else pages.none()
    if chosen["type"] in dict(page_types):
        pages = pages.type(apps.get_model(chosen["type"]))
    if chosen["theme"]:
        theme = themes.filter(slug=chosen["theme"]).first()
        pages = pages.filter(pk__in=themed_page_ids(theme)) if theme else pages.none()

    results = pages.search(query) if query else Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        results_page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        results_page = paginator.page(1)
    except EmptyPage:
        results_page = paginator.page(paginator.num_pages)

    items, promoted = [], []
    if query:
        specific = Page.objects.filter(pk__in=[p.pk for p in results_page]).specific()
        by_pk = {page.pk: page for page in specific}
        ordered = [by_pk[p.pk] for p in results_page if p.pk in by_pk]
        school_of_page = schools_of(ordered)
        for page in ordered:
            items.append(
                {
                    "page": page,
                    "type": page.specific_class._meta.verbose_name,
                    "school": school_of_page[page.pk],
                    "date": page.search_result_date(),
                    "snippet": highlight(page.search_snippet_text(), query),
                }
            )
        search_query = Query.get(query)
        search_query.add_hit()
        promoted = [
            pick
            for pick in search_query.editors_picks.select_related("page")
            if pick.external_link_url
            or (pick.page and pick.page.live and pick.page.locale_id == locale.pk)
        ]

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "shortened": shortened,
            "results": results_page,
            "items": items,
            "promoted": promoted,
            "schools": schools,
            "themes": themes,
            "page_types": page_types,
            "chosen": chosen,
            "scope": scope,
            "filter_query": urlencode({k: v for k, v in chosen.items() if v}),
            "no_query_message": _("Type a word to search for.") if not query else "",
        },
    )


@cache_control(max_age=300, public=True)
def suggest(request):
    """Page titles that start like the typed word, for the search box."""
    query, _shortened = clean_query(request.GET.get("query"))
    if len(query) < 2:
        return JsonResponse({"suggestions": []})
    pages = Page.objects.live().public().filter(locale=Locale.get_active())
    scope = current_scope(request)
    if scope is not None:
        pages = pages.descendant_of(scope, inclusive=True)
    found = pages.autocomplete(query)[:SUGGESTIONS]
    return JsonResponse(
        {
            "suggestions": [
                {"title": page.title, "url": page.get_url(request=request)}
                for page in found
            ]
        }
    )
