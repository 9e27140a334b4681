"""Operator-edited search curation: synonym groups and best bets (推荐结果).

Synonyms are loaded once per process and reloaded when a group is saved (signal) or, for other
processes, at most RELOAD_INTERVAL seconds later.
"""

from __future__ import annotations

import re
import threading
import time

from .segment import clean_text

RELOAD_INTERVAL = 60.0
MAX_SYNONYM_TOKENS = 6
_SPLIT = re.compile(r"[,，、;；\n]+")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """How synonyms and best-bet queries are compared: cleaned, lower-cased, without spaces."""
    return _SPACE.sub("", clean_text(text)).lower()


def parse_terms(raw: str) -> list[str]:
    """The distinct members of a synonym group as typed (empty ones dropped)."""
    return list(dict.fromkeys(t.strip() for t in _SPLIT.split(raw or "") if t.strip()))


class _Synonyms:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._map: dict[str, list[str]] = {}
        self._loaded = 0.0
        self._dirty = True

    def invalidate(self) -> None:
        self._dirty = True

    def mapping(self) -> dict[str, list[str]]:
        """normalized member → the other members (normalized) of its groups."""
        now = time.monotonic()
        if self._dirty or now - self._loaded > RELOAD_INTERVAL:
            with self._lock:
                if self._dirty or now - self._loaded > RELOAD_INTERVAL:
                    self._map = self._load()
                    self._loaded, self._dirty = now, False
        return self._map

    @staticmethod
    def _load() -> dict[str, list[str]]:
        from django.db import DatabaseError

        from .models import SynonymGroup

        try:
            groups = list(SynonymGroup.objects.filter(active=True).values_list("terms", flat=True))
        except DatabaseError:
            return {}
        out: dict[str, list[str]] = {}
        for raw in groups:
            members = [m for m in dict.fromkeys(normalize(t) for t in parse_terms(raw)) if m]
            for m in members:
                out.setdefault(m, [])
                out[m] += [o for o in members if o != m and o not in out[m]]
        return out


synonyms = _Synonyms()


def expand(terms: list[str]) -> list[tuple[list[str], list[str]]]:
    """Group query words into units: ``(words, alternatives)`` where ``alternatives`` are the synonyms
    of the run of words (joined) that a synonym group lists, longest run first; [] when none."""
    table = synonyms.mapping()
    out: list[tuple[list[str], list[str]]] = []
    i = 0
    while i < len(terms):
        for j in range(min(len(terms), i + MAX_SYNONYM_TOKENS), i, -1):
            joined = "".join(terms[i:j])
            if table and joined in table:
                out.append((terms[i:j], table[joined]))
                i = j
                break
        else:
            out.append(([terms[i]], []))
            i += 1
    return out


def best_bets(query: str) -> list[int]:
    """Ids of the documents pinned for ``query`` (normalized comparison), in their order."""
    from .models import BestBet

    key = normalize(query)
    if not key:
        return []
    rows = BestBet.objects.filter(active=True).order_by("position", "id").values_list("query", "document_id")
    return [doc for q, doc in rows if normalize(q) == key]
