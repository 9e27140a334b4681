"""core.sequences: one counter service for every number the product issues."""

import pytest
from django.db import transaction

from gongkai.core import sequences


@pytest.mark.django_db
def test_numbers_are_consecutive_per_key():
    assert [sequences.reserve("test.a") for _ in range(3)] == [1, 2, 3]
    assert sequences.reserve("test.b") == 1
    assert sequences.reserve("test.a", 5) == 4
    assert sequences.reserve("test.a") == 9
    assert sequences.last("test.a") == 9 and sequences.last("test.unused") == 0


@pytest.mark.django_db
def test_a_rolled_back_transaction_gives_its_numbers_back():
    sequences.reserve("test.c")
    with pytest.raises(RuntimeError), transaction.atomic():
        assert sequences.reserve("test.c", 3) == 2
        raise RuntimeError("the numbered row could not be stored")
    assert sequences.reserve("test.c") == 2


@pytest.mark.django_db
def test_numbers_taken_elsewhere_are_skipped():
    imported = {1, 2, 4}
    assert sequences.reserve("test.d", taken=imported.__contains__) == 3
    assert sequences.reserve("test.d", taken=imported.__contains__) == 5


@pytest.mark.django_db
def test_advance_to_never_goes_back():
    sequences.advance_to("test.e", 352)
    sequences.advance_to("test.e", 10)
    assert sequences.reserve("test.e") == 353


def test_bad_counts_are_programming_errors():
    with pytest.raises(ValueError):
        sequences.reserve("test.f", 0)
    with pytest.raises(ValueError):
        sequences.reserve("test.f", 2, taken=lambda n: False)
