"""Wagtail's PostgreSQL search backend, with diacritic folding for suggestions too.

Wagtail's backend suggests titles with the 'simple' configuration, so "udens"
would not suggest "Ūdens"; this one uses the portal's configuration for both.
"""

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend as WagtailPostgresSearchBackend,
)


class PostgresSearchBackend(WagtailPostgresSearchBackend):
    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = self.config


SearchBackend = PostgresSearchBackend
