"""The staff document page asks the database for the user's memberships once, however many checks it makes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.orgs.models import Role
from tests.conftest import PASSWORD
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db


def _page_queries(client, user, doc):
    assert client.post("/staff/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/staff/documents/{doc.pk}/")
    assert response.status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    membership = [s for s in sqls if 'FROM "orgs_membership"' in s]
    return sqls, membership


@pytest.mark.parametrize("who", ["officer", "county_admin"])
def test_document_page_reads_memberships_once(client, township, county, officer, make_user, who):
    doc = draft(officer, township)
    user = officer if who == "officer" else make_user("county_admin", county, Role.OFFICE_ADMIN)
    sqls, membership = _page_queries(client, user, doc)
    # Before the permission policy was memoized this page read the memberships 6 times (16 queries for
    # the officer, 22 for the county admin); now 9 and 10.
    assert len(membership) == 1, membership
    assert sum('FROM "orgs_organization"' in s for s in sqls) <= 1  # the tree, for the county admin only
