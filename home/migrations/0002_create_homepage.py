from django.db import migrations

WELCOME_PATH = "00010001"


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Replace Wagtail's placeholder "Welcome" page with the portal's home page.
    Page.objects.filter(path=WELCOME_PATH, depth=2, content_type__model="page").delete()
    homepage_content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="Welcome",
        draft_title="Welcome",
        slug="home",
        content_type=homepage_content_type,
        path=WELCOME_PATH,
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=Locale.objects.order_by("pk").first(),
        introduction="A place for people affected by alcohol or drug use, and the people who care about them.",
    )
    # The default site pointed at the placeholder and went with it.
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True, site_name="Recovery network")


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
