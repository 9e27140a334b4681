"""The spam-control question: its token does not reveal the numbers and is accepted once."""

from __future__ import annotations

import base64
import json

import pytest
from django import forms
from django.core import signing

from gongkai.core.spam import CHALLENGE_SALT, ChallengeMixin, token_for

pytestmark = pytest.mark.django_db


class Form(ChallengeMixin, forms.Form):
    pass


def _payload(token: str) -> dict:
    """What anyone can read from a signed token without the key."""
    body = token.split(":")[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def test_the_token_does_not_carry_the_numbers():
    form = Form()
    a, b = (int(x) for x in form.question.replace("= ?", "").split("+"))
    readable = _payload(form.initial["challenge"])
    assert set(readable) == {"n", "h"}
    assert str(a) not in json.dumps(readable).replace(readable["n"], "").replace(readable["h"], "")
    assert readable["h"] != str(a + b)


def test_a_token_is_accepted_once():
    token = token_for(7)
    first = Form({"challenge": token, "answer": "7", "website": ""})
    assert first.is_valid(), first.errors
    again = Form({"challenge": token, "answer": "7", "website": ""})
    assert not again.is_valid()
    assert "已使用" in again.errors["answer"][0]


def test_a_wrong_answer_uses_the_token_up():
    token = token_for(7)
    assert "不正确" in Form({"challenge": token, "answer": "8", "website": ""}).errors["answer"][0]
    assert "已使用" in Form({"challenge": token, "answer": "7", "website": ""}).errors["answer"][0]


def test_old_and_forged_tokens_are_refused():
    old_style = signing.dumps({"a": 3, "b": 4, "n": "t"}, salt=CHALLENGE_SALT)  # tokens of the previous version
    assert "过期" in Form({"challenge": old_style, "answer": "7"}).errors["answer"][0]
    assert "过期" in Form({"challenge": "forged", "answer": "7"}).errors["answer"][0]
