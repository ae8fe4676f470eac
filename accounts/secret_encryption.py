"""Authenticator secrets, encrypted in the database.

The secret behind each authenticator app (and the seed of its recovery codes) is what a second
factor is. Stored as given, a copy of the database would hold every privileged account's second
factor. allauth asks its MFA adapter to encrypt and decrypt them (accounts.two_factor), and it
does so here with Fernet (AES with an HMAC, from `cryptography`).

MFA_ENCRYPTION_KEYS lists keys: the first encrypts, any of them decrypts. To change keys, put the
new one first, run `manage.py rotate_mfa_keys` (which encrypts every secret again with it), then
remove the old one. Values written before encryption was turned on have no prefix and are read
as they are, until the rotation command encrypts them too.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


def _keys():
    keys = settings.MFA_ENCRYPTION_KEYS
    if not keys:
        # Development and tests: a key of their own, from the secret key. Production requires
        # MFA_ENCRYPTION_KEYS (portal/settings/production.py).
        digest = hashlib.sha256(f"mfa-secrets:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text):
    return PREFIX + _keys().encrypt(text.encode()).decode()


def decrypt(stored):
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _keys().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise ValueError(
            "An authenticator secret could not be decrypted: is its key still in MFA_ENCRYPTION_KEYS?"
        ) from None
