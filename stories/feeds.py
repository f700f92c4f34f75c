"""Atom feeds of good-practice stories: one per school and one for the network."""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from home.feeds import FEED_LENGTH, PageFeed
from stories.models import GoodPracticeStoryPage, prepare_cards


class StoriesFeed(PageFeed):
    def feed_guid(self, page):
        return self.feed_url(page)

    def stories(self, page):
        raise NotImplementedError

    def items(self, page):
        return prepare_cards(self.stories(page)[:FEED_LENGTH], page.locale)

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return strip_tags(story.intro)

    def item_author_name(self, story):
        return story.card_school.title if story.card_school else None

    def item_categories(self, story):
        return [story.card_theme.name] if story.card_theme else []


class SchoolStoriesFeed(StoriesFeed):
    def title(self, page):
        return _("%(school)s: good-practice stories") % {"school": page.school.title}

    def subtitle(self, page):
        return strip_tags(page.intro) or None

    def stories(self, page):
        return page.stories().select_related("locale")


class NetworkStoriesFeed(StoriesFeed):
    def title(self, page):
        return _("Good-practice stories of the eco-schools network")

    def subtitle(self, page):
        return strip_tags(page.intro) or None

    def stories(self, page):
        return (
            GoodPracticeStoryPage.objects.live()
            .public()
            .filter(locale=page.locale)
            .select_related("theme", "locale")
            .order_by("-first_published_at", "-pk")
        )
