# RoundFollow moves to programs (notifications imports no domain app). The table keeps its
# rows: it is renamed here, and programs takes the model over in its own state, without
# touching the database (programs' migration round_follow_from_notifications).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0003_message_withdrawn'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='roundfollow', table='programs_roundfollow'),
            ],
            state_operations=[
                migrations.DeleteModel(name='RoundFollow'),
            ],
        ),
    ]
