"""Demo content for the network hub and its schools; other apps add theirs.

The content is in `home/demo_data/`: `network.yaml` (the hub and the schools) and
`legal.yaml` (the accessibility statement and the privacy notice).
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.demo_loading import (
    add_english,
    html_list,
    lv,
    paragraph,
    publish_child,
    read_demo_data,
)
from home.models import (
    AccessibilityStatementPage,
    HomePage,
    PrivacyNoticePage,
    SchoolPage,
)
from home.schools import create_school, editors_group_name, moderators_group_name

# Browsers resolve *.localhost to this machine, so under `make run` every school
# answers on its own host name, SLUG.localhost:8000.
DEMO_PORT = int(os.environ.get("PORTAL_DEMO_PORT", "8000"))


def ensure_locales():
    for code in ("lv", "en"):
        Locale.objects.get_or_create(language_code=code)


@transaction.atomic
def load_hub():
    """The hub as the default site's root, replacing Wagtail's welcome page."""
    data = read_demo_data(__file__, "network.yaml")["hub"]
    ensure_locales()
    lv_locale = Locale.objects.get(language_code="lv")
    root = Page.get_first_root_node()
    # The hub is found by its language, not its slug: it is the only one.
    hub = HomePage.objects.filter(locale=lv_locale).first()
    if hub is None:
        hub = root.add_child(
            instance=HomePage(
                title=lv(data["title"]),
                slug=data["slug"],
                intro=paragraph(data["intro"]),
                locale=lv_locale,
                live=False,
            )
        )
        hub.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", DEMO_PORT, hub
    site.site_name = data["site_name"]
    site.save()
    # The welcome page Wagtail's first migration creates is of the plain Page type.
    for page in root.get_children().exact_type(Page):
        page.delete()
    add_english(hub, data)
    return hub


def load_schools():
    for school in read_demo_data(__file__, "network.yaml")["schools"]:
        create_school(hostname=f"{school['slug']}.localhost:{DEMO_PORT}", **school)
    return SchoolPage.objects.filter(locale=Locale.get_default())


def ensure_school_staff():
    """An editor and a moderator for each demo school, so that moderation works
    out of the box. Returns (username, password) of the accounts made now: their
    passwords are shown this one time."""
    made = []
    roles = (("redaktors", editors_group_name), ("moderators", moderators_group_name))
    for school in read_demo_data(__file__, "network.yaml")["schools"]:
        for role, group_name in roles:
            username = f"{school['slug']}-{role}"
            if get_user_model().objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = get_user_model().objects.create_user(
                username, f"{username}@ekoskolas.localhost", password
            )
            user.groups.add(Group.objects.get(name=group_name(school["slug"])))
            made.append((username, password))
    return made


def _statement_fields(data, organisation, contact_email):
    return {
        "compliance": data["compliance"],
        "non_accessible_content": html_list(data["non_accessible_content"]),
        "alternatives": paragraph(data["alternatives"]),
        "enforcement": paragraph(data["enforcement"]),
        "prepared_on": data["prepared_on"],
        "reviewed_on": data["reviewed_on"],
        "organisation": organisation,
        "contact_email": contact_email,
    }


def load_legal_pages():
    """An accessibility statement for every site, a privacy notice for the network."""
    data = read_demo_data(__file__, "legal.yaml")
    statement = data["accessibility_statement"]
    hub = HomePage.objects.get(locale=Locale.get_default())
    publish_child(
        hub,
        AccessibilityStatementPage,
        statement,
        **_statement_fields(statement, hub.title, statement["network_contact_email"]),
    )
    notice = data["privacy_notice"]
    publish_child(
        hub,
        PrivacyNoticePage,
        notice,
        intro=paragraph(notice["intro"]),
        controller=lv(notice["controller"]),
    )
    for school in SchoolPage.objects.child_of(hub):
        email = statement["school_contact_email"].format(slug=school.slug)
        publish_child(
            school,
            AccessibilityStatementPage,
            statement,
            **_statement_fields(statement, school.title, email),
        )


def load():
    load_hub()
    load_schools()
    load_legal_pages()
