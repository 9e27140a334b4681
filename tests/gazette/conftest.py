"""Gazette fixtures: the county government with its office and a department, and their staff."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gongkai.catalog.models import Column
from gongkai.documents import services as documents
from gongkai.orgs.models import OrgKind, Role

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office(make_org, county):
    return make_org("yishuixzb", "沂水县人民政府办公室", parent=county, kind=OrgKind.GOVERNMENT_OFFICE)


@pytest.fixture
def department(make_org, county):
    return make_org("yishuimzj", "沂水县民政局", parent=county, kind=OrgKind.DEPARTMENT)


@pytest.fixture
def editor(make_user, county):
    return make_user("gazette_admin", county, Role.OFFICE_ADMIN)


@pytest.fixture
def publish(db):
    def make(actor, org, *, title=None, written_on=dt.date(2025, 9, 26), doc_number=None, genre="通知", body=None):
        n = next(_seq)
        column = Column.objects.filter(org=org, slug="notices").first() or Column.objects.filter(org=org).first()
        doc = documents.create_draft(
            actor=actor, org=org, column=column, title=title or f"关于做好第{n}项工作的通知",
            body=body or f"<p>各乡镇人民政府、街道办事处：现将第{n}项工作通知如下。</p>", written_on=written_on,
            doc_number=f"沂政发〔{written_on.year}〕{n}号" if doc_number is None else doc_number, genre=genre)
        return documents.mark_published(actor=actor, document=doc)

    return make
