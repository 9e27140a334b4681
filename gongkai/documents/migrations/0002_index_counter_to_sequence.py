"""索引号 counters move to the one sequence table (core.Sequence, key documents.index/<org>/<year>)."""

from django.db import migrations


def forward(apps, schema_editor):
    IndexCounter = apps.get_model("documents", "IndexCounter")
    Sequence = apps.get_model("core", "Sequence")
    Sequence.objects.bulk_create([Sequence(key=f"documents.index/{c.org_id}/{c.year}", last=c.last)
                                  for c in IndexCounter.objects.all()], ignore_conflicts=True)


def backward(apps, schema_editor):
    IndexCounter = apps.get_model("documents", "IndexCounter")
    Sequence = apps.get_model("core", "Sequence")
    for row in Sequence.objects.filter(key__startswith="documents.index/"):
        _prefix, org_id, year = row.key.split("/")
        IndexCounter.objects.update_or_create(org_id=int(org_id), year=int(year), defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="IndexCounter"),
    ]
