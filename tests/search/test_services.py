from gongkai.documents.models import Status
from gongkai.search.services import index_document, remove_document, search


def ids(page):
    return [doc.pk for doc, _hit in page.results]


def test_two_character_word_matches_inside_longer_term(make_doc):
    doc = make_doc("龙家圈街道2023年度政务公开工作实施方案", "<p>推进政务公开标准化规范化。</p>")
    make_doc("秸秆禁烧工作通知", "<p>做好秸秆禁烧。</p>")
    assert ids(search("公开")) == [doc.pk]
    assert ids(search("政务公开")) == [doc.pk]


def test_withdrawn_document_disappears(make_doc):
    doc = make_doc("河长制工作方案", "<p>全面推行河长制。</p>")
    assert ids(search("河长制")) == [doc.pk]
    doc.status = Status.WITHDRAWN
    doc.save()
    index_document(doc)
    assert ids(search("河长制")) == []


def test_remove_document(make_doc):
    doc = make_doc("河长制工作方案", "<p>全面推行河长制。</p>")
    remove_document(doc.pk)
    assert search("河长制").total == 0
