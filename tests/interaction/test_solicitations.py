"""意见征集: open for comment between two dates, moderated comments, adoption feedback after the end."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.interaction import rules
from gongkai.interaction.models import Comment, CommentStatus
from gongkai.interaction.services import solicitations as services
from gongkai.interaction.services.common import PublishBlocked
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

from .conftest import solved

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _open(officer, township, **kwargs):
    fields = {"title": "《龙家圈街道垃圾分类管理办法（征求意见稿）》", "body": "第一条 为了推进垃圾分类……<script>x</script>",
              "starts_on": TODAY - dt.timedelta(days=3), "ends_on": TODAY + dt.timedelta(days=10), **kwargs}
    item = services.create_solicitation(actor=officer, org=township, **fields)
    return services.publish_solicitation(actor=officer, solicitation=item)


@pytest.mark.parametrize(("starts", "ends", "today", "phase"), [
    (dt.date(2026, 1, 10), dt.date(2026, 1, 20), dt.date(2026, 1, 9), rules.Phase.UPCOMING),
    (dt.date(2026, 1, 10), dt.date(2026, 1, 20), dt.date(2026, 1, 10), rules.Phase.OPEN),
    (dt.date(2026, 1, 10), dt.date(2026, 1, 20), dt.date(2026, 1, 20), rules.Phase.OPEN),
    (dt.date(2026, 1, 10), dt.date(2026, 1, 20), dt.date(2026, 1, 21), rules.Phase.CLOSED),
])
def test_phase(starts, ends, today, phase):
    assert rules.solicitation_phase(starts, ends, today) == phase


@pytest.mark.parametrize(("pairs", "expected", "ready"), [
    ([], (0, 0, 0, 0, 0, 0, 0), True),
    ([("pending", None)], (1, 0, 0, 0, 0, 0, 1), False),
    ([("approved", True), ("approved", False), ("hidden", None)], (3, 2, 1, 1, 1, 0, 0), True),
    ([("approved", None)], (1, 1, 0, 0, 0, 1, 0), False),
])
def test_adoption_summary(pairs, expected, ready):
    summary = rules.adoption_summary(pairs)
    assert (summary.received, summary.published, summary.hidden, summary.adopted, summary.not_adopted,
            summary.undecided, summary.pending) == expected
    assert summary.ready is ready


def test_dates_and_body_are_checked(officer, township):
    with pytest.raises(ValidationError) as exc:
        services.create_solicitation(actor=officer, org=township, title="", body="", starts_on=TODAY,
                                     ends_on=TODAY - dt.timedelta(days=1))
    assert set(exc.value.message_dict) == {"title", "body", "ends_on"}


def test_only_publishers_start_a_consultation(make_user, township):
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    with pytest.raises(PermissionDenied):
        services.create_solicitation(actor=handler, org=township, title="t", body="b", starts_on=TODAY, ends_on=TODAY)


def test_full_cycle_comment_moderate_adopt_feedback(client, officer, township):
    item = _open(officer, township)
    assert "<script>" not in item.body
    url = item.get_absolute_url()
    page = client.get(url).content.decode()
    assert "征集中" in page and "发表意见" in page
    response = client.post(url, solved(client, url, {"name": "王芳", "contact": "13900001111",
                                                      "content": "建议在小区增设厨余垃圾桶，我的电话13900001111。"}))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "厨余垃圾桶" not in client.get(url).content.decode()  # not shown before moderation
    with pytest.raises(PublishBlocked):
        services.moderate_comment(actor=officer, comment=comment, approve=True)
    services.moderate_comment(actor=officer, comment=comment, approve=True, mask_pii=True)
    spam = services.submit_comment(solicitation=item, name="某", content="广告")
    services.moderate_comment(actor=officer, comment=spam, approve=False, note="与草案无关的广告")
    page = client.get(url).content.decode()
    assert "139****1111" in page and "13900001111" not in page and "王芳" not in page and "广告" not in page

    with pytest.raises(ValidationError, match="截止后"):
        services.publish_feedback(actor=officer, solicitation=item, text="说明")
    after_end = item.ends_on + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="未确定是否采纳"):
        services.publish_feedback(actor=officer, solicitation=item, text="说明", today=after_end)
    with pytest.raises(ValidationError):
        services.decide_adoption(actor=officer, comment=comment, adopted=False, note="")
    services.decide_adoption(actor=officer, comment=comment, adopted=False, note="已有分类收集点，暂不增设。")
    services.publish_feedback(actor=officer, solicitation=item, text="共收到意见2条，经研究……", today=after_end)
    page = client.get(url).content.decode()
    assert "意见采纳情况" in page and "共收到意见 2 条" in page and "未采纳：已有分类收集点，暂不增设。" in page
    with pytest.raises(ValidationError):
        services.decide_adoption(actor=officer, comment=comment, adopted=True)


def test_comments_only_while_open_and_closed_consultations_stay_readable(client, officer, township):
    item = _open(officer, township, starts_on=TODAY - dt.timedelta(days=20), ends_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="已结束"):
        services.submit_comment(solicitation=item, name="王", content="意见")
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200 and "已结束" in page.content.decode() and "发表意见" not in page.content.decode()
    response = client.post(item.get_absolute_url(), {"name": "王", "content": "迟到的意见", "answer": "1",
                                                     "challenge": "x"})
    assert response.status_code == 400 and not Comment.objects.exists()
    assert item.title in client.get(f"/gk/{township.code}/consultations/").content.decode()


def test_unpublished_consultations_are_not_public(client, officer, township):
    item = services.create_solicitation(actor=officer, org=township, title="草稿", body="内容", starts_on=TODAY,
                                        ends_on=TODAY)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_staff_screens(client, officer, township, other_township, make_user):
    client.login(username="officer", password=PASSWORD)
    response = client.post("/staff/interaction/solicitations/", {
        "org": township.code, "title": "征求意见", "body": "草案", "starts_on": TODAY.isoformat(),
        "ends_on": TODAY.isoformat()})
    assert response.status_code == 302
    bad = client.post("/staff/interaction/solicitations/", {"org": township.code, "title": "x", "body": "y",
                                                            "starts_on": "2026-13-01", "ends_on": ""})
    assert bad.status_code == 400 and "开始日期格式应为 YYYY-MM-DD。" in bad.content.decode()
    detail = client.get(response.url)
    assert detail.status_code == 200
    client.post(response.url + "publish/")
    make_user("outsider", other_township, Role.OFFICER)
    client.login(username="outsider", password=PASSWORD)
    assert client.get(response.url).status_code == 404
