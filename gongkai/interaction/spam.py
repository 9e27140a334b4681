"""Spam control of the public participation forms: the same challenge, honeypot and rate limit as the
disclosure request form (gongkai.core.spam, gongkai.core.ratelimit), counted per form family.
"""

from __future__ import annotations

from gongkai.core import ratelimit
from gongkai.core.spam import SPAM_FIELDS, ChallengeMixin

RATE_MESSAGE = ratelimit.MESSAGE


class SpamGuardForm(ChallengeMixin):
    """Base for public forms: honeypot ``website``, hidden signed ``challenge`` and its ``answer``."""

    SPAM_FIELDS = SPAM_FIELDS


def allow(request, family: str) -> bool:
    """Count one submission of ``family`` (message, error, comment, survey) from the client's address."""
    return ratelimit.allow_submission(ratelimit.client_ip(request), scope=family)


def client_ip(request) -> str | None:
    ip = ratelimit.client_ip(request)
    return None if ip == "unknown" else ip
