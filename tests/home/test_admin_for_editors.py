"""The Wagtail admin as editors meet it: where "Pages" opens, the dashboard's shortcuts, Publish
as the main button, no page made behind their back, plain words, and who is who in the list of
people."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.roles import EDITORS, FACILITATORS
from network.models import NewsPage, OpeningException
from tests.factories import UserFactory
from tests.factories.accounts import user_with_roles
from tests.factories.network import OpeningExceptionFactory, public_site

pytestmark = pytest.mark.django_db

ROOT_PAGE_WORDS = "add new sites to your Wagtail installation"


@pytest.fixture
def site_pages(home_page):
    return public_site(home_page, groups=1, news=1)


@pytest.fixture
def superuser_editor(db):
    """As the demo makes its editor: staff, superuser and in the Editors role."""
    return user_with_roles(EDITORS, is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    """In the Editors role only: Wagtail gives the role its page permissions on the root."""
    return user_with_roles(EDITORS, is_staff=True)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def explorer_start_page_id(response):
    props = json.loads(soup(response).find(id="wagtail-sidebar-props").string)
    main_menu = next(module for module in props["modules"] if module["_type"].endswith("MainMenuModule"))
    pages = next(item for item in main_menu["_args"][0] if item["_args"][0]["name"] == "explorer")
    return pages["_args"][1]


# 1. "Pages" opens on the home page.


@pytest.mark.parametrize("who", ["superuser_editor", "editor"])
def test_pages_opens_on_the_home_page_not_on_the_root(client, request, site_pages, home_page, who):
    client.force_login(request.getfixturevalue(who))

    assert explorer_start_page_id(client.get("/admin/")) == home_page.pk
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{home_page.pk}/"
    assert ROOT_PAGE_WORDS not in response.text
    listed = [link.get_text(strip=True) for link in soup(response).select("table.listing a")]
    assert "News" in listed and "Peer groups" in listed


def test_with_several_sites_pages_still_lists_them(client, site_pages, superuser_editor, home_page):
    Site.objects.create(hostname="other.example.org", root_page=site_pages.about, site_name="Other")
    client.force_login(superuser_editor)
    assert explorer_start_page_id(client.get("/admin/")) == home_page.get_parent().pk
    assert ROOT_PAGE_WORDS in client.get("/admin/pages/").text


# 2. Shortcuts on the dashboard.


def shortcuts(client):
    panel = soup(client.get("/admin/")).find(id="editor-shortcuts-section")
    if panel is None:
        return {}
    return {
        link.get_text(strip=True): link["href"]
        for link in panel.find_all("a", href=True)
        if link.text.strip()
    }


def test_the_dashboard_has_shortcuts_to_an_editors_jobs(client, site_pages, superuser_editor):
    client.force_login(superuser_editor)
    found = shortcuts(client)
    venue = site_pages.venue
    assert found == {
        "Write a news story": f"/admin/pages/add/network/newspage/{site_pages.news_index.pk}/",
        "Change the opening hours at The Net Loft": f"/admin/snippets/network/venue/edit/{venue.pk}/",
        "Add a closure day at The Net Loft": (
            f"/admin/snippets/network/venue/edit/{venue.pk}/#panel-closures_and_holiday_hours-section"
        ),
        "Peer groups": f"/admin/pages/{site_pages.group_index.pk}/",
        "Add a peer group": f"/admin/pages/add/network/grouppage/{site_pages.group_index.pk}/",
        "Cancel a group session": "/admin/snippets/network/groupsession/",
        "Attendance at peer groups": "/groups/figures/",
        "Consultations": "/admin/snippets/consultations/consultation/",
        "Start a new consultation": "/admin/snippets/consultations/consultation/add/",
        "Moderation queue": "/consultations/moderation/",
        "Safeguarding cases": "/safeguarding/cases/",
    }
    for label, url in found.items():
        assert client.get(url).status_code == 200, label
    # The closures shortcut lands on the closures panel itself.
    closures_anchor = found["Add a closure day at The Net Loft"].split("#")[1]
    assert soup(client.get(found["Add a closure day at The Net Loft"])).find(id=closures_anchor)


def test_shortcuts_are_only_those_the_person_may_use(client, site_pages, editor):
    # Editors who are not staff: no moderation or safeguarding queue, and no Publish (see below).
    editor.is_staff = False
    editor.save()
    client.force_login(editor)
    found = shortcuts(client)
    assert "Write a news story" in found
    assert "Add a closure day at The Net Loft" in found
    assert "Consultations" in found
    assert "Moderation queue" not in found
    assert "Safeguarding cases" not in found
    for url in found.values():
        assert client.get(url).status_code == 200, url


def test_an_editor_who_also_facilitates_sees_the_queues(client, site_pages, editor):
    editor.groups.add(Group.objects.get(name=FACILITATORS))
    editor.is_staff = False
    editor.save()
    client.force_login(editor)
    assert {"Moderation queue", "Safeguarding cases"} <= set(shortcuts(client))


def test_nothing_to_do_means_no_shortcuts_panel(client, home_page):
    # Someone who may only reach the admin (a bare group with admin access) sees no empty panel.
    person = UserFactory()
    group = Group.objects.create(name="Admin only")
    group.permissions.add(*Group.objects.get(name=EDITORS).permissions.filter(codename="access_admin"))
    person.groups.add(group)
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert soup(response).find(id="editor-shortcuts-section") is None


# 3. Publish is the main button for whoever may publish.


def main_action(response):
    footer = soup(response).find("footer")
    return footer.find("button", attrs={"type": "submit"}).get_text(" ", strip=True)


def test_publish_is_the_main_button_for_people_who_may_publish(client, site_pages, superuser_editor):
    client.force_login(superuser_editor)
    assert main_action(client.get(f"/admin/pages/{site_pages.news[0].pk}/edit/")) == "Publish"
    add_news = f"/admin/pages/add/network/newspage/{site_pages.news_index.pk}/"
    assert main_action(client.get(add_news)) == "Publish"


def test_people_who_may_not_publish_keep_save_draft(client, site_pages, editor):
    client.force_login(editor)
    assert main_action(client.get(f"/admin/pages/{site_pages.news[0].pk}/edit/")) == "Save draft"


# 4. No page is made behind an editor's back.


def test_a_new_page_is_not_autosaved(client, site_pages, superuser_editor):
    """Wagtail's autosave made the page as soon as a title was typed: a draft nobody asked for,
    holding the slug, so starting again with the same title said "The slug is already in use"."""
    client.force_login(superuser_editor)
    form = soup(client.get(f"/admin/pages/add/network/newspage/{site_pages.news_index.pk}/")).find(
        "form", attrs={"data-edit-form": True}
    )
    assert "w-autosave" not in form["data-controller"].split()
    assert "w-unsaved#confirm" in form["data-action"]  # leaving unsaved changes still asks first

    # Changes to a page that exists are still autosaved.
    form = soup(client.get(f"/admin/pages/{site_pages.news[0].pk}/edit/")).find(
        "form", attrs={"data-edit-form": True}
    )
    assert "w-autosave" in form["data-controller"].split()


def test_what_autosave_used_to_do_to_a_new_page(client, site_pages, superuser_editor):
    """The cause, shown with the request the autosave sent: one typed title made a page."""
    client.force_login(superuser_editor)
    add_news = f"/admin/pages/add/network/newspage/{site_pages.news_index.pk}/"
    data = nested_form_data(
        {
            "title": "Christmas opening",
            "slug": "christmas-opening",
            "date": "2026-12-02",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    client.post(add_news, data, headers={"accept": "application/json"})
    assert NewsPage.objects.filter(slug="christmas-opening", live=False).exists()
    response = client.post(add_news, {**data, "summary": "Open on the 24th."})
    assert "already has the web address “christmas-opening”" in response.text


# 5. Plain words on the forms editors use.


def test_closures_are_in_plain_words(client, site_pages, superuser_editor):
    OpeningExceptionFactory(venue=site_pages.venue)
    client.force_login(superuser_editor)
    page = soup(client.get(f"/admin/snippets/network/venue/edit/{site_pages.venue.pk}/"))
    text = page.get_text(" ", strip=True)
    assert "Add closure day" in text
    assert "Add exception" not in text and "exception" not in text.lower()
    assert "Add opening time" in text
    assert "Add visiting service" in text
    labels = {label.get_text(" ", strip=True).rstrip("*").strip() for label in page.find_all("label")}
    assert {"First day", "Last day", "Opens at", "Closes at", "Day", "From", "Until"} <= labels
    assert OpeningException._meta.verbose_name == "closure day"


def test_group_form_is_in_plain_words(client, site_pages, superuser_editor):
    client.force_login(superuser_editor)
    page = soup(client.get(f"/admin/pages/{site_pages.groups[0].pk}/edit/"))
    labels = {label.get_text(" ", strip=True).rstrip("*").strip() for label in page.find_all("label")}
    assert {"In person or online", "How often", "Starts at", "Ends at", "First session"} <= labels
    assert not {"Format", "Frequency", "Start time", "First date", "Online link"} & labels


def test_the_promote_tab_is_in_plain_words(client, site_pages, superuser_editor):
    client.force_login(superuser_editor)
    for url in (
        f"/admin/pages/add/network/newspage/{site_pages.news_index.pk}/",
        f"/admin/pages/{site_pages.groups[0].pk}/edit/",
        f"/admin/pages/{site_pages.about.pk}/edit/",
    ):
        page = soup(client.get(url))
        labels = {label.get_text(" ", strip=True).rstrip("*").strip() for label in page.find_all("label")}
        assert {"Web address", "Title in search results", "Description in search results"} <= labels, url
        assert not {"Slug", "Title tag", "Meta description"} & labels, url


def test_a_web_address_in_use_is_said_in_plain_words(client, site_pages, superuser_editor):
    client.force_login(superuser_editor)
    taken = site_pages.news[0]
    data = nested_form_data(
        {
            "title": taken.title,
            "slug": taken.slug,
            "date": "2026-12-02",
            "summary": "Open on the 24th.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/admin/pages/add/network/newspage/{site_pages.news_index.pk}/", data)
    assert response.status_code == 200
    assert f"already has the web address “{taken.slug}”" in response.text
    assert "The slug" not in response.text
    assert NewsPage.objects.filter(slug=taken.slug).count() == 1


# 6. The list of people: display name and email.


def test_the_people_list_shows_display_names_and_emails(client, superuser_editor):
    staff_without_profile = UserFactory(is_staff=True)
    member = user_with_roles()
    client.force_login(superuser_editor)
    response = client.get("/admin/users/")
    table = soup(response).find("table", class_="listing")
    headings = [th.get_text(" ", strip=True) for th in table.find_all("th")]
    assert "Display name" in headings and "Email" in headings
    assert "Username" not in headings
    rows = {
        row.find("td", class_="email").get_text(strip=True): row.find("td", class_="title").get_text(
            " ", strip=True
        )
        for row in table.find("tbody").find_all("tr")
    }
    assert rows[member.email].startswith(member.profile.display_name)
    assert rows[staff_without_profile.email].startswith("No display name")
    assert member.username not in response.text


def test_people_are_found_by_display_name_and_sorted_by_it(client, superuser_editor):
    member = user_with_roles()
    user_with_roles()
    client.force_login(superuser_editor)
    response = client.get("/admin/users/", {"q": member.profile.display_name})
    assert response.status_code == 200
    emails = [cell.get_text(strip=True) for cell in soup(response).select("td.email")]
    assert emails == [member.email]
    assert client.get("/admin/users/", {"ordering": "-name"}).status_code == 200


def test_changing_someones_roles_asks_for_no_real_name(client, superuser_editor):
    member = user_with_roles()
    client.force_login(superuser_editor)
    url = reverse("wagtailusers_users:edit", args=(member.pk,))
    labels = {
        label.get_text(" ", strip=True).rstrip("*").strip()
        for label in soup(client.get(url)).find_all("label")
    }
    assert "Email" in labels
    assert not {"First Name", "Last Name", "First name", "Last name"} & labels

    facilitators = Group.objects.get(name=FACILITATORS)
    roles = [*member.groups.values_list("pk", flat=True), facilitators.pk]
    data = {"username": member.username, "email": member.email, "is_active": "on", "groups": roles}
    response = client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert facilitators in member.groups.all()
    assert (member.first_name, member.last_name) == ("", "")


def test_a_bad_email_changes_nothing(client, superuser_editor):
    member = user_with_roles()
    client.force_login(superuser_editor)
    url = reverse("wagtailusers_users:edit", args=(member.pk,))
    response = client.post(url, {"username": member.username, "email": "not an address", "is_active": "on"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    member.refresh_from_db()
    assert member.email.endswith("@example.org")


def test_adding_someone_asks_for_no_real_name(client, superuser_editor):
    client.force_login(superuser_editor)
    url = reverse("wagtailusers_users:add")
    labels = {
        label.get_text(" ", strip=True).rstrip("*").strip()
        for label in soup(client.get(url)).find_all("label")
    }
    assert not {"First Name", "Last Name", "First name", "Last name"} & labels
    password = "a-long-new-password-77"
    data = {
        "username": "new-staff",
        "email": "new.staff@example.org",
        "password1": password,
        "password2": password,
    }
    assert client.post(url, data).status_code == 302
    assert (
        get_user_model().objects.filter(email="new.staff@example.org", first_name="", last_name="").exists()
    )
