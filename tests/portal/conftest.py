"""Portal fixtures: an isolated in-memory page cache and public/non-public documents made with the models."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.cache import cache

from gongkai.catalog.models import Column
from gongkai.documents.models import Attribute, Document, Status

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def page_cache(settings):
    """A private LocMem cache per test, so the shared file cache under var/ is never touched."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"portal-test-{next(_seq)}",
        }
    }
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def make_doc(db):
    def make(
        org,
        slug: str = "notices",
        *,
        title: str | None = None,
        status=Status.PUBLISHED,
        attribute=Attribute.PROACTIVE,
        published_on: dt.date | None = None,
        **extra,
    ) -> Document:
        n = next(_seq)
        column = Column.objects.get(org=org, slug=slug)
        return Document.objects.create(
            org=org,
            column=column,
            title=title or f"关于做好第{n}项工作的通知",
            body=extra.pop("body", "<p>正文内容。</p>"),
            agency=extra.pop("agency", org.name),
            index_number=extra.pop("index_number", f"{org.code}/2024-{n:07d}"),
            status=status,
            attribute=attribute,
            published_on=published_on or dt.date(2024, 5, 1) + dt.timedelta(days=n % 200),
            **extra,
        )

    return make
