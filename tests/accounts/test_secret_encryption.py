"""Authenticator secrets are encrypted in the database (deployment review: "a database dump holds
every privileged account's second factor")."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command

from accounts import secret_encryption
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

OLD_KEY = "kmSx9rvE1u6oW2Jm8wVfQq4sPZb0n3cTgYd7hLrA5eI="
NEW_KEY = "Qm9yZWFsaXMtbmV3LWtleS1mb3ItdGVzdHMtMzIhIT0="


def set_up_app(client, member, committed):
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    with committed(execute=True):
        assert client.post("/accounts/2fa/totp/activate/", {"code": code}).status_code == 302
    return secret


def stored(member, kind):
    return Authenticator.objects.get(user=member, type=kind).data


def test_the_database_never_holds_an_apps_secret_or_recovery_seed(
    client, member, settings, django_capture_on_commit_callbacks
):
    settings.MFA_ENCRYPTION_KEYS = [OLD_KEY]
    secret = set_up_app(client, member, django_capture_on_commit_callbacks)
    totp = stored(member, Authenticator.Type.TOTP)
    seed = stored(member, Authenticator.Type.RECOVERY_CODES)["seed"]
    assert secret not in str(totp)
    assert totp["secret"].startswith("fernet:")
    assert seed.startswith("fernet:")

    client.logout()
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30 + 1))
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert client.get("/").context["user"] == member


def test_keys_can_be_changed_without_anyone_setting_up_their_app_again(
    client, member, settings, django_capture_on_commit_callbacks
):
    settings.MFA_ENCRYPTION_KEYS = [OLD_KEY]
    secret = set_up_app(client, member, django_capture_on_commit_callbacks)
    before = stored(member, Authenticator.Type.TOTP)["secret"]

    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_mfa_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = stored(member, Authenticator.Type.TOTP)["secret"]
    assert after != before

    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]
    assert secret_encryption.decrypt(after) == secret
    with pytest.raises(ValueError, match="MFA_ENCRYPTION_KEYS"):
        secret_encryption.decrypt(before)


def test_secrets_stored_before_encryption_are_read_then_encrypted_by_the_rotation(member):
    legacy = Authenticator.objects.create(
        user=member, type=Authenticator.Type.TOTP, data={"secret": "ABCDEF"}
    )
    assert secret_encryption.decrypt(legacy.data["secret"]) == "ABCDEF"
    call_command("rotate_mfa_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    legacy.refresh_from_db()
    assert legacy.data["secret"].startswith("fernet:")
    assert secret_encryption.decrypt(legacy.data["secret"]) == "ABCDEF"
