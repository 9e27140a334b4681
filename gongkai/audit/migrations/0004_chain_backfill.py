"""Chain the entries written before the hash chain existed, oldest first (by time, then id).

Runs as the table's owner (docs/deployment.md): the append-only trigger is lifted for this one
transaction and put back before it commits.
"""

from django.db import migrations

from gongkai.audit.chain import GENESIS, entry_hash


def backfill(apps, schema_editor):
    connection = schema_editor.connection
    entry_model = apps.get_model("audit", "AuditEntry")
    rows = entry_model.objects.using(connection.alias).order_by("at", "id").values(
        "id", "at", "actor_id", "actor_name", "org_id", "action", "object_type", "object_id",
        "from_state", "to_state", "comment", "data",
    )
    updates, prev_hash, prev_at = [], GENESIS, None
    for seq, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        row["seq"] = seq
        if prev_at is not None and row["at"] < prev_at:  # never: ordered by time
            row["at"] = prev_at
        digest = entry_hash(row, prev_hash)
        updates.append((seq, prev_hash, digest, row["id"]))
        prev_hash, prev_at = digest, row["at"]
    if not updates:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_no_update")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
        cursor.executemany(
            "UPDATE audit_auditentry SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s", updates
        )
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_no_update")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_fields")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
