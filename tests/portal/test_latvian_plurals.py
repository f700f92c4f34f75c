"""The portal's Latvian catalogue: every plural has its three forms, and every
message speaks to people formally (jūs), as the visitor reads it."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "lv" / "LC_MESSAGES" / "django.po"
PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
COUNTS = (0, 1, 2, 9, 10, 11, 20, 21, 22, 111)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")

# Informal second-person forms (tu): imperatives a form or page would use, and
# the pronoun. Verbs are matched with their capital too, as they open sentences;
# a lower-case "pārbaudi" is also the noun ("gaida pārbaudi"), so not listed.
INFORMAL = re.compile(
    r"\b(Ievadi|ievadi|Izvēlies|izvēlies|Spied|spied|Nospied|nospied|Norādi|"
    r"norādi|Aizpildi|aizpildi|Mēģini|mēģini|Pārliecinies|pārliecinies|Izlabo|"
    r"izlabo|Klikšķini|klikšķini|Pārbaudi|Lūdzu, ievadi|[Tt]u|[Tt]ev|[Tt]evi|"
    r"[Tt]avs|[Tt]ava|[Tt]avu|[Tt]avā|[Tt]avas|[Tt]avi)\b"
)
# Participles that give the visitor a gender ("Jūs esat pieteicies") or tie a
# school's name to one ("tehnikums ... ir saņēmusi").
GENDERED = re.compile(
    r"\b(esat|esi) (pieteicies|pieteikusies|reģistrējies|reģistrējusies|"
    r"pierakstījies|pierakstījusies)\b|\)s\S* (to )?ir saņēm(is|usi)\b"
)


def latvian_form(n):
    return 0 if n % 10 == 1 and n % 100 != 11 else 1 if n != 0 else 2


def catalogue():
    with CATALOGUE.open("rb") as file:
        return read_po(file)


def plural_entries():
    return [m for m in catalogue() if m.id and m.pluralizable]


def entry_id(message):
    return message.id[0][:60]


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)))


def sample_values(text, n):
    return dict.fromkeys(re.findall(r"%\((\w+)\)", text), n)


def msgstrs(message):
    return message.string if message.pluralizable else (message.string,)


def test_the_catalogue_declares_latvians_three_forms():
    assert catalogue().plural_forms == PLURAL_FORMS


def test_there_are_plural_entries_to_check():
    assert len(plural_entries()) >= 10


@pytest.mark.parametrize("message", plural_entries(), ids=entry_id)
def test_plural_has_three_forms_with_the_msgids_placeholders(message):
    singular, plural = message.id
    forms = list(message.string)

    assert len(forms) == 3
    assert all(form.strip() for form in forms), forms
    for form in forms:
        assert placeholders(form) == placeholders(singular) == placeholders(plural), (
            form
        )


@pytest.mark.parametrize("message", plural_entries(), ids=entry_id)
def test_plural_renders_the_latvian_form_for_each_count(message):
    singular, plural = message.id
    forms = list(message.string)

    with translation.override("lv"):
        for n in COUNTS:
            if message.context:
                chosen = translation.npgettext(message.context, singular, plural, n)
            else:
                chosen = translation.ngettext(singular, plural, n)
            assert chosen == forms[latvian_form(n)], (n, chosen)
            rendered = chosen % sample_values(chosen, n) if "%(" in chosen else chosen
            assert str(n) in rendered or "%(" not in singular, (n, rendered)


@pytest.mark.parametrize(
    ("n", "form"),
    [(1, 0), (21, 0), (111, 1), (11, 1), (2, 1), (10, 1), (22, 1), (0, 2)],
)
def test_the_rule_itself(n, form):
    assert latvian_form(n) == form


def test_no_message_of_the_catalogue_uses_the_informal_tu_form():
    informal = [
        (message.id, text)
        for message in catalogue()
        if message.id
        for text in msgstrs(message)
        if text and INFORMAL.search(text)
    ]

    assert informal == []


def test_no_message_gives_the_visitor_or_a_school_a_grammatical_gender():
    gendered = [
        (message.id, text)
        for message in catalogue()
        if message.id
        for text in msgstrs(message)
        if text and GENDERED.search(text)
    ]

    assert gendered == []


def test_what_django_and_the_packages_say_in_latvian_is_formal_too():
    """Django's form errors and the packages' messages as the portal serves them.

    Installed apps' catalogues (Django REST framework's, Wagtail's) are read
    before Django's own, and some of them use "tu"; the portal's catalogue
    takes those messages over.
    """
    catalog = trans_real.translation("lv")._catalog
    msgids = {key for layer in catalog._catalogs for key in layer}
    informal = {}
    with translation.override("lv"):
        for msgid in msgids:
            if not isinstance(msgid, str) or not msgid:
                continue
            text = translation.gettext(msgid)
            if INFORMAL.search(text):
                informal[msgid] = text

    assert informal == {}


@pytest.mark.parametrize(
    ("msgid", "formal"),
    [
        ("Enter a valid email address.", "Ievadiet derīgu e-pasta adresi."),
        ("Enter a valid URL.", "Ievadiet derīgu URL."),
        ("This field is required.", None),
    ],
)
def test_form_errors_a_visitor_meets_are_formal(msgid, formal):
    with translation.override("lv"):
        text = translation.gettext(msgid)

    assert not INFORMAL.search(text)
    if formal:
        assert text == formal
