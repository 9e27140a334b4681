"""After publication commits, the document is searchable and cached portal pages are invalidated."""

import pytest

from gongkai.core.pagecache import current_generation
from gongkai.documents import services
from gongkai.search.services import search

from .factories import draft

pytestmark = pytest.mark.django_db


def test_publish_indexes_and_bumps_the_portal_generation(officer, township, django_capture_on_commit_callbacks):
    doc = draft(officer, township, title="龙家圈街道防汛应急预案", body="<p>汛期值班安排。</p>")
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.mark_published(actor=officer, document=doc)
    assert len(callbacks) == 1
    assert current_generation() > before
    assert [d.pk for d, _hit in search("防汛应急预案").results] == [doc.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(actor=officer, document=doc, comment="内容有误")
    assert search("防汛应急预案").total == 0


def test_indexing_waits_for_the_commit(officer, township, django_capture_on_commit_callbacks):
    doc = draft(officer, township, title="秸秆禁烧工作通知")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.mark_published(actor=officer, document=doc)
    assert len(callbacks) == 1  # a rolled-back publication never reaches the index
    assert search("秸秆禁烧").total == 0
    callbacks[0]()
    assert search("秸秆禁烧").total == 1
