# The validity history now belongs to documents (documents 0003); the table stays, only the state moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
        ('documents', '0003_validityevent'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ValidityEvent')],
            database_operations=[],
        ),
    ]
