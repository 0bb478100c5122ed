"""Internships get their own windows (copied from their round), the statuses of issue #12
(active, passed midterm, failed, completed, withdrawn: "passed" rows become "completed"), a
log of their changes, and weekly meetings."""

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


def windows_and_statuses_forward(apps, schema_editor):
    Internship = apps.get_model("evaluations", "Internship")
    Round = apps.get_model("programs", "Round")
    # One update per round (not per internship): past rounds may hold thousands.
    for round_ in Round.objects.filter(participations__internships__isnull=False).distinct():
        Internship.objects.filter(participation__round=round_).update(
            **{mine: getattr(round_, theirs) for mine, theirs in WINDOWS_FROM_ROUND.items()}
        )
    Internship.objects.filter(status="passed").update(status="completed")


def statuses_backward(apps, schema_editor):
    Internship = apps.get_model("evaluations", "Internship")
    Internship.objects.filter(status="completed").update(status="passed")
    # The old statuses had no "passed midterm": such an internship was still in progress.
    Internship.objects.filter(status="midterm_passed").update(status="active")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0003_internship_from_proposal"),
        ("programs", "0012_rules_ranking_due_and_interns_per_idea"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
        migrations.RunPython(windows_and_statuses_forward, statuses_backward),
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
