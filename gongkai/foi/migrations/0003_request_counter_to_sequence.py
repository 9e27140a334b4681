"""Request-number counters move to the one sequence table (core.Sequence, key foi.request/<year>)."""

from django.db import migrations


def forward(apps, schema_editor):
    RequestCounter = apps.get_model("foi", "RequestCounter")
    Sequence = apps.get_model("core", "Sequence")
    Sequence.objects.bulk_create([Sequence(key=f"foi.request/{c.year}", last=c.last)
                                  for c in RequestCounter.objects.all()], ignore_conflicts=True)


def backward(apps, schema_editor):
    RequestCounter = apps.get_model("foi", "RequestCounter")
    Sequence = apps.get_model("core", "Sequence")
    for row in Sequence.objects.filter(key__startswith="foi.request/"):
        RequestCounter.objects.update_or_create(year=int(row.key.split("/")[1]), defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("foi", "0002_letters_reminders"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="RequestCounter"),
    ]
