"""The register of personal data: every place a person's data can stay, and its rule.

Each entry names a model (or a store outside the database), the fields that hold
a name, an address, a note, an IP address or a personal link, how long they stay
(a setting, counted from a stated moment), what happens then, and who may see
them. The privacy notice, the daily retention task, erasure through the personal
link, the admin report and the export all read this one list, so what the portal
promises and what it does cannot drift apart.

Apps declare their own stores in a `personal_data.py` module of their own; the
register imports those modules by autodiscovery, so `home` imports nothing above
it. Stores of the libraries below the floor (django-axes, sessions, accounts, the
development mail folder) are declared here.

`unregistered_fields()` finds fields of installed models whose names look
personal and that are neither registered nor in `NOT_PERSONAL`, the commented
allow-list; a test keeps it empty.
"""

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

logger = logging.getLogger(__name__)

#: What replaces a name that must go but whose field may not be empty.
REDACTED = "—"

#: The beat entry of the daily retention run (the report shows its next run).
BEAT_ENTRY = "personal-data-retention"


class Treatment(models.TextChoices):
    ANONYMISED = "anonymised", _("anonymised")
    DELETED = "deleted", _("deleted")
    BLANKED = "blanked", _("blanked")


class Viewer(models.TextChoices):
    SCHOOL_STAFF = "school_staff", _("the school's editors and moderators")
    OPERATOR = "operator", _("the network operator")
    PERSON = "person", _("the person through their personal link")
    DEVELOPER = "developer", _("developers of the installation")


@dataclass(frozen=True)
class Retention:
    """How long data stays: a setting's value, counted from a stated moment.

    `setting` names a setting in days (an int), or a timedelta (django-axes'
    cool-off); `key` picks one value of a dict setting. Without a setting the
    data stays until the person or an administrator removes it.
    """

    counted_from: str
    setting: str = ""
    key: str = ""
    default: int | None = None

    def period(self) -> timedelta | None:
        if not self.setting:
            return None
        value = getattr(settings, self.setting, self.default)
        if self.key:
            value = value.get(self.key, self.default)
        if isinstance(value, timedelta):
            return value
        if value is None:
            return None
        return timedelta(days=int(value))

    def cutoff(self, now: datetime) -> datetime | None:
        period = self.period()
        return None if period is None else now - period

    @property
    def days(self) -> int | None:
        period = self.period()
        return None if period is None else period.days

    @property
    def setting_name(self) -> str:
        return f'{self.setting}["{self.key}"]' if self.key else self.setting


@dataclass(frozen=True)
class Person:
    """Whom an erasure or an export is about: an address and the names used with it."""

    email: str
    names: tuple[str, ...] = ()

    @property
    def needles(self) -> tuple[str, ...]:
        """The strings that identify the person in free text: address and names."""
        values = [self.email, *self.names]
        return tuple(v for v in {v.strip() for v in values} if len(v) >= 3)


@dataclass
class Inventory:
    count: int
    oldest: datetime | None


@dataclass
class Entry:
    """One place that holds personal data, and the rule for it.

    `held` returns the records that hold personal data now; `oldest_field` is the
    moment the retention is counted from; `school_path` is a lookup of a page
    path under the school (`"event__path"`), so a school's staff see their own.
    `expire(now)` applies the rule, `erase(person)` removes the person at once,
    `export(person)` lists what is held about them, `names(email)` the names they
    gave. Stores outside the database give `inventory` instead of `held`.
    """

    key: str
    label: str
    situation: str
    data: str
    retention: Retention
    describe: Callable[[Retention], str]
    treatment: str
    visible_to: tuple[str, ...]
    expire: Callable[[datetime], int]
    model: type[models.Model] | None = None
    fields: tuple[str, ...] = ()
    held: Callable[[], models.QuerySet] | None = None
    oldest_field: str = ""
    school_path: str = ""
    erase: Callable[[Person], int] | None = None
    export: Callable[[Person], list] | None = None
    names: Callable[[str], Iterable[str]] | None = None
    inventory: Callable[[], Inventory] | None = None
    order: int = 50
    in_notice: bool = True

    @property
    def how_long(self) -> str:
        return self.describe(self.retention)

    @property
    def viewers(self) -> str:
        labels = dict(Viewer.choices)
        return ", ".join(str(labels[viewer]) for viewer in self.visible_to)

    def count(self, school=None) -> Inventory | None:
        """How many records hold personal data and the oldest moment; None when
        the entry cannot be split by school."""
        if self.held is None:
            return self.inventory() if school is None and self.inventory else None
        queryset = self.held()
        if school is not None:
            if not self.school_path:
                return None
            queryset = queryset.filter(
                **{f"{self.school_path}__startswith": school.path}
            )
        oldest = None
        if self.oldest_field:
            oldest = queryset.aggregate(oldest=Min(self.oldest_field))["oldest"]
        return Inventory(queryset.count(), oldest)


