"""Builders for documents and staff used by the documents, review and backoffice tests."""

from __future__ import annotations

from gongkai.catalog.models import Column
from gongkai.documents import services
from gongkai.documents.models import Document
from gongkai.orgs.models import Role

# One user per role, the same usernames in every test.
ROLE_USERS = {
    Role.OFFICER: "officer",
    Role.OFFICE_REVIEWER: "office_rev",
    Role.LEADER_REVIEWER: "leader_rev",
    Role.SECRECY_REVIEWER: "secrecy_rev",
    Role.OFFICE_ADMIN: "office_admin",
    Role.REQUEST_HANDLER: "handler",
}


def column_of(org, slug: str = "notices") -> Column:
    return Column.objects.get(org=org, slug=slug)


def draft(actor, org, *, title: str = "关于做好2024年政务公开工作的通知", body: str = "<p>请各单位认真落实。</p>",
          **fields) -> Document:
    fields.setdefault("doc_number", "龙街办发〔2024〕3号")
    return services.create_draft(actor=actor, org=org, column=column_of(org), title=title, body=body, **fields)
