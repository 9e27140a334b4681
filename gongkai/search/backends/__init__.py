"""Search backends behind one interface; ``get_backend()`` picks one from settings.GONGKAI_SEARCH_BACKEND.

A further engine (OpenSearch/Elasticsearch) is one more subclass of ``SearchBackend`` registered in
``BACKENDS``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import Hit, IndexRow, SearchBackend, SearchParams, SearchResult

BACKENDS = {
    "sqlite": "gongkai.search.backends.sqlite.SqliteBackend",
    "postgres": "gongkai.search.backends.postgres.PostgresBackend",
    "tantivy": "gongkai.search.backends.tantivy.TantivyBackend",
}


def get_backend() -> SearchBackend:
    from django.utils.module_loading import import_string

    name = getattr(settings, "GONGKAI_SEARCH_BACKEND", "sqlite")
    if name not in BACKENDS:
        raise ImproperlyConfigured(f"GONGKAI_SEARCH_BACKEND must be one of {sorted(BACKENDS)}, not {name!r}")
    return import_string(BACKENDS[name])()


__all__ = ["Hit", "IndexRow", "SearchBackend", "SearchParams", "SearchResult", "get_backend"]