_entries: dict[str, Entry] = {}
_discovered = False


def register(entry: Entry) -> Entry:
    _entries[entry.key] = entry
    return entry


def _discover():
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("personal_data")


def entries() -> list[Entry]:
    _discover()
    return sorted(_entries.values(), key=lambda entry: (entry.order, entry.key))


def entry(key: str) -> Entry:
    _discover()
    return _entries[key]


def registered_fields() -> set[tuple[str, str]]:
    return {
        (item.model._meta.label, name)
        for item in entries()
        if item.model is not None
        for name in item.fields
    }


# The check ---------------------------------------------------------------------

#: Parts of a field name (split at "_") that suggest a person's data.
PERSONAL_WORDS = {
    "name",
    "email",
    "mail",
    "phone",
    "mobile",
    "token",
    "ip",
    "address",
    "note",
    "notes",
    "username",
    "nonce",
    "contact",
    "agent",
    "birthday",
}

#: Fields whose names look personal but hold no private person's data, and why.
NOT_PERSONAL = {
    # Names of things, not of people: vocabularies, places, tools, workflows.
    ("home.EcoTheme", "name"): "a theme of the programme",
    ("home.SustainableDevelopmentGoal", "name"): "a UN goal",
    ("home.SchoolPage", "short_name"): "a school's short name",
    ("events.EnvironmentalDay", "name"): "a day of the calendar",
    ("events.EventPage", "location_name"): "a public venue",
    ("events.EventPage", "location_address"): "a public venue's address",
    ("surveys.SurveyField", "clean_name"): "a question's field name",
    ("wagtail_localize.StringTranslation", "tool_name"): "a machine translator",
    ("wagtailembeds.Embed", "provider_name"): "a media provider",
    ("wagtailcore.Site", "site_name"): "a website",
    ("wagtailcore.APIToken", "name"): "a label of an API token",
    ("wagtailcore.Collection", "name"): "a media collection",
    ("wagtailcore.Workflow", "name"): "a moderation workflow",
    ("wagtailcore.Task", "name"): "a workflow step",
    ("wagtailcore.GroupApprovalTask", "name"): "a workflow step",
    ("taggit.Tag", "name"): "a tag",
    ("auth.Permission", "name"): "a permission",
    ("auth.Group", "name"): "a group of accounts",
    # An embed's author is the public author of a public video or post.
    ("wagtailembeds.Embed", "author_name"): "the public author of embedded media",
    # Public contacts a school or a partner publishes as an organisation: the
    # editors enter them for publication, with the person's agreement.
    ("home.SchoolSettings", "email"): "a school's public contact",
    ("home.SchoolSettings", "phone"): "a school's public contact",
    ("home.SchoolSettings", "address"): "a school's public address",
    ("home.AccessibilityStatementPage", "contact_name"): "the statement's contact",
    ("home.AccessibilityStatementPage", "contact_email"): "the statement's contact",
    ("home.AccessibilityStatementPage", "contact_phone"): "the statement's contact",
    ("events.EventPage", "organiser_name"): "an event's public organiser",
    ("events.EventPage", "organiser_email"): "an event's public organiser",
    ("events.EventPage", "organiser_phone"): "an event's public organiser",
    ("partners.PartnerPage", "contact_name"): "a partner organisation's contact",
    ("partners.PartnerPage", "contact_email"): "a partner organisation's contact",
    ("partners.PartnerPage", "contact_phone"): "a partner organisation's contact",
}


def looks_personal(field_name: str) -> bool:
    return bool(PERSONAL_WORDS & set(field_name.lower().split("_")))


