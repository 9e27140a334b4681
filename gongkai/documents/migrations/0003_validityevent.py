# The validity history moves from the reports app to documents. Only the model's owner changes: the
# table (reports_validityevent) and its rows stay where they are.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0002_index_counter_to_sequence'),
        ('reports', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ValidityEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('', '—'), ('in_force', '有效'), ('amended', '已修改'), ('expired', '失效'), ('repealed', '废止')], max_length=20, verbose_name='效力状态')),
                        ('effective_on', models.DateField(verbose_name='生效日期')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='validity_events', to='documents.document')),
                    ],
                    options={
                        'verbose_name': '效力状态变更',
                        'verbose_name_plural': '效力状态变更',
                        'db_table': 'reports_validityevent',
                        'ordering': ['effective_on', 'id'],
                        'indexes': [models.Index(fields=['document', 'effective_on'], name='reports_val_documen_a2a07a_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
