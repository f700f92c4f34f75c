"""A PostgreSQL text search configuration that ignores diacritics.

Latvian has no Snowball stemmer; folding ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž to their
base letters lets "udens" find "ūdens" and "skola" find "skolā", as SQLite's FTS5
tokenizer already does by default. Nothing happens on other databases.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION portal_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION portal_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_unaccent")


class Migration(migrations.Migration):
    # Pages are indexed only when saved, after migrations; no ordering is needed.
    dependencies: list = []

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
