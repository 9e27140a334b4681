"""Builders of request and document records for report tests (real models, no mocks)."""

from __future__ import annotations

import itertools
from datetime import date

from gongkai.catalog.models import Column
from gongkai.documents.models import Document, Status
from gongkai.foi.models import DisclosureRequest

_numbers = itertools.count(1)


def add_requests(org, spec) -> list[DisclosureRequest]:
    """``spec``: (count, applicant_type, channel, received_on, replied_on or None, outcome or "")."""
    objs = []
    for count, applicant_type, channel, received, replied, outcome in spec:
        for _ in range(count):
            objs.append(DisclosureRequest(
                org=org, number=f"T{org.pk}-{next(_numbers):06d}", applicant_type=applicant_type, channel=channel,
                received_on=received, replied_on=replied, outcome=outcome,
                status="replied" if replied else "registered", due_on=received,
            ))
    return DisclosureRequest.objects.bulk_create(objs)


def add_document(org, *, genre: str, written_on: date, validity: str = "in_force", title: str = "文件",
                 status: str = Status.PUBLISHED, column_kind: str | None = None) -> Document:
    column = Column.objects.filter(org=org, **({"kind": column_kind} if column_kind else {})).first()
    return Document.objects.create(org=org, column=column, title=title, agency=org.name, genre=genre,
                                   written_on=written_on, published_on=written_on, validity=validity, status=status)
