"""Interpretation fixtures: staff of every review role, a policy, and a private page cache."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache

from gongkai.orgs.models import Role
from tests.documents.factories import ROLE_USERS

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def private_cache(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"interp-{next(_seq)}"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(make_user, township, officer):
    users = {Role.OFFICER: officer}
    for role, name in ROLE_USERS.items():
        if role != Role.OFFICER:
            users[role] = make_user(name, township, role)
    return users
