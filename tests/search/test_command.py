"""`gongkai search reindex`."""

import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.search.models import SearchEntry


def test_reindex_rebuilds_with_progress(make_doc):
    make_doc("河长制工作方案", "<p>河长制</p>", index=False)
    make_doc("林长制工作方案", "<p>林长制</p>", index=False)
    out, err = io.StringIO(), io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert SearchEntry.objects.count() == 2
    assert "已重建检索索引：2 篇" in out.getvalue()
    assert "篇/秒" in out.getvalue()
    assert "2/2" in err.getvalue()


def test_reindex_bad_batch_size(db):
    with pytest.raises(CommandError) as exc:
        call_command("search", "reindex", "--batch-size", "0")
    assert exc.value.returncode == 2
