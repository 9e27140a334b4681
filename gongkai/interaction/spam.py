"""Spam control of the public forms, reused from the FOI intake (no outside service).

The signed arithmetic challenge and the honeypot are PublicApplicationForm's own field definitions
and cleaning methods, borrowed here so every public form behaves exactly like the request form;
the per-IP rate limit is gongkai.foi.ratelimit's, counted in its own bucket per form family.
"""

from __future__ import annotations

import copy

from django import forms

from gongkai.foi import ratelimit
from gongkai.foi.forms import PublicApplicationForm

RATE_MESSAGE = ratelimit.MESSAGE


class SpamGuardForm(forms.Form):
    """Base for public forms: honeypot ``website``, hidden signed ``challenge`` and its ``answer``."""

    website = copy.deepcopy(PublicApplicationForm.base_fields["website"])
    challenge = copy.deepcopy(PublicApplicationForm.base_fields["challenge"])
    answer = copy.deepcopy(PublicApplicationForm.base_fields["answer"])

    refresh_challenge = PublicApplicationForm.refresh_challenge
    clean_website = PublicApplicationForm.clean_website
    clean_answer = PublicApplicationForm.clean_answer

    SPAM_FIELDS = frozenset({"website", "challenge", "answer"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = ""
        if not self.is_bound:
            self.refresh_challenge()

    def reshow(self) -> None:
        """After a failed submission: a new question, the old answer cleared."""
        self.refresh_challenge()
        self.data = self.data.copy()
        self.data["challenge"], self.data["answer"] = self.initial["challenge"], ""

    def citizen_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.SPAM_FIELDS}


def allow(request, family: str) -> bool:
    """Count one submission of ``family`` (message, error, comment, survey) from the client's address."""
    return ratelimit.allow_submission(f"{family}:{ratelimit.client_ip(request)}")


def client_ip(request) -> str | None:
    ip = ratelimit.client_ip(request)
    return None if ip == "unknown" else ip
