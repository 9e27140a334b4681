"""Files stored inside a failing write transaction are removed; committed ones stay."""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core import files
from gongkai.documents.models import Attachment
from tests.documents.factories import draft


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _attachment(doc, name: str) -> Attachment:
    attachment = Attachment(document=doc, original_name=name, content_type="application/pdf", size=8, sha256="0" * 64)
    attachment.file.save(name, ContentFile(b"%PDF-1.4"), save=False)
    files.written(attachment.file)
    attachment.save()
    return attachment


@pytest.mark.django_db
def test_rolled_back_block_removes_its_files(media, officer, township):
    doc = draft(officer, township)
    with pytest.raises(RuntimeError), files.removed_on_rollback(), transaction.atomic():
        stored = _attachment(doc, "a.pdf")
        assert stored.file.storage.exists(stored.file.name)
        raise RuntimeError("a later step failed")
    assert not stored.file.storage.exists(stored.file.name) and not Attachment.objects.exists()


@pytest.mark.django_db
def test_committed_block_keeps_them_and_an_outer_failure_removes_inner_ones(media, officer, township):
    doc = draft(officer, township)
    with files.removed_on_rollback(), transaction.atomic():
        kept = _attachment(doc, "kept.pdf")
    assert kept.file.storage.exists(kept.file.name)
    with pytest.raises(RuntimeError), files.removed_on_rollback(), transaction.atomic():
        with files.removed_on_rollback(), transaction.atomic():
            inner = _attachment(doc, "inner.pdf")
        raise RuntimeError("the outer service failed after the inner one succeeded")
    assert not inner.file.storage.exists(inner.file.name)
    assert kept.file.storage.exists(kept.file.name)
