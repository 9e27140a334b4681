"""Drafting an interpretation: a Document in the 政策解读 column, linked to its policies, with images."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.services import history
from gongkai.catalog.models import Column
from gongkai.documents import services as documents
from gongkai.documents.models import Status
from gongkai.interpretation import services
from gongkai.interpretation.models import InterpretationForm
from gongkai.orgs.models import Role
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _policy(officer, township, **fields):
    return draft(officer, township, title="关于实施农村人居环境整治的意见", needs_interpretation=True, **fields)


def _create(officer, township, policies, **kwargs):
    kwargs.setdefault("form", InterpretationForm.TEXT)
    return services.create_interpretation(actor=officer, org=township, title="一图读懂人居环境整治",
                                          policies=policies, **kwargs)


def test_interpretation_is_a_draft_document_in_the_interpretation_column(officer, township):
    policy = _policy(officer, township)
    item = _create(officer, township, [policy], sections={0: "依据乡村振兴战略。"})
    doc = item.document
    assert doc.status == Status.DRAFT
    assert doc.column.slug == "interpretation" and doc.org == township
    assert doc.body.count("<h2>") == 8 and "依据乡村振兴战略。" in doc.body
    assert list(item.policies.all()) == [policy]
    assert [e.action for e in history(item)] == ["interpretation_create"]


def test_missing_column_is_created(officer, township):
    Column.objects.filter(org=township, slug="interpretation").delete()
    item = _create(officer, township, [_policy(officer, township)])
    assert item.document.column.name == "政策解读"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"form": InterpretationForm.VIDEO}, "media_url"),
    ({"form": InterpretationForm.ANIMATION}, "media_url"),
    ({"form": InterpretationForm.MEDIA, "media_url": "https://example.com/a"}, "media_source"),
    ({"form": "poster"}, "form"),
])
def test_form_specific_fields_are_checked(officer, township, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        _create(officer, township, [_policy(officer, township)], **kwargs)
    assert field in exc.value.message_dict


def test_at_least_one_policy_and_only_visible_ones(officer, township, other_township, make_user):
    with pytest.raises(ValidationError) as exc:
        _create(officer, township, [])
    assert exc.value.message_dict["policies"] == ["请至少选择一件被解读的政策文件。"]
    other_officer = make_user("other", other_township, Role.OFFICER)
    foreign = draft(other_officer, other_township)
    with pytest.raises(ValidationError):
        _create(officer, township, [foreign])


def test_an_interpretation_cannot_be_interpreted(officer, township):
    item = _create(officer, township, [_policy(officer, township)])
    with pytest.raises(ValidationError) as exc:
        _create(officer, township, [item.document])
    assert "本身是政策解读" in exc.value.message_dict["policies"][0]


def test_only_editors_draft(make_user, township, officer):
    reviewer = make_user("rev", township, Role.OFFICE_REVIEWER)
    with pytest.raises(PermissionDenied):
        _create(reviewer, township, [_policy(officer, township)])


def test_update_relinks_and_records_before_and_after(officer, township):
    first, second = _policy(officer, township), draft(officer, township, title="第二件政策")
    item = _create(officer, township, [first])
    services.update_interpretation(actor=officer, item=item, form=InterpretationForm.MEDIA, policies=[first, second],
                                   media_url="https://news.example.cn/1", media_source="沂水融媒")
    assert set(item.policies.all()) == {first, second}
    entry = history(item).last()
    assert entry.action == "interpretation_update"
    assert entry.data["before"]["form"] == "text" and entry.data["after"]["form"] == "media"


def test_images_need_alt_text_and_a_real_image(officer, township):
    item = _create(officer, township, [_policy(officer, township)], form=InterpretationForm.GRAPHIC)
    with pytest.raises(ValidationError) as exc:
        services.add_image(actor=officer, item=item, uploaded_file=SimpleUploadedFile("a.png", PNG), alt_text=" ")
    assert "文字说明" in exc.value.message_dict["alt_text"][0]
    with pytest.raises(ValidationError) as exc:
        services.add_image(actor=officer, item=item, uploaded_file=SimpleUploadedFile("a.png", b"GIF89a..."),
                           alt_text="流程图")
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.add_image(actor=officer, item=item, uploaded_file=SimpleUploadedFile("a.svg", b"<svg/>"),
                           alt_text="流程图")
    image = services.add_image(actor=officer, item=item, uploaded_file=SimpleUploadedFile("a.png", PNG),
                               alt_text="整治任务分三步：清理、改厕、绿化")
    assert image.content_type == "image/png"
    services.remove_image(actor=officer, image=image)
    assert not item.images.exists()


def test_images_are_frozen_once_published(officer, township):
    item = _create(officer, township, [_policy(officer, township)], form=InterpretationForm.GRAPHIC)
    documents.mark_published(actor=officer, document=item.document)
    with pytest.raises(ValidationError):
        services.add_image(actor=officer, item=item, uploaded_file=SimpleUploadedFile("a.png", PNG), alt_text="图")
