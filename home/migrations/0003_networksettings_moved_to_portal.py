"""The site-wide settings now belong to the portal app (portal/migrations/0001_initial.py). The
table stays as it is; only Django's record of the model moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="NetworkSettings")],
            database_operations=[],
        ),
    ]
