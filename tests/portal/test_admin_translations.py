"""Editors read the Wagtail admin in Latvian: Wagtail's and wagtail-localize's own
Latvian catalogues cover about a third of it, locale/vendor/lv the rest."""

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.urls import reverse
from django.utils.translation import trans_real

from tests.processes import PROJECT_DIR

VENDOR_DIR = PROJECT_DIR / "locale/vendor/lv/LC_MESSAGES"
DOMAINS = ("django", "djangojs")
REQUIRED_SHARE = 0.98
PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>")


def vendor_app_locale_dirs():
    """The locale folders of the wagtail.* and wagtail_localize apps installed."""
    return [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in ("wagtail", "wagtail_localize")
    ]


def english_msgids(domain):
    """Catalogue keys as gettext stores them: "context\\x04msgid", plural (msgid, 0)."""
    keys = set()
    for locale_dir in vendor_app_locale_dirs():
        path = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id:
                    continue
                msgid = message.id[0] if message.pluralizable else message.id
                if message.context:
                    msgid = f"{message.context}\x04{msgid}"
                keys.add((msgid, 0) if message.pluralizable else msgid)
    return keys


def translated_share(domain):
    # Django's merged Latvian catalogue for the domain: the apps' catalogues with
    # LOCALE_PATHS (the portal's and the vendor one) taking precedence, as the
    # admin and its JavaScript catalogue read it. `_catalog` is the only place
    # that tells a translated "ID" from an untranslated one.
    catalogue = trans_real.DjangoTranslation("lv", domain=domain)._catalog
    msgids = english_msgids(domain)
    missing = sorted(str(k) for k in msgids if k not in catalogue)
    return (len(msgids) - len(missing)) / len(msgids), missing


@pytest.mark.parametrize("domain", DOMAINS)
def test_latvian_catalogue_translates_the_admin(domain):
    share, missing = translated_share(domain)

    assert share >= REQUIRED_SHARE, (
        f"{share:.1%} of the {domain} admin strings translated; missing: {missing}"
    )


def vendor_messages():
    for domain in DOMAINS:
        with (VENDOR_DIR / f"{domain}.po").open("rb") as handle:
            catalogue = read_po(handle, locale="lv")
        assert (
            catalogue.mime_headers
            and dict(catalogue.mime_headers)["Plural-Forms"] == PLURAL_FORMS
        )
        yield from (message for message in catalogue if message.id)


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_vendor_plurals_have_three_forms_and_keep_placeholders():
    checked = 0
    for message in vendor_messages():
        checked += 1
        if not message.pluralizable:
            assert placeholders(message.string) == placeholders(message.id), message.id
            continue
        singular, plural = (placeholders(text) for text in message.id)
        forms = message.string
        assert len(forms) == 3 and all(forms), message.id
        # The first form also serves 21, 31...: it may take the plural's number.
        assert placeholders(forms[0]) in (singular, plural), message.id
        assert placeholders(forms[1]) == plural, message.id
        assert placeholders(forms[2]) == plural, message.id
    assert checked > 1000


def catalogue_entry(english, latvian):
    """An entry as Django's JavaScriptCatalog writes it (JSON, non-ASCII escaped)."""
    return f"{json.dumps(english)}: {json.dumps(latvian)}"


@pytest.mark.django_db
def test_admin_javascript_catalogues_speak_latvian(admin_client):
    wagtail = admin_client.get(reverse("wagtailadmin_javascript_catalog"))
    localize = admin_client.get(reverse("wagtail_localize:javascript_catalog"))

    assert catalogue_entry("Collapse all", "Sakļaut visu") in wagtail.content.decode()
    assert catalogue_entry("Download PO file", "Lejupielādēt PO failu") in (
        localize.content.decode()
    )
