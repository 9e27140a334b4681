"""`gongkai import requests`: good lines kept, bad lines reported with their numbers and skipped."""

import io
import json

import pytest

from gongkai.core.commands import UsageError
from gongkai.foi.importer import import_requests
from gongkai.foi.models import DisclosureRequest

GOOD = [
    {"number": "2024-0001", "applicant_type": "natural_person", "channel": "in_person", "received_on": "2024-03-04",
     "outcome": "granted", "replied_on": "2024-03-20"},
    {"number": "2024-0002", "applicant_type": "legal_service_org", "channel": "mail_registered",
     "received_on": "2024-12-20"},
]


def write(tmp_path, lines):
    path = tmp_path / "ledger.jsonl"
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else
                                (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)).encode()
                                for line in lines) + b"\n")
    return path


@pytest.mark.django_db
def test_good_and_bad_lines(tmp_path, township):
    bad = [
        "{broken",
        {"number": "2024-0003", "applicant_type": "robot", "channel": "online", "received_on": "2024-01-02"},
        {"number": "2024-0004", "applicant_type": "natural_person", "channel": "online", "received_on": "2024-02-30"},
        {"number": "2024-0005", "applicant_type": "natural_person", "channel": "online", "received_on": "2024-05-06",
         "outcome": "granted"},
        {"number": "2024-0006", "applicant_type": "natural_person", "channel": "online", "received_on": "2024-05-06",
         "outcome": "maybe", "replied_on": "2024-05-07"},
        b"\xff\xfe",
        [1, 2],
    ]
    path = write(tmp_path, [GOOD[0], *bad, "", GOOD[1]])
    out, err = io.StringIO(), io.StringIO()
    summary = import_requests(path, township.code, out, err)
    assert summary.created == 2 and len(summary.errors) == 7
    assert [n for n, _ in summary.errors] == [2, 3, 4, 5, 6, 7, 8]
    assert out.getvalue().count("\n") == 1 and "新增2件" in out.getvalue() and "错误7行" in out.getvalue()
    assert "第3行：applicant_type的值无效" in err.getvalue()
    assert "第4行：received_on不是有效日期" in err.getvalue()
    closed = DisclosureRequest.objects.get(number="2024-0001")
    assert closed.outcome == "granted" and str(closed.replied_on) == "2024-03-20" and closed.status == "archived"
    open_ = DisclosureRequest.objects.get(number="2024-0002")
    assert open_.replied_on is None and open_.due_on is not None and open_.imported
    assert not open_.query_code_hash  # imported requests cannot be tracked publicly


@pytest.mark.django_db
def test_reimport_keeps_existing_and_rejects_foreign_numbers(tmp_path, township, other_township):
    path = write(tmp_path, GOOD)
    import_requests(path, township.code, io.StringIO())
    again = import_requests(path, township.code, io.StringIO())
    assert (again.created, again.existing, again.errors) == (0, 2, [])
    foreign = import_requests(path, other_township.code, io.StringIO())
    assert foreign.created == 0 and len(foreign.errors) == 2
    assert DisclosureRequest.objects.count() == 2


@pytest.mark.django_db
def test_unknown_org_and_missing_file_are_usage_errors(tmp_path, township):
    with pytest.raises(UsageError, match="机构不存在"):
        import_requests(write(tmp_path, GOOD), "nope", io.StringIO())
    with pytest.raises(UsageError, match="无法读取文件"):
        import_requests(tmp_path / "missing.jsonl", township.code, io.StringIO())


@pytest.mark.django_db
def test_generated_numbers_skip_imported_ones(tmp_path, township):
    from django.db import transaction

    from gongkai.foi.services import next_number

    # (a ledger of a past year: a receipt date after today cannot be imported)
    write_path = write(tmp_path, [{"number": "2020-000001", "applicant_type": "natural_person",
                                   "channel": "online", "received_on": "2020-01-06"}])
    import_requests(write_path, township.code, io.StringIO())
    with transaction.atomic():
        assert next_number(2020) == "2020-000002"
