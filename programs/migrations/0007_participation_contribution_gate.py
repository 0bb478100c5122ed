from django.db import migrations, models


def gate_of_one_where_a_deadline_was_set(apps, schema_editor):
    """A deadline alone meant "a contribution accepted upstream by then": a gate of one."""
    Participation = apps.get_model("programs", "Participation")
    Participation.objects.filter(gate_deadline__isnull=False).update(gate_contributions=1)


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0006_organization_wiki_address"),
    ]

    operations = [
        migrations.RenameField(
            model_name="participation",
            old_name="contribution_deadline",
            new_name="gate_deadline",
        ),
        migrations.AlterField(
            model_name="participation",
            name="gate_deadline",
            field=models.DateTimeField(
                blank=True,
                help_text="The date by which those contributions must be accepted upstream.",
                null=True,
                verbose_name="contribution deadline",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="gate_contributions",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="Contributions each applicant needs accepted upstream by the deadline "
                "below; 0 for none.",
                verbose_name="accepted contributions required",
            ),
        ),
        migrations.RunPython(gate_of_one_where_a_deadline_was_set, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("gate_contributions", 0), ("gate_deadline__isnull", True)),
                    models.Q(("gate_contributions__gt", 0), ("gate_deadline__isnull", False)),
                    _connector="OR",
                ),
                name="participation_gate_set_together",
                violation_error_message="A contribution gate needs both a number of accepted "
                "contributions and a deadline (or neither).",
            ),
        ),
    ]
