"""Internships get their own windows (nullable until the next migration fills them from
their round) and the statuses of issue #12: active, passed midterm, failed, completed,
withdrawn. Three migrations, not one: PostgreSQL refuses to alter a table in the transaction
that just updated its rows (pending trigger events)."""

from django.db import migrations, models

WINDOWS_FROM_ROUND = {
    "starts_at": "coding_start",
    "ends_at": "final_open",
    "midterm_opens": "midterm_open",
    "midterm_closes": "midterm_close",
    "final_opens": "final_open",
    "final_closes": "final_close",
}


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0003_internship_from_proposal"),
    ]

    operations = [
        migrations.AlterField(
            model_name="internship",
            name="status",
            field=models.CharField(
                choices=[
                    ("active", "In progress"),
                    ("midterm_passed", "Passed the midterm"),
                    ("failed", "Failed"),
                    ("completed", "Completed"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="active",
                max_length=20,
            ),
        ),
        *[
            migrations.AddField(
                model_name="internship", name=name, field=models.DateTimeField(null=True)
            )
            for name in WINDOWS_FROM_ROUND
        ],
        migrations.AddField(
            model_name="internship",
            name="status_changed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
