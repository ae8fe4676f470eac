"""Member profiles now belong to the accounts app (accounts/migrations/0001_initial.py). The table
and the facilitators' links to it stay as they are; only Django's record of the model moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("network", "0004_group_session_registrations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="groupfacilitator",
                    name="profile",
                    field=models.ForeignKey(help_text="Only their display name is shown.", on_delete=django.db.models.deletion.CASCADE, related_name="facilitated_groups", to="accounts.memberprofile", verbose_name="facilitator"),
                ),
                migrations.DeleteModel(name="MemberProfile"),
            ],
            database_operations=[],
        ),
    ]
