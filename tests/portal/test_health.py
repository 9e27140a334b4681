"""/healthz answers 200 after a real query and 503 when the database cannot answer it."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.orgs.models import Organization

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_503_when_schema_unavailable(client):
    table = Organization._meta.db_table
    # Rename the table inside the test transaction (rolled back afterwards): the readiness query fails
    # exactly as on a database that is not migrated or not reachable.
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")
    assert client.get("/healthz").status_code == 200
