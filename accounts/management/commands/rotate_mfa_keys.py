from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.secret_encryption import decrypt, encrypt

# Where allauth keeps what it asked the adapter to encrypt.
SECRET_FIELDS = {Authenticator.Type.TOTP: ("secret",), Authenticator.Type.RECOVERY_CODES: ("seed",)}


class Command(BaseCommand):
    help = (
        "Encrypt every authenticator secret again with the first key in MFA_ENCRYPTION_KEYS "
        "(and encrypt any stored before encryption was on). Safe to run again."
    )

    def handle(self, *args, **options):
        changed = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(type__in=SECRET_FIELDS):
                data = dict(authenticator.data)
                for field in SECRET_FIELDS[authenticator.type]:
                    if field in data:
                        data[field] = encrypt(decrypt(data[field]))
                if "migrated_codes" in data:
                    data["migrated_codes"] = [encrypt(decrypt(code)) for code in data["migrated_codes"]]
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                changed += 1
        self.stdout.write(
            f"{changed} authenticator{'s' if changed != 1 else ''} encrypted with the current key."
        )
