"""Query codes: one scheme (salted_hmac, constant-time compare) for disclosure requests and messages."""

import hashlib

import pytest

from gongkai.core import querycodes
from gongkai.foi.models import DisclosureRequest
from gongkai.foi.selectors import find_for_applicant
from gongkai.foi.services import submit_online_request
from gongkai.interaction.models import Message
from gongkai.interaction.selectors import message_for_citizen
from gongkai.interaction.services.messages import submit_message

FOI, MESSAGES = "foi.request", "interaction.message"


def test_query_codes_are_hashed_and_checked():
    code = querycodes.new_code()
    assert len(code) == 8 and set(code) <= set(querycodes.ALPHABET)
    stored = querycodes.make(code, purpose=FOI)
    assert code not in stored and stored.startswith("hmac$")
    assert querycodes.matches(code, stored, purpose=FOI)
    assert querycodes.matches(code.lower(), stored, purpose=FOI)
    assert querycodes.matches(f" {code} ", stored, purpose=FOI)
    assert not querycodes.matches("AAAAAAAA", stored, purpose=FOI)
    assert not querycodes.matches(code, "", purpose=FOI)
    assert not querycodes.matches("", stored, purpose=FOI)
    assert not querycodes.matches(code + "X" * 20, stored, purpose=FOI)


def test_each_row_has_its_own_salt_and_each_app_its_own_key():
    code = querycodes.new_code()
    assert querycodes.make(code, purpose=FOI) != querycodes.make(code, purpose=FOI)
    assert not querycodes.matches(code, querycodes.make(code, purpose=FOI), purpose=MESSAGES)


def test_no_look_alike_characters():
    assert not set("0O1IL") & set(querycodes.ALPHABET)


def test_a_rotated_secret_key_still_matches(settings):
    code = querycodes.new_code()
    stored = querycodes.make(code, purpose=FOI)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert querycodes.matches(code, stored, purpose=FOI)
    settings.SECRET_KEY_FALLBACKS = []
    assert not querycodes.matches(code, stored, purpose=FOI)


@pytest.fixture
def applicant_fields():
    return {"applicant_type": "natural_person", "name": "王秀英", "id_type": "resident_id",
            "id_number": "11010519491231002X", "phone": "13905391234", "email": "wang@example.com",
            "address": "沂水县长安路1号", "description": "请公开2025年老旧小区改造项目的预算", "delivery": "electronic"}


@pytest.mark.django_db
def test_request_stored_before_the_change_still_opens_and_is_upgraded(township, applicant_fields):
    req, _code = submit_online_request(org=township, fields=applicant_fields)
    code, salt = "ABCD2345", "0123456789abcdef"
    legacy = f"{salt}${hashlib.sha256(f'{salt}:{code}'.encode()).hexdigest()}"  # foi's salted SHA-256
    DisclosureRequest.objects.filter(pk=req.pk).update(query_code_hash=legacy)
    assert find_for_applicant(req.number, "WRONG234") is None
    assert DisclosureRequest.objects.get(pk=req.pk).query_code_hash == legacy
    assert find_for_applicant(req.number, code.lower()) == req
    upgraded = DisclosureRequest.objects.get(pk=req.pk).query_code_hash
    assert upgraded.startswith("hmac$") and querycodes.matches(code, upgraded, purpose=FOI)
    assert find_for_applicant(req.number, code) == req


@pytest.mark.django_db
def test_new_request_code_is_an_hmac(township, applicant_fields):
    req, code = submit_online_request(org=township, fields=applicant_fields)
    assert req.query_code_hash.startswith("hmac$")
    assert find_for_applicant(req.number, code) == req
    assert find_for_applicant("2099-000001", code) is None


@pytest.mark.django_db
def test_message_stored_before_the_change_still_opens_and_is_upgraded(township):
    message, code = submit_message(org=township, kind="consult", name="李明", contact="13812345678",
                                   topic="办证咨询", content="请问需要带哪些材料？")
    assert message.query_hash.startswith("hmac$")
    assert message_for_citizen(message.number.lower(), code) == message
    legacy = hashlib.sha256(b"ABCD2345").hexdigest()  # interaction's unsalted SHA-256
    Message.objects.filter(pk=message.pk).update(query_hash=legacy)
    assert message_for_citizen(message.number, code) is None
    assert message_for_citizen(message.number, "abcd2345") == message
    assert Message.objects.get(pk=message.pk).query_hash.startswith("hmac$")
    assert message_for_citizen(message.number, "ABCD2345") == message
