"""Information-processing fees of disclosure on request (国办函〔2020〕109号): pure functions."""

from __future__ import annotations

from decimal import Decimal

from .errors import RuleError

PIECE_FREE = 10
PIECE_FIRST_BAND_END = 30
PIECE_FIRST_BAND_PRICE = Decimal(100)
PIECE_BAND_SIZE = 10

VOLUME_BANDS: tuple[tuple[int, int | None, Decimal], ...] = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)


def piece_price(n: int) -> Decimal:
    """Price of the n-th request (1-based) of one applicant in one calendar month."""
    if n < 1:
        raise RuleError("件数须为正整数。", "pieces")
    if n <= PIECE_FREE:
        return Decimal(0)
    if n <= PIECE_FIRST_BAND_END:
        return PIECE_FIRST_BAND_PRICE
    # 31–40: 200, 41–50: 300, … each band of 10 is 100 yuan per piece dearer than the one before.
    band = (n - PIECE_FIRST_BAND_END - 1) // PIECE_BAND_SIZE + 1
    return PIECE_FIRST_BAND_PRICE * (band + 1)


def fee_by_piece(*, earlier_in_month: int, pieces: int = 1) -> Decimal:
    """Fee for ``pieces`` requests following ``earlier_in_month`` of the same applicant this month."""
    if earlier_in_month < 0 or pieces < 1:
        raise RuleError("件数须为正整数。", "pieces")
    return sum((piece_price(n) for n in range(earlier_in_month + 1, earlier_in_month + pieces + 1)), Decimal(0))


def fee_by_volume(pages: int) -> Decimal:
    """Fee for ``pages`` pages of one request (paper copies, e-mail or copied electronic data)."""
    if pages < 0:
        raise RuleError("页数不能为负数。", "pages")
    total = Decimal(0)
    for start, end, price in VOLUME_BANDS:
        top = pages if end is None else min(pages, end)
        if top >= start:
            total += price * (top - start + 1)
    return total
