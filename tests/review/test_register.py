"""The register (登记簿) is append-only: neither the model nor raw SQL can change or remove an entry."""

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.audit.models import AppendOnlyError, AuditEntry
from gongkai.audit.services import history
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(officer, township):
    return history(draft(officer, township)).get()


def test_model_refuses_update_and_delete(entry):
    entry.comment = "改写历史"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_queryset_update_and_delete_are_refused_by_the_database(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(comment="改写")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).comment == ""


@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit_auditentry SET action = 'x' WHERE id = %s", "DELETE FROM audit_auditentry WHERE id = %s"],
)
def test_raw_sql_cannot_change_the_register(entry, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, action="create").exists()
