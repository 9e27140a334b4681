"""The documents app announces what happened; higher apps learn it only through these events."""

import datetime as dt
import io
import json

import pytest

from gongkai.core.pagecache import current_generation
from gongkai.documents import events, services
from gongkai.documents.importer import import_documents
from gongkai.documents.models import Document, Status, Validity, ValidityEvent
from gongkai.documents.validity import record_validity_change
from gongkai.search.services import search

from .factories import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Every documents event sent during the test, as (signal name, keyword arguments)."""
    got: list[tuple[str, dict]] = []
    names = {s: n for n, s in vars(events).items() if isinstance(s, type(events.document_published))}
    receivers = []
    for signal, name in names.items():
        def receiver(sender, signal=signal, name=name, **kwargs):
            got.append((name, {k: v for k, v in kwargs.items() if k != "signal"}))
        signal.connect(receiver, weak=False)
        receivers.append((signal, receiver))
    yield got
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def test_publication_and_withdrawal_are_announced_after_commit(officer, township, heard,
                                                               django_capture_on_commit_callbacks):
    doc = draft(officer, township, title="龙家圈街道防汛应急预案")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.mark_published(actor=officer, document=doc)
    assert heard == []  # nothing is told before the commit
    callbacks[0]()
    assert heard == [("document_published", {"document_id": doc.pk})]
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(actor=officer, document=doc, comment="内容有误")
    assert heard == [("document_withdrawn", {"document_id": doc.pk})]


def test_a_failing_receiver_does_not_stop_search_and_the_portal(officer, township,
                                                               django_capture_on_commit_callbacks):
    def broken(sender, **kwargs):
        raise RuntimeError("a subscriber failed")

    events.document_published.connect(broken, weak=False)
    try:
        doc = draft(officer, township, title="秸秆禁烧工作通知")
        before = current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            services.mark_published(actor=officer, document=doc)
    finally:
        events.document_published.disconnect(broken)
    assert search("秸秆禁烧").total == 1
    assert current_generation() > before


def test_validity_changes_are_announced_with_before_and_after(officer, township, heard,
                                                             django_capture_on_commit_callbacks):
    doc = draft(officer, township)
    Document.objects.filter(pk=doc.pk).update(status=Status.PUBLISHED, validity=Validity.IN_FORCE)
    with django_capture_on_commit_callbacks(execute=True):
        record_validity_change(actor=officer, document=doc, status=Validity.REPEALED,
                               effective_on=dt.date(2025, 3, 1), note="废止")
    assert heard == [("validity_changed", {"document_id": doc.pk, "before": Validity.IN_FORCE,
                                           "after": Validity.REPEALED, "effective_on": dt.date(2025, 3, 1)})]
    # exactly one dated event: the row update does not add a second, undated one
    assert list(ValidityEvent.objects.filter(document=doc).values_list("effective_on", flat=True)) == [
        dt.date(2025, 3, 1)]


def test_an_import_announces_each_batch_with_its_rows_and_they_are_searchable(township, heard):
    rows = [{"title": f"关于秸秆禁烧的第{i}号通知", "body": "请做好秸秆禁烧工作。", "agency": "沂水县龙家圈街道办事处",
             "published_on": "2024-05-06", "column": "news"} for i in range(3)]
    summary = import_documents(io.StringIO("\n".join(json.dumps(r, ensure_ascii=False) for r in rows)), township)
    assert summary.imported == 3
    assert [name for name, _ in heard] == ["documents_imported"]
    assert sorted(d.pk for d in heard[0][1]["documents"]) == sorted(Document.objects.values_list("pk", flat=True))
    assert search("秸秆禁烧").total == 3