def unregistered_fields(model_list=None) -> list[tuple[str, str]]:
    """Fields that look personal and are neither in the register nor allowed."""
    known = registered_fields() | set(NOT_PERSONAL)
    found = []
    for model in model_list if model_list is not None else apps.get_models():
        for model_field in model._meta.concrete_fields:
            pair = (model._meta.label, model_field.name)
            if looks_personal(model_field.name) and pair not in known:
                found.append(pair)
    return found


# Helpers for entries -----------------------------------------------------------


def _pattern(needles: Iterable[str]):
    needles = [needle for needle in needles if needle]
    if not needles:
        return None
    return re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)


def scrub(value, needles: Iterable[str], replacement: str = REDACTED):
    """`value` (text, or JSON-like lists and dicts) with every needle replaced."""
    pattern = _pattern(needles)
    if pattern is None:
        return value

    def walk(item):
        if isinstance(item, str):
            return pattern.sub(replacement, item)
        if isinstance(item, list):
            return [walk(part) for part in item]
        if isinstance(item, dict):
            return {key: walk(part) for key, part in item.items()}
        return item

    return walk(value)


def mentions(value, needles: Iterable[str]) -> bool:
    pattern = _pattern(needles)
    if pattern is None:
        return False
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return bool(pattern.search(text))


def days_text(singular: str, plural: str) -> Callable[[Retention], str]:
    """A describe function: the sentence with the setting's number of days."""

    def describe(retention):
        days = retention.days or 0
        return ngettext(singular, plural, days) % {"days": days}

    return describe


def minutes_text(singular: str, plural: str) -> Callable[[Retention], str]:
    """A describe function for a period counted in minutes (django-axes' cool-off)."""

    def describe(retention):
        minutes = int(retention.period().total_seconds() // 60)
        return ngettext(singular, plural, minutes) % {"minutes": minutes}

    return describe


def fixed_text(text: str) -> Callable[[Retention], str]:
    return lambda retention: str(text)


def rows(queryset, *names) -> list[dict]:
    return [
        {key: (str(value) if value is not None else None) for key, value in row.items()}
        for row in queryset.values(*names)
    ]


# The register at work ----------------------------------------------------------


def run_retention(now: datetime | None = None) -> dict[str, int]:
    """Apply every entry's rule; returns how many records each one changed."""
    now = now or timezone.now()
    done = {}
    for item in entries():
        with transaction.atomic():
            done[item.key] = item.expire(now)
    return done


@shared_task(name="home.personal_data.apply_retention")
def apply_retention():
    """The daily retention run (beat entry `personal-data-retention`)."""
    done = run_retention()
    logger.info("Personal data retention: %s", done)
    return done


def person_for(email: str, names: Iterable[str] = ()) -> Person:
    """The person behind an address, with the names they gave anywhere."""
    email = email.strip().lower()
    found = {name for name in names if name and name != REDACTED}
    for item in entries():
        if item.names is not None and email:
            found |= {n for n in item.names(email) if n and n != REDACTED}
    return Person(email=email, names=tuple(sorted(found)))


@transaction.atomic
def erase_person(email: str, names: Iterable[str] = ()) -> dict[str, int]:
    """Remove at once what every entry holds about the person (self-erasure).

    Entries run in their order, so the mails that cancelling writes are caught
    by the outbox entry that comes after the registrations.
    """
    if not email:
        return {}
    person = person_for(email, names)
    return {
        item.key: item.erase(person) for item in entries() if item.erase is not None
    }


def export_person(email: str) -> dict:
    """Everything the register finds about one address, for a JSON download."""
    person = person_for(email)
    data = {
        "email": person.email,
        "names": list(person.names),
        "exported_at": timezone.now().isoformat(),
        "records": {},
    }
    for item in entries():
        if item.export is not None:
            found = item.export(person)
            if found:
                data["records"][item.key] = found
    return data


def next_run(now: datetime | None = None) -> datetime | None:
    """When beat next starts the retention run (None when it is not scheduled)."""
    now = now or timezone.now()
    scheduled = settings.CELERY_BEAT_SCHEDULE.get(BEAT_ENTRY)
    if not scheduled:
        return None
    schedule = scheduled["schedule"]
    if isinstance(schedule, int | float):
        return now + timedelta(seconds=schedule)
    local = timezone.localtime(now)
    moment = local + schedule.remaining_estimate(local)
    # The estimate lands a fraction of a second before the minute.
    return (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)


# Stores of the floor and of the libraries below it -----------------------------


def _mail_directory() -> Path | None:
    """The development backend's folder, when that backend is in use."""
    if settings.EMAIL_BACKEND != "notifications.mail.EmlFileBackend":
        return None
    return Path(settings.EMAIL_FILE_PATH)


def _mail_files():
    directory = _mail_directory()
    if directory is None or not directory.is_dir():
        return []
    return sorted(directory.glob("*.eml"))


def mail_text(path: Path) -> str:
    """A mail file as a reader sees it: headers and parts decoded."""
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    parts = [f"{key}: {value}" for key, value in message.items()]
    for part in message.walk():
        if part.is_multipart():
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            content = part.get_payload(decode=True) or b""
        if isinstance(content, bytes):
            content = content.decode("utf-8", "replace")
        parts.append(content)
    return "\n".join(parts)


def _mail_inventory() -> Inventory:
    files = _mail_files()
    oldest = None
    if files:
        oldest = datetime.fromtimestamp(
            min(path.stat().st_mtime for path in files),
            tz=timezone.get_current_timezone(),
        )
    return Inventory(len(files), oldest)


def _expire_mail_files(now):
    cutoff = entry("mail.files").retention.cutoff(now)
    removed = 0
    for path in _mail_files():
        if path.stat().st_mtime < cutoff.timestamp():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _erase_mail_files(person):
    removed = 0
    for path in _mail_files():
        if mentions(mail_text(path), person.needles):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _export_mail_files(person):
    return [
        {"file": path.name}
        for path in _mail_files()
        if mentions(mail_text(path), person.needles)
    ]


def _expire_sign_in_attempts(now):
    cutoff = entry("axes.attempts").retention.cutoff(now)
    if cutoff is None:
        return 0
    return AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]


