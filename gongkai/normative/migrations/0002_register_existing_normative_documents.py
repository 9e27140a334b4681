"""Register every published 行政规范性文件 that existed before the register did (see normative/automatic.py)."""

import calendar
import datetime as dt

from django.db import migrations


def _valid_until(day, title):
    years = 2 if ("暂行" in title or "试行" in title) else 5
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1])) - dt.timedelta(days=1)


def forwards(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    ValidityEvent = apps.get_model("documents", "ValidityEvent")
    NormativeDocument = apps.get_model("normative", "NormativeDocument")
    LifecycleEvent = apps.get_model("normative", "LifecycleEvent")
    states = {"in_force", "amended", "repealed", "expired"}
    docs = Document.objects.filter(status="published", attribute="proactive", genre="行政规范性文件",
                                   normative__isnull=True)
    for doc in docs.iterator():
        effective = doc.written_on or doc.published_on
        history = list(ValidityEvent.objects.filter(document=doc).order_by("effective_on", "pk"))
        item = NormativeDocument.objects.create(
            document=doc, effective_from=effective, lifecycle=doc.validity if doc.validity in states else "in_force",
            valid_until=_valid_until(effective, doc.title) if effective else None,
            lifecycle_on=history[-1].effective_on if history else None)
        state = "in_force"
        for event in history:
            to_state = event.status if event.status in states else "in_force"
            LifecycleEvent.objects.create(normative=item, from_state=state, to_state=to_state,
                                          effective_on=event.effective_on, reason=(event.note or "")[:300])
            state = to_state


class Migration(migrations.Migration):
    dependencies = [
        ("normative", "0001_initial"),
        ("documents", "0003_validityevent"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
