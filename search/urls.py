from django.urls import path

from search.views import search, suggest

urlpatterns = [
    path("", search, name="search"),
    path("suggest/", suggest, name="search_suggest"),
]
