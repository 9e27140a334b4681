"""Load the shipped government terms into the editable dictionary."""

from pathlib import Path

from django.db import migrations

TERMS = Path(__file__).resolve().parent.parent / "terms.txt"


def load(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    words = [w.strip() for w in TERMS.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w, note="随系统提供") for w in words], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_text_index")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
