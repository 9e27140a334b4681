"""Fixtures for search tests: public documents built with the real models and indexed."""

from __future__ import annotations

import datetime

import pytest

from gongkai.documents.models import Attribute, Document, Status
from gongkai.search.services import index_document


@pytest.fixture
def make_doc(township):
    def make(title: str, body: str = "", *, org=None, index: bool = True, **fields) -> Document:
        org = org or township
        fields.setdefault("column", org.columns.order_by("id").first())
        fields.setdefault("published_on", datetime.date(2023, 6, 3))
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("attribute", Attribute.PROACTIVE)
        fields.setdefault("agency", org.name)
        doc = Document.objects.create(org=org, title=title, body=body, **fields)
        if index:
            index_document(doc)
        return doc

    return make
