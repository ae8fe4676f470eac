"""Member profiles move here from the network app. Only Django's idea of which app owns the model
changes: the table keeps its name (network_memberprofile), so no data moves."""

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

MOVED = ("memberprofile",)


def move_content_types(apps, schema_editor):
    # Permissions hang off the content type: carry them across instead of making new ones.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="network", model__in=MOVED).update(app_label="accounts")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accounts", model__in=MOVED).update(app_label="network")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("network", "0004_group_session_registrations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MemberProfile",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("display_name", models.CharField(help_text="The name other people see. It does not need to be your real name.", max_length=40, verbose_name="display name")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="profile", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "member profile",
                        "db_table": "network_memberprofile",
                        "constraints": [models.UniqueConstraint(django.db.models.functions.text.Lower("display_name"), name="unique_display_name_ignoring_case")],
                    },
                ),
            ],
            database_operations=[migrations.RunPython(move_content_types, move_content_types_back)],
        ),
    ]
