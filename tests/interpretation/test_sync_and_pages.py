"""三同步: the review chain, the 待解读 list, and links between policy and interpretation pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.documents import services as documents
from gongkai.documents.models import Status
from gongkai.interpretation import selectors, services
from gongkai.interpretation.models import InterpretationForm
from gongkai.interpretation.rules import SyncState
from gongkai.orgs.models import Role
from gongkai.review.rules import Action
from gongkai.review.services import transition
from tests.conftest import PASSWORD
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _through_the_chain(staff, document):
    transition(actor=staff[Role.OFFICER], document=document, action=Action.SUBMIT)
    for role in (Role.OFFICE_REVIEWER, Role.LEADER_REVIEWER, Role.SECRECY_REVIEWER):
        transition(actor=staff[role], document=document, action=Action.APPROVE)
    return transition(actor=staff[Role.OFFICER], document=document, action=Action.PUBLISH)


def _policy_and_interpretation(staff, township, form=InterpretationForm.TEXT):
    officer = staff[Role.OFFICER]
    policy = draft(officer, township, title="关于实施农村人居环境整治的意见", needs_interpretation=True)
    item = services.create_interpretation(actor=officer, org=township, title="《关于实施农村人居环境整治的意见》解读",
                                          form=form, policies=[policy])
    return policy, item


def test_interpretation_goes_through_the_same_review_chain(staff, township):
    _policy, item = _policy_and_interpretation(staff, township)
    doc = _through_the_chain(staff, item.document)
    assert doc.status == Status.PUBLISHED and doc.index_number.startswith("longjiaquan/")


def test_pending_list_shows_overdue_until_the_interpretation_is_published(staff, township, client):
    policy, item = _policy_and_interpretation(staff, township)
    officer = staff[Role.OFFICER]
    [row] = selectors.pending_for(officer)
    assert row.sync.state == SyncState.DUE_WITH_POLICY and row.drafts == [item]
    _through_the_chain(staff, policy)
    [row] = selectors.pending_for(officer)
    assert row.sync.state == SyncState.OVERDUE
    client.login(username="officer", password=PASSWORD)
    page = client.get("/staff/interpretation/pending/")
    assert page.status_code == 200 and "已逾期" in page.content.decode()
    _through_the_chain(staff, item.document)
    assert selectors.pending_for(officer) == []


def test_policies_not_needing_interpretation_are_not_pending(staff, township):
    draft(staff[Role.OFFICER], township)
    assert selectors.pending_for(staff[Role.OFFICER]) == []


def test_pending_list_is_scoped_to_the_users_organizations(staff, township, other_township, make_user):
    _policy_and_interpretation(staff, township)
    outsider = make_user("outsider", other_township, Role.OFFICER)
    assert selectors.pending_for(outsider) == []


def test_policy_page_and_interpretation_page_link_to_each_other(staff, township, client,
                                                                django_capture_on_commit_callbacks):
    policy, item = _policy_and_interpretation(staff, township, form=InterpretationForm.GRAPHIC)
    image = services.add_image(actor=staff[Role.OFFICER], item=item, uploaded_file=SimpleUploadedFile("a.png", PNG),
                               alt_text="三步走：清理、改厕、绿化")
    with django_capture_on_commit_callbacks(execute=True):
        documents.mark_published(actor=staff[Role.OFFICER], document=policy)
    image_url = f"/gk/longjiaquan/doc/{item.document.pk}/image/{image.pk}/"
    assert client.get(image_url).status_code == 404  # not public while a draft
    assert "政策解读" not in client.get(policy.get_absolute_url()).content.decode().split("相关信息")[0]
    with django_capture_on_commit_callbacks(execute=True):
        _through_the_chain(staff, item.document)
    policy_page = client.get(policy.get_absolute_url()).content.decode()
    assert item.document.get_absolute_url() in policy_page
    interp_page = client.get(item.document.get_absolute_url()).content.decode()
    assert policy.get_absolute_url() in interp_page and "解读的政策文件" in interp_page
    assert 'alt="三步走：清理、改厕、绿化"' in interp_page
    response = client.get(image_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_relinking_a_published_interpretation_refreshes_the_cached_policy_page(
        staff, township, client, django_capture_on_commit_callbacks):
    policy, item = _policy_and_interpretation(staff, township)
    other = draft(staff[Role.OFFICER], township, title="另一件政策")
    with django_capture_on_commit_callbacks(execute=True):
        for doc in (policy, other):
            documents.mark_published(actor=staff[Role.OFFICER], document=doc)
        _through_the_chain(staff, item.document)
    assert item.document.get_absolute_url() not in client.get(other.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_interpretation(actor=staff[Role.OFFICER], item=item, form=item.form, policies=[policy, other])
    assert item.document.get_absolute_url() in client.get(other.get_absolute_url()).content.decode()
