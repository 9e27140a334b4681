"""Hash-chain columns on the register (filled by 0004) and the verification log."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AlterField(
            model_name="auditentry", name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="时间"),
        ),
        migrations.AddField(
            model_name="auditentry", name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="链序号"),
        ),
        migrations.AddField(
            model_name="auditentry", name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="前一条哈希"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry", name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="哈希"),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="ChainCheck",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="检查时间")),
                ("intact", models.BooleanField(verbose_name="完好")),
                ("entries", models.PositiveBigIntegerField(verbose_name="条目数")),
                ("head_hash", models.CharField(blank=True, max_length=64, verbose_name="链头哈希")),
                ("anchors_checked", models.PositiveIntegerField(default=0, verbose_name="核对锚点数")),
                ("problems", models.JSONField(blank=True, default=list, verbose_name="问题")),
            ],
            options={"verbose_name": "登记簿校验记录", "verbose_name_plural": "登记簿校验记录", "ordering": ["-at", "-id"]},
        ),
    ]
