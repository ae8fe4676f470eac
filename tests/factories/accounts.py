import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import MemberProfile
from accounts.roles import MEMBERS

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member-{n:05d}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            self.save()


class MemberFactory(UserFactory):
    """A verified member with a display name, in the Members group."""

    profile = factory.RelatedFactory("tests.factories.accounts.ProfileFactory", factory_related_name="user")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            names = [MEMBERS, *(extracted or [])]
            self.groups.add(*Group.objects.filter(name__in=names))


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberProfile

    display_name = factory.Sequence(lambda n: f"Member {n}")


def user_with_roles(*roles, **kwargs):
    return MemberFactory(roles=list(roles), **kwargs)


# The one-time code in allauth's emails: "ABC123" (email check) or "ABCD-EFGH" (sign-in).
EMAILED_CODE = r"^\s*([A-Z0-9]{4,6}(?:-[A-Z0-9]{4})?)\s*$"
