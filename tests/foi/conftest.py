"""Fixtures of the foi tests: a private in-memory cache (rate limits) and a valid submission."""

import uuid

import pytest

VALID_ID = "11010519491231002X"


@pytest.fixture(autouse=True)
def private_cache(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"foi-{uuid.uuid4()}"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def payload(township):
    return {
        "org": township.code,
        "applicant_type": "natural_person",
        "name": "王秀英",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13905391234",
        "email": "wang@example.com",
        "address": "沂水县长安路1号",
        "description": "请公开2025年龙家圈街道老旧小区改造项目的预算及招标结果",
        "purpose": "了解本小区改造安排",
        "delivery": "electronic",
    }
