from django.db import migrations

ROLES = ("Members", "Facilitators", "Board representatives", "Editors")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # Wagtail creates "Editors" with admin access; we only make sure it is there.
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
