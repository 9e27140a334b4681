"""Query codes (查询码): what a citizen keeps to look up a request or a message without an account.

One scheme for every app. A code is 8 characters from an alphabet without look-alikes (no 0/O,
1/I/L), so it can be read over the phone. We store only ``hmac$<salt>$<digest>``: Django's
``salted_hmac`` (keyed by SECRET_KEY, with the purpose in the key salt) over a per-row random salt
and the code, and compare with ``constant_time_compare``. Keys in SECRET_KEY_FALLBACKS still match,
so a key rotation does not lock citizens out.

Rows written before this module (foi: ``<salt>$<sha256(salt:code)>``, interaction: a bare
``sha256(code)``) still match; ``verify`` then upgrades the stored value in place (a dual check that
upgrades on use: a one-way hash cannot be converted by a migration without the code).
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
MAX_INPUT = 16  # longer input is never a code; refuse it before hashing
SCHEME = "hmac"
_KEY_SALT = "gongkai.core.querycodes."


def new_code() -> str:
    """A fresh random code to show the citizen once."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(code: str) -> str:
    return (code or "").strip().upper()


def _digest(code: str, salt: str, purpose: str, secret: str | bytes | None = None) -> str:
    return salted_hmac(_KEY_SALT + purpose, f"{salt}:{normalize(code)}", secret=secret, algorithm="sha256").hexdigest()


def make(code: str, *, purpose: str) -> str:
    """The value to store for ``code``; ``purpose`` (e.g. "foi.request") separates the apps' codes."""
    salt = secrets.token_hex(8)
    return f"{SCHEME}${salt}${_digest(code, salt, purpose)}"


def _legacy_match(code: str, stored: str) -> bool:
    code = normalize(code)
    if "$" in stored:  # foi before this module: salted SHA-256
        salt, _sep, digest = stored.partition("$")
        return constant_time_compare(hashlib.sha256(f"{salt}:{code}".encode()).hexdigest(), digest)
    return constant_time_compare(hashlib.sha256(code.encode()).hexdigest(), stored)  # interaction: bare SHA-256


def is_current(stored: str) -> bool:
    return stored.startswith(SCHEME + "$")


def matches(code: str, stored: str, *, purpose: str) -> bool:
    """Whether ``code`` is the code behind ``stored``; empty or over-long input never matches."""
    if not stored or not code or len(code) > MAX_INPUT:
        return False
    if not is_current(stored):
        return _legacy_match(code, stored)
    _scheme, salt, digest = (stored.split("$", 2) + ["", ""])[:3]
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    found = False
    for secret in secrets_to_try:  # every key is tried, so the time does not tell which one matched
        found |= constant_time_compare(_digest(code, salt, purpose, secret), digest)
    return found


def _needs_upgrade(code: str, stored: str, purpose: str) -> bool:
    """An old format, or a digest made with a key that is now only a fallback."""
    if not is_current(stored):
        return True
    _scheme, salt, digest = stored.split("$", 2)
    return not constant_time_compare(_digest(code, salt, purpose), digest)


def spend_time(code: str, *, purpose: str) -> None:
    """Do the work of one check for a lookup that found no row, so timing does not reveal which exist."""
    matches(code or "-", make("-", purpose=purpose), purpose=purpose)


def verify(obj: models.Model, field: str, code: str, *, purpose: str) -> bool:
    """Check ``code`` against ``obj.<field>``; a match on an old format (or an old key) is re-stored."""
    stored = getattr(obj, field)
    if not matches(code, stored, purpose=purpose):
        return False
    if _needs_upgrade(code, stored, purpose):
        fresh = make(code, purpose=purpose)
        type(obj)._default_manager.filter(pk=obj.pk).update(**{field: fresh})
        setattr(obj, field, fresh)
    return True
