"""Latvian translations are spelled as hunspell's Latvian dictionary spells them.

Every msgstr of the portal's catalogue and of the vendor catalogues (the admin)
goes through `hunspell -d lv_LV -l`. A word it does not know must be in
latvian_words.txt: names, abbreviations and compounds checked by hand. A
misspelling anywhere else fails here with the word and the message it is in.
"""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import IN_CI

PROJECT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    PROJECT / "locale/lv/LC_MESSAGES/django.po",
    PROJECT / "locale/vendor/lv/LC_MESSAGES/django.po",
    PROJECT / "locale/vendor/lv/LC_MESSAGES/djangojs.po",
]
ALLOWED = PROJECT / "tests/portal/latvian_words.txt"
# Placeholders, markup, addresses: not words of the language.
NOT_WORDS = re.compile(
    r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|&\w+;|https?://\S+|\S+@\S+"
)


@pytest.fixture(scope="module")
def hunspell():
    dictionary = Path("/usr/share/hunspell/lv_LV.dic")
    program = shutil.which("hunspell")
    if program is None or not dictionary.exists():
        message = "hunspell and hunspell-lv are not installed (make system-deps)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)

    def unknown_words(lines):
        result = subprocess.run(
            [program, "-d", "lv_LV", "-l"],
            input="\n".join(lines),
            capture_output=True,
            text=True,
            check=True,
        )
        return set(result.stdout.split())

    return unknown_words


def translated_texts():
    """(msgstr without placeholders, msgid) of every translated message."""
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text:
                    yield NOT_WORDS.sub(" ", text).replace("\n", " "), entry.msgid


def allowed_words():
    lines = ALLOWED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and line[0] != "#"}


def test_every_latvian_translation_is_spelled_correctly(hunspell):
    texts = list(translated_texts())
    misspelled = hunspell([text for text, _msgid in texts]) - allowed_words()

    where = {
        word: msgid
        for word in misspelled
        for text, msgid in texts
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    }
    assert misspelled == set(), "\n".join(
        f"{word}: in “{where.get(word, '?')}”" for word in sorted(misspelled)
    )


def test_the_list_of_allowed_words_holds_only_words_still_used(hunspell):
    unknown = hunspell([text for text, _msgid in translated_texts()])

    assert allowed_words() - unknown == set()


def test_the_check_finds_a_word_without_its_long_vowel(hunspell):
    assert hunspell(["Reģistrējieties pasakumam"]) == {"pasakumam"}
