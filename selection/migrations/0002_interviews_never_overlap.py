"""A mentor, and an applicant, never hold two overlapping booked interviews: PostgreSQL
exclusion constraints over each person's booked time ranges (btree_gist lets `=` on an id
share the GiST index with `&&` on the range).

Only on PostgreSQL: SQLite has no exclusion constraints, and there the booking service checks
for an overlap inside its transaction, which SQLite's one writer at a time keeps true. The
constraints are not in the model's Meta because Django would then emit them on SQLite too.
"""

from django.db import migrations

CONSTRAINTS = {
    "interview_mentor_never_overlaps": "mentor_id",
    "interview_applicant_never_overlaps": "applicant_id",
}


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, column in CONSTRAINTS.items():
        schema_editor.execute(
            f"ALTER TABLE selection_interview ADD CONSTRAINT {name} EXCLUDE USING gist "
            f"({column} WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
            "WHERE (status = 'booked')"
        )


def drop_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE selection_interview DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("selection", "0001_initial")]

    operations = [migrations.RunPython(add_constraints, drop_constraints, elidable=False)]
