"""Spam control for every public form, without any outside service.

A honeypot field robots fill in, and a small arithmetic question whose signed token (valid two hours)
carries a nonce and a keyed digest of the answer, never the numbers; each token is accepted once
(its nonce is recorded in ``UsedChallenge``). The per-client rate limit lives in
gongkai.core.ratelimit and is counted per form family.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django import forms
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

CHALLENGE_SALT = "gongkai.foi.challenge"
CHALLENGE_MAX_AGE = 2 * 60 * 60
SPAM_FIELDS = frozenset({"website", "challenge", "answer"})


def _digest(nonce: str, answer: int) -> str:
    return salted_hmac(CHALLENGE_SALT, f"{nonce}:{answer}").hexdigest()


def token_for(answer: int) -> str:
    """A signed, single-use challenge token for ``answer``: a nonce and a keyed digest, not the numbers."""
    nonce = secrets.token_urlsafe(12)
    return signing.dumps({"n": nonce, "h": _digest(nonce, answer)}, salt=CHALLENGE_SALT)


def consume(nonce: str) -> bool:
    """Mark a challenge used; False when it already was (a unique insert, atomic on every engine)."""
    from .models import UsedChallenge

    now = timezone.now()
    try:
        with transaction.atomic():
            UsedChallenge.objects.create(nonce=nonce[:32], expires_at=now + dt.timedelta(seconds=CHALLENGE_MAX_AGE))
    except IntegrityError:
        return False
    if secrets.randbelow(100) == 0:  # housekeeping: forget challenges that expired anyway
        UsedChallenge.objects.filter(expires_at__lt=now).delete()
    return True


class ChallengeMixin(forms.Form):
    """Adds ``website`` (honeypot), a hidden signed ``challenge`` and its ``answer`` to a form."""

    website = forms.CharField(label=_("网址（请勿填写）"), required=False)
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    answer = forms.IntegerField(label=_("验证题"), required=False, error_messages={"invalid": _("请填写数字答案。")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = ""
        if not self.is_bound:
            self.refresh_challenge()

    def refresh_challenge(self) -> None:
        a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
        self.question = f"{a} + {b} = ?"
        self.initial["challenge"] = token_for(a + b)
        self.fields["answer"].label = _("验证题：%(q)s") % {"q": self.question}
        # A bound field caches its label: drop it so a re-shown form asks the new question.
        self._bound_fields_cache.pop("answer", None)

    def reshow(self) -> None:
        """After a failed submission: a new question, the old answer cleared, everything else kept."""
        self.refresh_challenge()
        self.data = self.data.copy()
        self.data["challenge"], self.data["answer"] = self.initial["challenge"], ""

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            # A hidden field only robots fill in; reported as a form-level error, never tied to the field.
            self.add_error(None, _("提交未通过校验，请刷新页面后重试。"))
        return ""

    def clean_answer(self):
        token, answer = self.data.get("challenge", ""), self.cleaned_data.get("answer")
        try:
            payload = signing.loads(token, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
            nonce, digest = str(payload["n"]), str(payload["h"])
        except (signing.BadSignature, KeyError, TypeError):
            raise forms.ValidationError(_("验证题已过期，请重新作答。")) from None
        if answer is None:
            raise forms.ValidationError(_("请填写验证题的答案。"))
        if not consume(nonce):  # one try per question, right or wrong
            raise forms.ValidationError(_("该验证题已使用过，请回答新的验证题。"))
        if not constant_time_compare(digest, _digest(nonce, answer)):
            raise forms.ValidationError(_("验证题答案不正确。"))
        return answer

    def citizen_fields(self) -> dict:
        """The cleaned data without the spam-control fields."""
        return {k: v for k, v in self.cleaned_data.items() if k not in SPAM_FIELDS}
