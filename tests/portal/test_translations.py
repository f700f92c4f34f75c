"""Every string of the portal's own code and templates has its Latvian translation."""

import polib
import pytest

from tests.processes import PROJECT_DIR

PO_FILE = PROJECT_DIR / "locale/lv/LC_MESSAGES/django.po"


def test_latvian_catalogue_has_no_missing_or_fuzzy_translation():
    catalogue = polib.pofile(str(PO_FILE))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.django_db
def test_templates_speak_latvian_at_the_root_and_english_under_en(client):
    assert "Pāriet uz saturu" in client.get("/search/").content.decode()
    assert "Skip to content" in client.get("/en/search/").content.decode()
