from django.db import migrations, models


def fill_skeletons(apps, schema_editor):
    """Work out each existing name's look. Where two existing names already look the same, the
    later one is kept as it is (nobody is renamed behind their back) and marked, so the rule holds
    for every new or changed name from now on."""
    from accounts.display_names import skeleton

    MemberProfile = apps.get_model("accounts", "MemberProfile")
    seen = set()
    for profile in MemberProfile.objects.order_by("pk"):
        look = skeleton(profile.display_name)
        if look in seen:
            look = f"{look}#{profile.pk}"
        seen.add(look)
        MemberProfile.objects.filter(pk=profile.pk).update(display_name_skeleton=look)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_signed_in_sessions")]

    operations = [
        migrations.AddField(
            model_name="memberprofile",
            name="display_name_skeleton",
            field=models.CharField(default="", editable=False, max_length=160),
            preserve_default=False,
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="memberprofile",
            constraint=models.UniqueConstraint(fields=("display_name_skeleton",), name="unique_display_name_look"),
        ),
    ]
