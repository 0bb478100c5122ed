"""Each internship takes its windows from its round; "passed" becomes "completed"."""

from django.db import migrations

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
        ("evaluations", "0004_internship_windows_status"),
        ("programs", "0012_rules_ranking_due_and_interns_per_idea"),
    ]

    operations = [
        migrations.RunPython(windows_and_statuses_forward, statuses_backward),
    ]
