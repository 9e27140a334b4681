"""Interaction fixtures: a private cache (rate limits, portal pages), and a solver for the form challenge."""

from __future__ import annotations

import itertools
import re

import pytest
from django.core.cache import cache

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def private_cache(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"interaction-{next(_seq)}"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def solved(client, url: str, data: dict) -> dict:
    """``data`` plus the challenge token of a fresh GET of ``url`` and the answer to the question shown."""
    html = client.get(url).content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    a, b = map(int, re.search(r'<label for="id_answer"[^>]*>[^<]*?(\d+)\s*\+\s*(\d+)', html).groups())
    return {**data, "challenge": token, "answer": str(a + b), "website": ""}
