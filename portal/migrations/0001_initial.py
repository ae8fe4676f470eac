"""The site-wide settings move here from the home app. Only Django's record of which app owns the
model changes: the table keeps its name (home_networksettings), so no data moves."""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models

MOVED = ("networksettings",)


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="home", model__in=MOVED).update(app_label="portal")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="portal", model__in=MOVED).update(app_label="home")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NetworkSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("organisation_name", models.CharField(default="Lived Experience Recovery Network", max_length=120)),
                        ("address", models.TextField(blank=True, help_text="The postal address, one line each.")),
                        ("phone", models.CharField(blank=True, max_length=40)),
                        ("email", models.EmailField(blank=True, max_length=254)),
                        ("crisis_contacts", wagtail.fields.StreamField([("contact", 4)], blank=True, block_lookup={0: ("wagtail.blocks.CharBlock", (), {"help_text": "For example: Samaritans", "max_length": 80}), 1: ("wagtail.blocks.CharBlock", (), {"help_text": "As people should dial it", "max_length": 40, "required": False}), 2: ("wagtail.blocks.CharBlock", (), {"help_text": "When to call, in a few plain words", "max_length": 160, "required": False}), 3: ("wagtail.blocks.URLBlock", (), {"label": "Web address", "required": False}), 4: ("wagtail.blocks.StructBlock", [[("name", 0), ("phone", 1), ("description", 2), ("url", 3)]], {})}, help_text="Shown in the footer of every page and whenever someone may need help now.")),
                        ("exit_page_url", models.URLField(default="https://www.bbc.co.uk/weather", help_text="Where 'Exit this page' goes: an everyday site that draws no attention.")),
                        ("site", models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site")),
                    ],
                    options={"verbose_name": "network settings", "db_table": "home_networksettings"},
                ),
            ],
            database_operations=[migrations.RunPython(move_content_types, move_content_types_back)],
        ),
    ]
