"""Helpers for the CSV files staff download (registers, statistics, survey answers)."""

from __future__ import annotations

from typing import Any


def csv_safe(value: Any) -> str:
    """Neutralize spreadsheet formulas in exported cells (CSV injection)."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
