from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0002_ratecounter")]

    operations = [
        migrations.CreateModel(
            name="UsedChallenge",
            fields=[
                ("nonce", models.CharField(max_length=32, primary_key=True, serialize=False, verbose_name="验证题编号")),
                ("expires_at", models.DateTimeField(db_index=True, verbose_name="过期时间")),
            ],
            options={"verbose_name": "已用验证题", "verbose_name_plural": "已用验证题"},
        ),
    ]
