"""The privacy notice is made from what the code keeps, and keeps up with it."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from wagtail import hooks

from accounts.models import MemberProfile
from portal.privacy import PrivacyRecord, models_with_a_record, privacy_records

pytestmark = pytest.mark.django_db

# Fields that hold personal data without pointing at an account.
PERSONAL_FIELD_NAMES = {"email", "email_address", "ip_address", "display_name", "real_name", "phone_number"}
NOT_PERSONAL = {
    # The organisation's own contact details, not a person's.
    "portal.networksettings",
    "network.venue",
}


def project_apps():
    """The portal's own apps (not Django's, Wagtail's or allauth's), today's and tomorrow's."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if root in Path(config.path).resolve().parents and ".venv" not in Path(config.path).parts
    ]


def points_at_a_person(field):
    if not field.is_relation or field.related_model is None:
        return False
    return field.related_model in (get_user_model(), MemberProfile)


def keeps_personal_data(model):
    own_fields = [field for field in model._meta.get_fields() if getattr(field, "model", None) is model]
    # Only a model's own fields: every Wagtail page has an owner, which the page types do not add.
    for field in own_fields:
        if isinstance(field, models.Field | models.ManyToManyField) and (
            points_at_a_person(field) or field.name in PERSONAL_FIELD_NAMES
        ):
            return True
    return False


def test_every_model_that_keeps_personal_data_is_in_the_privacy_notice():
    covered = models_with_a_record()
    missing = sorted(
        model._meta.label_lower
        for config in project_apps()
        for model in config.get_models()
        if keeps_personal_data(model) and model._meta.label_lower not in covered | NOT_PERSONAL
    )
    assert not missing, (
        f"These models keep personal data but the privacy notice does not say so: {', '.join(missing)}. "
        "Add a PrivacyRecord (portal/privacy.py) naming each one to the list your app returns from its "
        "`register_privacy_records` hook in wagtail_hooks.py (see consultations/privacy_records.py): "
        "what it is, why, the lawful basis (and the UK GDPR Article 9 condition if it may say something "
        "about health, such as alcohol or drug use or a crisis), how long it is kept and who sees it."
    )


def test_the_check_finds_a_new_model_with_an_account_and_no_record():
    """The check above can fail: a model like the ones a new app would add is found."""

    class CaseNote(models.Model):  # noqa: DJ008
        member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

        class Meta:
            app_label = "portal"

    class Leaflet(models.Model):  # noqa: DJ008
        title = models.CharField(max_length=10)

        class Meta:
            app_label = "portal"

    try:
        assert keeps_personal_data(CaseNote)
        assert not keeps_personal_data(Leaflet)
        assert "portal.casenote" not in models_with_a_record()
    finally:
        del apps.all_models["portal"]["casenote"]
        del apps.all_models["portal"]["leaflet"]
        apps.clear_cache()


def test_every_model_a_record_names_exists():
    for record in privacy_records():
        for label in record.models:
            assert apps.get_model(label), label


def test_every_record_says_why_what_allows_it_how_long_and_who_sees_it():
    for record in privacy_records():
        assert record.what and record.why and record.how_long and record.who_sees, record
        assert "Article 6" in record.lawful_basis, record.what
        assert not record.health_data or "Article 9" in record.health_data, record.what


def test_health_data_names_an_article_9_condition():
    by_model = {}
    for record in privacy_records():
        for label in record.models:
            by_model.setdefault(label, []).append(record)
    # Posts, join messages and report reasons can say something about alcohol or drug use or a crisis.
    for label in ("consultations.priority", "network.joinrequest", "consultations.report"):
        assert any(record.health_data for record in by_model[label]), label


def test_privacy_notice_shows_each_record_the_controller_and_the_right_to_complain(client, network_settings):
    network_settings.email = "privacy@testbay.example"
    network_settings.save()
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.text
    assert "Testbay Recovery Network decides how your data is used" in html
    assert "privacy@testbay.example" in html
    assert "Information Commissioner's Office (ICO)" in html
    assert "https://ico.org.uk/make-a-complaint/" in html
    assert "Article 9(2)(a)" in html
    assert "ask us to delete it" in html
    for record in privacy_records():
        assert record.why.replace("'", "&#x27;") in html


def test_privacy_notice_reads_the_retention_settings(client, settings, network_settings):
    settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS = 9
    settings.MODERATION_ORIGINALS_RETENTION_DAYS = 400
    settings.EXPORT_RETENTION_DAYS = 1
    html = client.get("/privacy/").text
    assert "deleted 9 days after you signed up" in html
    assert "400 days after the edit." in html
    assert "Files are deleted 1 day after they were made." in html


def test_privacy_notice_names_a_data_protection_contact_when_set(client, network_settings):
    network_settings.data_protection_contact = "Our data protection lead, Net Loft, 1 Harbour Road"
    network_settings.ico_registration_number = "ZA123456"
    network_settings.save()
    html = client.get("/privacy/").text
    assert "contact: Our data protection lead, Net Loft, 1 Harbour Road" in html
    assert "ZA123456" in html


def test_a_record_from_a_new_app_shows_on_the_notice(client, network_settings):
    record = PrivacyRecord(
        models=("auth.user",),
        what="Notes a lead writes after following up a worry.",
        why="To make sure someone followed up.",
        lawful_basis="Test basis (UK GDPR Article 6(1)(e)).",
        kept_for="Two years.",
        who_sees="The safeguarding lead.",
    )
    with hooks.register_temporarily("register_privacy_records", lambda: [record]):
        html = client.get("/privacy/").text
    assert "Notes a lead writes after following up a worry." in html
    assert "Two years." in html


def test_privacy_notice_is_linked_from_the_footer_and_the_sign_up_page(client, network_settings):
    assert 'href="/privacy/"' in client.get("/staying-safe-online/").text
    assert 'href="/privacy/"' in client.get("/accounts/signup/").text


def test_privacy_notice_is_linked_from_download_your_data(client, member):
    client.force_login(member)
    assert 'href="/privacy/"' in client.get("/accounts/your-data/").text


@pytest.mark.parametrize(("url", "budget"), [("/privacy/", 4), ("/staying-safe-online/", 2)])
def test_the_pages_ask_the_database_a_fixed_number_of_times(
    client, url, budget, django_assert_max_num_queries
):
    client.get(url)  # fills the caches every page shares (menu, footer)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
