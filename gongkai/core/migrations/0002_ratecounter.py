from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                ("key", models.CharField(max_length=200, primary_key=True, serialize=False, verbose_name="计数键")),
                ("window_start", models.BigIntegerField(verbose_name="窗口开始")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="次数")),
            ],
            options={"verbose_name": "频率计数", "verbose_name_plural": "频率计数"},
        ),
    ]
