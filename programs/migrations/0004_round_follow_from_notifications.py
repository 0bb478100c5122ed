# RoundFollow comes from notifications with its rows: notifications' migration renamed its
# table to programs_roundfollow, so here only the model state is created.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0004_round_follow_moves_to_programs'),
        ('programs', '0003_idea_approval_rule'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='RoundFollow',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('following', models.BooleanField(default=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follows', to='programs.round')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='round_follows', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'constraints': [models.UniqueConstraint(fields=('user', 'round'), name='round_follow_once')],
                    },
                ),
            ],
        ),
    ]