def _expire_sign_in_logs(now):
    cutoff = entry("axes.logs").retention.cutoff(now)
    return AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]


def _expire_sign_in_failures(now):
    cutoff = entry("axes.failures").retention.cutoff(now)
    return AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]


def _erase_sign_ins(model):
    def erase(person):
        return model.objects.filter(username__iexact=person.email).delete()[0]

    return erase


def _erase_search_queries(person):
    queries = [
        query.pk
        for query in Query.objects.all()
        if mentions(query.query_string, person.needles)
    ]
    return Query.objects.filter(pk__in=queries).delete()[0] if queries else 0


def _expire_search_queries(now):
    # Wagtail's own clean-up: hits older than WAGTAILSEARCH_HITS_MAX_AGE days
    # go, then the queries with no hits left and no promoted result.
    before = Query.objects.count()
    QueryDailyHits.garbage_collect()
    Query.garbage_collect()
    return before - Query.objects.count()


def _expire_sessions(now):
    deleted, _per_model = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


def _account_names(email):
    users = get_user_model().objects.filter(email__iexact=email)
    return [
        " ".join(part for part in (user.first_name, user.last_name) if part)
        for user in users
    ]


def _export_accounts(person):
    users = get_user_model().objects.filter(email__iexact=person.email)
    return rows(users, "username", "first_name", "last_name", "email", "date_joined")


register(
    Entry(
        key="mail.files",
        label=_("Mail files of the development mail backend"),
        situation=_("Mail the portal sends (development installations)"),
        data=_("Each sent mail as a file: recipient, name and personal links."),
        retention=Retention(
            counted_from=_("the day the mail was written"),
            setting="MAIL_DELIVERY_LOG_DAYS",
        ),
        describe=days_text(
            "Mail files are deleted %(days)s day after they are written.",
            "Mail files are deleted %(days)s days after they are written.",
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.DEVELOPER,),
        expire=_expire_mail_files,
        erase=_erase_mail_files,
        export=_export_mail_files,
        inventory=_mail_inventory,
        order=95,
        in_notice=False,
    )
)

