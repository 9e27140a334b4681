"""我要咨询: public submission with spam control, staff assignment and answer, PII-checked publication."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.services import history
from gongkai.interaction import selectors
from gongkai.interaction.models import Message, MessageStatus
from gongkai.interaction.rules import QueueState
from gongkai.interaction.services import messages as services
from gongkai.interaction.services.common import PublishBlocked
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

from .conftest import solved

pytestmark = pytest.mark.django_db

FORM = {"org": "longjiaquan", "kind": "consult", "topic": "老年人优待证怎么办理",
        "content": "请问本街道办理老年人优待证需要带哪些材料？", "name": "李明", "contact": "13812345678"}


def _message(township, **kwargs):
    fields = {"org": township, "kind": "consult", "name": "李明", "contact": "13812345678",
              "topic": "办证咨询", "content": "请问需要带哪些材料？", **kwargs}
    return services.submit_message(**fields)[0]


def test_citizen_asks_and_tracks_the_answer(client, township, officer):
    response = client.post("/ask/", solved(client, "/ask/", FORM))
    assert response.status_code == 302 and response.url == "/ask/done/"
    message = Message.objects.get()
    assert message.org == township and message.number.startswith("ZX") and message.status == MessageStatus.RECEIVED
    assert message.due_on > message.received_on
    assert [e.action for e in history(message)] == ["message_submit"]
    done = client.get("/ask/done/").content.decode()
    code = done.split('class="query-code">')[1].split("<")[0]
    assert message.number in done and len(code) == 8
    services.answer(actor=officer, item=message, text="请携带身份证和一寸照片到便民服务中心办理。")
    page = client.post("/ask/track/", {"number": message.number, "code": code.lower()}).content.decode()
    assert "一寸照片" in page
    assert client.post("/ask/track/", {"number": message.number, "code": "WRONG123"}).status_code == 404


@pytest.mark.parametrize(("change", "message"), [
    ({"content": ""}, "请填写留言内容。"),
    ({"content": "你好"}, "留言内容太短"),
    ({"contact": "12345"}, "请填写11位手机号码、带区号的固定电话或电子邮箱。"),
    ({"contact": "a@b"}, "电子邮箱格式不正确。"),
    ({"org": "nowhere"}, "所选机构不存在。"),
    ({"topic": "题" * 101}, "主题不能超过100个字。"),
])
def test_bad_input_gets_a_precise_chinese_message(client, township, change, message):
    response = client.post("/ask/", solved(client, "/ask/", {**FORM, **change}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Message.objects.exists()


def test_spam_controls(client, township, settings):
    data = solved(client, "/ask/", FORM)
    assert client.post("/ask/", {**data, "website": "http://spam"}).status_code == 400
    assert client.post("/ask/", {**data, "answer": "99"}).status_code == 400
    assert client.post("/ask/", {**data, "challenge": "forged"}).status_code == 400
    assert not Message.objects.exists()
    settings.GONGKAI_FOI_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post("/ask/", solved(client, "/ask/", FORM)).status_code == 302
    response = client.post("/ask/", solved(client, "/ask/", FORM))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Message.objects.count() == 2


def test_a_rejected_form_asks_a_new_question_and_keeps_the_text(client, township):
    data = solved(client, "/ask/", {**FORM, "contact": "bad"})
    html = client.post("/ask/", data).content.decode()
    assert FORM["content"] in html and data["challenge"] not in html


def test_assign_answer_publish_with_masking(township, officer, make_user, client, django_capture_on_commit_callbacks):
    admin = make_user("admin", township, Role.OFFICE_ADMIN)
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    message = _message(township, content="我的电话13812345678，请问低保怎么申请？")
    services.assign(actor=admin, item=message, assignee=handler)
    with pytest.raises(PermissionDenied):
        services.answer(actor=officer, item=message, text="另一人的答复")
    services.answer(actor=handler, item=message, text="请到民政办申请。")
    with pytest.raises(PublishBlocked) as exc:
        services.publish_message(actor=admin, message=message)
    assert {f["kind"] for f in exc.value.findings} == {"mobile"} and "手机号" in exc.value.message
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_message(actor=admin, message=message, mask_pii=True)
    message.refresh_from_db()
    assert "138****5678" in message.public_content and "13812345678" in message.content  # original kept
    page = client.get(f"/gk/{township.code}/messages/").content.decode()
    assert "办证咨询" in page
    detail = client.get(f"/gk/{township.code}/messages/{message.pk}/").content.decode()
    assert "138****5678" in detail and "13812345678" not in detail and "李明" not in detail
    assert [e.action for e in history(message)] == ["message_submit", "assign", "answer", "publish"]


def test_private_and_unanswered_messages_are_never_published(township, officer, client):
    private = _message(township, is_private=True)
    services.answer(actor=officer, item=private, text="已电话答复。")
    with pytest.raises(ValidationError, match="不公开"):
        services.publish_message(actor=officer, message=private)
    open_message = _message(township)
    with pytest.raises(ValidationError, match="已答复"):
        services.publish_message(actor=officer, message=open_message)
    assert client.get(f"/gk/{township.code}/messages/{private.pk}/").status_code == 404


def test_assignee_must_work_in_the_organization(township, other_township, officer, make_user):
    outsider = make_user("outsider", other_township, Role.OFFICER)
    with pytest.raises(ValidationError):
        services.assign(actor=officer, item=_message(township), assignee=outsider)


def test_invalid_messages_are_kept_with_the_reason(township, officer):
    message = _message(township, content="广告广告广告广告")
    with pytest.raises(ValidationError):
        services.mark_invalid(actor=officer, item=message, reason="")
    services.mark_invalid(actor=officer, item=message, reason="商业广告")
    message.refresh_from_db()
    assert message.status == MessageStatus.INVALID and message.content == "广告广告广告广告"


def test_unanswered_message_shows_as_overdue_on_the_office_list(township, officer, client):
    message = _message(township)
    Message.objects.filter(pk=message.pk).update(received_on=dt.date(2026, 1, 5), due_on=dt.date(2026, 1, 12))
    [item] = selectors.annotate_queue(selectors.queue_for(officer, Message, state="overdue"))
    assert item.queue.state == QueueState.CRITICAL
    client.login(username="officer", password=PASSWORD)
    page = client.get("/staff/interaction/messages/?state=overdue").content.decode()
    assert "严重逾期" in page and "1</strong> 件已超过答复期限" in page


def test_staff_screens_are_scoped_and_actions_work(township, other_township, officer, make_user, client):
    message = _message(township)
    make_user("outsider", other_township, Role.OFFICER)
    client.login(username="outsider", password=PASSWORD)
    assert client.get(f"/staff/interaction/messages/{message.pk}/").status_code == 404
    assert client.post(f"/staff/interaction/messages/{message.pk}/answer/", {"answer": "x"}).status_code == 404
    client.login(username="officer", password=PASSWORD)
    assert client.get(f"/staff/interaction/messages/{message.pk}/").status_code == 200
    client.post(f"/staff/interaction/messages/{message.pk}/answer/", {"answer": "请带身份证。"})
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED
    response = client.post(f"/staff/interaction/messages/{message.pk}/publish/", {}, follow=True)
    assert "留言和答复已公开。" in response.content.decode()


def test_counts_for_statistics(township, officer):
    answered = _message(township)
    services.answer(actor=officer, item=answered, text="答复")
    _message(township)
    counts = selectors.counts(Message, {township.pk}, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    assert (counts.received, counts.answered, counts.open, counts.answered_late) == (2, 1, 1, 0)


def test_staff_pages_render_and_require_login(client, officer, township):
    urls = ["/staff/interaction/messages/", "/staff/interaction/errors/", "/staff/interaction/hotline/",
            "/staff/interaction/solicitations/", "/staff/interaction/surveys/"]
    for url in urls:
        assert client.get(url).url.startswith("/staff/login/")
    client.login(username="officer", password=PASSWORD)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert client.get("/staff/interaction/unknown/").status_code == 404


def test_public_form_preselects_the_organization(client, township):
    html = client.get("/ask/?org=longjiaquan").content.decode()
    assert '<option value="longjiaquan" selected>' in html


def test_the_case_screen_shows_only_the_buttons_the_role_may_use(township, officer, make_user, client):
    admin = make_user("admin", township, Role.OFFICE_ADMIN)
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    message = _message(township, content="请问低保怎么申请？")
    services.assign(actor=admin, item=message, assignee=handler)
    services.answer(actor=handler, item=message, text="请到民政办申请。")
    client.login(username="handler", password=PASSWORD)
    page = client.get(f"/staff/interaction/messages/{message.pk}/").content.decode()
    assert "请到民政办申请" in page and "公开留言和答复" not in page  # it led to 「无权访问」
    client.logout()
    client.login(username="admin", password=PASSWORD)
    assert "公开留言和答复" in client.get(f"/staff/interaction/messages/{message.pk}/").content.decode()
