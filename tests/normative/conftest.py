"""Normative fixtures: published documents in a township and the county office that runs the clean-up."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gongkai.catalog.models import Column
from gongkai.documents import services as documents
from gongkai.orgs.models import Role

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def publish(db):
    """Draft and publish a document (in the org's 行政规范性文件 column when it has one)."""

    def make(actor, org, *, title=None, written_on=dt.date(2023, 3, 1), body="<p>第一条 为规范管理，制定本办法。</p>",
             **fields):
        n = next(_seq)
        column = Column.objects.filter(org=org, slug="normative").first() or Column.objects.filter(org=org).first()
        fields.setdefault("doc_number", f"龙街办发〔{written_on.year}〕{n}号")
        doc = documents.create_draft(actor=actor, org=org, column=column, title=title or f"关于第{n}项管理工作的办法",
                                     body=body, written_on=written_on, **fields)
        return documents.mark_published(actor=actor, document=doc)

    return make


@pytest.fixture
def county_admin(make_user, county):
    return make_user("county_admin", county, Role.OFFICE_ADMIN)


@pytest.fixture
def other_officer(make_user, other_township):
    return make_user("other_officer", other_township, Role.OFFICER)