register(
    Entry(
        key="axes.attempts",
        label=_("Failed sign-in attempts"),
        situation=_("Signing in to the administration"),
        data=_("User name, IP address and browser of failed sign-ins."),
        model=AccessAttempt,
        fields=("username", "ip_address", "user_agent"),
        retention=Retention(
            counted_from=_("the last failed attempt"), setting="AXES_COOLOFF_TIME"
        ),
        describe=minutes_text(
            "Failed attempts are deleted %(minutes)s minute after the last one.",
            "Failed attempts are deleted %(minutes)s minutes after the last one.",
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.OPERATOR,),
        expire=_expire_sign_in_attempts,
        erase=_erase_sign_ins(AccessAttempt),
        held=AccessAttempt.objects.all,
        oldest_field="attempt_time",
        order=80,
    )
)

register(
    Entry(
        key="axes.logs",
        label=_("Sign-in log"),
        situation=_("Signing in to the administration"),
        data=_("User name, IP address and browser of each sign-in."),
        model=AccessLog,
        fields=("username", "ip_address", "user_agent"),
        retention=Retention(
            counted_from=_("the sign-in"), setting="SIGN_IN_LOG_RETENTION_DAYS"
        ),
        describe=days_text(
            "The sign-in log is deleted %(days)s day after the sign-in.",
            "The sign-in log is deleted %(days)s days after the sign-in.",
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.OPERATOR,),
        expire=_expire_sign_in_logs,
        erase=_erase_sign_ins(AccessLog),
        held=AccessLog.objects.all,
        oldest_field="attempt_time",
        order=81,
    )
)

register(
    Entry(
        key="axes.failures",
        label=_("Log of failed sign-ins"),
        situation=_("Signing in to the administration"),
        data=_("User name, IP address and browser of each failed sign-in."),
        model=AccessFailureLog,
        fields=("username", "ip_address", "user_agent"),
        retention=Retention(
            counted_from=_("the sign-in"), setting="SIGN_IN_LOG_RETENTION_DAYS"
        ),
        describe=days_text(
            "The sign-in log is deleted %(days)s day after the sign-in.",
            "The sign-in log is deleted %(days)s days after the sign-in.",
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.OPERATOR,),
        expire=_expire_sign_in_failures,
        erase=_erase_sign_ins(AccessFailureLog),
        held=AccessFailureLog.objects.all,
        oldest_field="attempt_time",
        order=82,
        in_notice=False,
    )
)

register(
    Entry(
        key="search.queries",
        label=_("Search queries"),
        situation=_("Searching the portal"),
        data=_(
            "The words typed into the search, counted per day, without who typed them."
        ),
        model=Query,
        fields=("query_string",),
        retention=Retention(
            counted_from=_("the last day the words were searched for"),
            # Wagtail's own setting, with Wagtail's default.
            setting="WAGTAILSEARCH_HITS_MAX_AGE",
            default=7,
        ),
        describe=days_text(
            "Deleted %(days)s day after they were last searched for, unless "
            "editors promote a result for them.",
            "Deleted %(days)s days after they were last searched for, unless "
            "editors promote a result for them.",
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.OPERATOR, Viewer.SCHOOL_STAFF),
        expire=_expire_search_queries,
        erase=_erase_search_queries,
        held=Query.objects.all,
        order=85,
    )
)

register(
    Entry(
        key="auth.sessions",
        label=_("Sessions"),
        situation=_("Signing in to the administration"),
        data=_("Which account is signed in, until the session expires."),
        model=Session,
        fields=("session_data",),
        retention=Retention(counted_from=_("the session's expiry")),
        describe=fixed_text(_("Deleted when the session expires.")),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.OPERATOR,),
        expire=_expire_sessions,
        held=Session.objects.all,
        oldest_field="expire_date",
        order=83,
        in_notice=False,
    )
)

register(
    Entry(
        key="auth.users",
        label=_("Administration accounts"),
        situation=_("Working in the administration as an editor or moderator"),
        data=_("User name, name and e-mail of the account."),
        model=get_user_model(),
        fields=("username", "first_name", "last_name", "email"),
        retention=Retention(counted_from=_("the account's creation")),
        describe=fixed_text(
            _("Kept while the account exists; the network operator deletes it.")
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.OPERATOR,),
        expire=lambda now: 0,
        held=get_user_model().objects.all,
        oldest_field="date_joined",
        names=_account_names,
        export=_export_accounts,
        order=90,
    )
)
