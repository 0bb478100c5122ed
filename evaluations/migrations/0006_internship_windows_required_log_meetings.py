"""Internships' windows are required from now on; their record of changes, and their
weekly meetings."""

import django.db.models.deletion
from django.conf import settings
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
        ("evaluations", "0005_internship_windows_from_round"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *[
            migrations.AlterField(
                model_name="internship", name=name, field=models.DateTimeField()
            )
            for name in WINDOWS_FROM_ROUND
        ],
        migrations.AddConstraint(
            model_name="internship",
            constraint=models.CheckConstraint(
                condition=models.Q(("starts_at__lt", models.F("ends_at")))
                & models.Q(("midterm_opens__lte", models.F("midterm_closes")))
                & models.Q(("final_opens__lte", models.F("final_closes"))),
                name="internship_windows_in_order",
            ),
        ),
        migrations.AddIndex(
            model_name="internship",
            index=models.Index(fields=["status", "ends_at"], name="internship_status_ends"),
        ),
        migrations.CreateModel(
            name="InternshipEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("status", "Status changed"), ("extension", "Dates extended")], default="status", max_length=10)),
                ("from_status", models.CharField(blank=True, choices=[("active", "In progress"), ("midterm_passed", "Passed the midterm"), ("failed", "Failed"), ("completed", "Completed"), ("withdrawn", "Withdrawn")], max_length=20)),
                ("to_status", models.CharField(blank=True, choices=[("active", "In progress"), ("midterm_passed", "Passed the midterm"), ("failed", "Failed"), ("completed", "Completed"), ("withdrawn", "Withdrawn")], max_length=20)),
                ("at", models.DateTimeField()),
                ("reason", models.TextField(blank=True, max_length=2000)),
                ("details", models.JSONField(blank=True, default=dict)),
                ("by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("internship", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="events", to="evaluations.internship")),
            ],
            options={
                "ordering": ["at", "pk"],
                "indexes": [models.Index(fields=["internship", "at"], name="internship_event_at")],
            },
        ),
        migrations.CreateModel(
            name="WeeklyMeeting",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("week", models.PositiveSmallIntegerField()),
                ("held_at", models.DateTimeField()),
                ("attendees", models.CharField(blank=True, max_length=500)),
                ("progress", models.TextField(max_length=5000)),
                ("blockers", models.TextField(blank=True, max_length=5000)),
                ("next_steps", models.TextField(blank=True, max_length=5000)),
                ("written_at", models.DateTimeField()),
                ("updated_at", models.DateTimeField()),
                ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                ("confirmed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("internship", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="meetings", to="evaluations.internship")),
                ("written_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["internship", "week"],
                "constraints": [
                    models.UniqueConstraint(fields=("internship", "week"), name="meeting_once_per_week"),
                    models.CheckConstraint(condition=models.Q(("week__gte", 1)), name="meeting_week_from_one"),
                ],
            },
        ),
    ]
