"""Setting up a member school: pages, site, collection, groups and workflow."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import HomePage, SchoolPage, SchoolSettings
from home.translation import ensure_translation


@dataclass(frozen=True)
class Section:
    """A standard section every school gets: an index page of one area."""

    model: str
    title_lv: str
    slug_lv: str
    title_en: str
    slug_en: str


# The areas each school publishes, in menu order. An area adds its index here.
SECTIONS: list[Section] = [
    Section(
        "activities.ActionPlanIndexPage",
        "Rīcības plāni",
        "ricibas-plani",
        "Action plans",
        "action-plans",
    ),
    Section("events.EventIndexPage", "Pasākumi", "pasakumi", "Events", "events"),
    Section(
        "stories.StoryIndexPage",
        "Labās prakses stāsti",
        "labas-prakses",
        "Good-practice stories",
        "good-practice",
    ),
    Section(
        "partners.PartnerIndexPage", "Partneri", "partneri", "Partners", "partners"
    ),
    Section("surveys.ReportIndexPage", "Pārskati", "parskati", "Reports", "reports"),
]

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + [
    "publish_page",
    "lock_page",
    "unlock_page",
]
EDITOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_MEDIA_PERMISSIONS = EDITOR_MEDIA_PERMISSIONS + [
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("notifications", "view_outboxmessage"),
    # Registrations of the school's own events (the admin shows no others).
    ("events", "view_registration"),
    ("events", "add_registration"),
    ("events", "change_registration"),
]


def editors_group_name(slug):
    return f"{slug} editors"


def moderators_group_name(slug):
    return f"{slug} moderators"


def parse_hostname(value):
    """'lit.localhost:8000' -> ('lit.localhost', 8000); the port defaults to 80."""
    host, _, port = value.strip().partition(":")
    if not host or (port and not port.isdigit()):
        raise ValidationError(_("“%(value)s” is not a host name.") % {"value": value})
    return host.lower(), int(port or 80)


def get_hub():
    hub = HomePage.objects.filter(locale=Locale.get_default()).first()
    if hub is None:
        raise ValidationError(
            _("The network home page does not exist yet: run load_demo or create it.")
        )
    return hub


def editable_schools(user):
    """The schools (in the default language) whose pages `user` may edit, by name."""
    schools = SchoolPage.objects.filter(locale=Locale.get_default()).order_by("title")
    if user.is_superuser:
        return schools
    allowed = [s.pk for s in schools if s.permissions_for_user(user).can_edit()]
    return schools.filter(pk__in=allowed)


def _ensure_child(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        if not isinstance(existing, model):
            raise ValidationError(
                _("“%(slug)s” under “%(parent)s” is already used by another page.")
                % {"slug": slug, "parent": parent.title}
            )
        return existing
    page = parent.add_child(
        instance=model(
            slug=slug, locale=parent.locale, show_in_menus=True, live=False, **fields
        )
    )
    page.save_revision().publish()
    return page


def _permissions(pairs):
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in pairs
    ]


def _grant_pages(group, pages, codenames):
    for page in pages:
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )


def _grant_collection(group, collection, pairs):
    for permission in _permissions(pairs):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def grant_school_settings(group, site):
    """Let `group` edit the school settings (logo, contacts, colours) of `site`
    alone: Wagtail's per-site permission, not the model-wide one."""
    GroupSitePermission.objects.get_or_create(
        group=group,
        site=site,
        permission=Permission.objects.get(
            content_type__app_label="home", codename="change_schoolsettings"
        ),
    )


def _ensure_workflow(name, moderators, pages):
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.add(moderators)
    workflow, _created = Workflow.objects.get_or_create(name=name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
    for page in pages:
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
    return workflow


def recount_children(page_ids):
    """Write each page's true child count.

    wagtail-localize publishes a new translation when the transaction commits,
    from a revision saved before children were added under it, and the publish
    writes that revision's stale child count back (the page then shows no
    children). Queued after those publishes, this puts the count right; it can
    go when wagtail-localize publishes from the current row. Code that adds
    pages under translated parents in a transaction (a new school, the demo's
    events) queues it with `transaction.on_commit`.
    """
    for page in Page.objects.filter(pk__in=page_ids):
        # Not get_children(): treebeard answers "no children" from numchild itself.
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
        Page.objects.filter(pk=page.pk).update(numchild=children.count())


@transaction.atomic
def create_school(name, slug, hostname=None, city="", **page_fields):
    """Create or complete a school; running it again changes nothing.

    `page_fields` fill in a new SchoolPage (status, coordinates...); an existing
    one is left as its editors made it. Returns the Latvian SchoolPage.
    """
    slug = slugify(slug)
    if not slug:
        raise ValidationError(_("The slug must contain letters or digits."))
    site_address = parse_hostname(hostname) if hostname else None
    hub = get_hub()
    school = _ensure_child(hub, SchoolPage, slug, title=name, city=city, **page_fields)
    school_en = ensure_translation(school, "en", {})

    sections = []
    for section in SECTIONS:
        model = apps.get_model(section.model)
        page = _ensure_child(school, model, section.slug_lv, title=section.title_lv)
        page_en = ensure_translation(
            page,
            "en",
            {section.title_lv: section.title_en, section.slug_lv: section.slug_en},
        )
        sections += [page, page_en]

    collection = (
        Collection.get_first_root_node().get_children().filter(name=name).first()
    )
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)

    editors, _created = Group.objects.get_or_create(name=editors_group_name(slug))
    moderators, _created = Group.objects.get_or_create(name=moderators_group_name(slug))
    for group in (editors, moderators):
        group.permissions.add(*_permissions(GLOBAL_PERMISSIONS))
    school_pages = [school, school_en]
    _grant_pages(editors, school_pages, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(moderators, school_pages, MODERATOR_PAGE_PERMISSIONS)
    _grant_collection(editors, collection, EDITOR_MEDIA_PERMISSIONS)
    _grant_collection(moderators, collection, MODERATOR_MEDIA_PERMISSIONS)
    # Workflow names are data that Latvian moderators read, not interface text.
    _ensure_workflow(f"{name}: moderācija", moderators, school_pages)

    if site_address:
        host, port = site_address
        site = Site.objects.filter(hostname=host, port=port).first()
        if site is None:
            site = Site.objects.create(
                hostname=host, port=port, root_page=school, site_name=name
            )
        elif site.root_page_id != school.pk:
            raise ValidationError(
                _("%(host)s is already the address of “%(site)s”.")
                % {"host": hostname, "site": site.site_name or site.hostname}
            )
        SchoolSettings.for_site(site)
        grant_school_settings(moderators, site)
    tree = [hub, school, school_en, *sections, *hub.get_translations()]
    transaction.on_commit(lambda: recount_children([page.pk for page in tree]))
    school.sections = sections
    return school
