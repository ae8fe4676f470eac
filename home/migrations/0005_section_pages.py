"""Put "Have your say" and "You said, we did" in the page tree, under the home page and in the
menu, so editors can retitle and introduce them (they were fixed entries in the menu before)."""

from django.db import migrations

PAGES = [
    (
        "haveyoursaypage",
        "Have your say",
        "have-your-say",
        "The network asks members what matters most. Members who sit on the partnership board take the "
        "answers there.",
    ),
    (
        "yousaidwedidpage",
        "You said, we did",
        "you-said-we-did",
        "Network members tell the partnership board what they need and want. Here is what the board did "
        "about it.",
    ),
]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, four characters a step
STEP = 4


def next_child_path(parent, Page):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = 0 if last is None else int(last.path[-STEP:], 36) + 1
    digits = ""
    for _ in range(STEP):
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return parent.path + digits


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    for model_name, title, slug, introduction in PAGES:
        Model = apps.get_model("consultations", model_name)
        if Model.objects.exists() or Page.objects.filter(path__startswith=home.path, slug=slug).exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(app_label="consultations", model=model_name)
        Model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=next_child_path(home, Page),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            live=True,
            show_in_menus=True,
            locale_id=home.locale_id,
            introduction=introduction,
        )
        Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count())


def remove_pages(apps, schema_editor):
    for model_name in ("haveyoursaypage", "yousaidwedidpage"):
        apps.get_model("consultations", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_introduction_shared"),
        ("consultations", "0005_section_pages"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages)]
