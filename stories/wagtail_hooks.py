from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from stories import admin_views
from stories.adoption import schools_user_can_adopt_for
from stories.models import GoodPracticeStoryPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("stories/<int:page_id>/adopt/", admin_views.adopt, name="stories_adopt")
    ]


class AdoptButton(PageMenuItem):
    label = _("Adopt this practice")
    icon_name = "copy"
    priority = 35

    @property
    def url(self):
        return reverse("stories_adopt", args=[self.page.pk])

    def is_shown(self, user):

        return isinstance(self.page.specific_deferred, GoodPracticeStoryPage) and bool(
            schools_user_can_adopt_for(user, self.page.specific_deferred)
        )


@hooks.register("register_page_header_buttons")
def adopt_header_button(page, user, view_name, next_url=None):
    if page.specific_class is GoodPracticeStoryPage:
        yield AdoptButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def adopt_listing_button(page, user, next_url=None):
    if page.specific_class is GoodPracticeStoryPage:
        yield AdoptButton(page=page)
