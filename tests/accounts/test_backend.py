"""The sign-in backend: people come with their display name, and a rule that says no costs no
further queries, while Django's model permissions still work for the admin."""

import pytest
from django.contrib.auth import get_user_model

from accounts.backends import AccountBackend, model_permission_names
from accounts.roles import EDITORS
from tests.factories import MemberFactory, user_with_roles
from tests.factories.consultations import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_person_is_read_with_their_profile(django_assert_num_queries):
    member = MemberFactory()
    with django_assert_num_queries(1):
        user = AccountBackend().get_user(member.pk)
        assert user.profile.display_name == member.profile.display_name


def test_nobody_is_read_for_a_missing_or_inactive_account():
    member = MemberFactory(is_active=False)
    assert AccountBackend().get_user(member.pk) is None
    assert AccountBackend().get_user(10**9) is None


def test_a_rule_that_says_no_asks_the_database_nothing_more(django_assert_num_queries):
    member = get_user_model().objects.get(pk=MemberFactory().pk)
    consultation = ConsultationFactory(closed=True)
    member.has_perm("consultations.view_consultation_page", consultation)  # reads the roles once
    with django_assert_num_queries(0):
        assert not member.has_perm("consultations.post_priority", consultation)
        assert not member.has_perm("network.run_group")


def test_model_permissions_still_come_from_the_roles():
    editor = user_with_roles(EDITORS)
    member = MemberFactory()
    assert "portal.change_networksettings" in model_permission_names()
    assert "wagtailadmin.access_admin" in model_permission_names()
    assert editor.has_perm("portal.change_networksettings")
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not member.has_perm("portal.change_networksettings")
