from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_round_follow_moves_to_programs"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="address",
            field=models.CharField(blank=True, max_length=254),
        ),
        migrations.AddField(
            model_name="message",
            name="email_bytes",
            field=models.BinaryField(blank=True, default=b""),
        ),
    ]
