"""互动交流 across the site: the hub, searchable 咨询答复 of every organization, site-wide 意见征集 and 问卷调查."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.interaction.services import messages as message_services
from gongkai.interaction.services import solicitations as solicitation_services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _answered(org, officer, topic, answer, django_capture_on_commit_callbacks):
    message = message_services.submit_message(org=org, kind="consult", name="李明", contact="", topic=topic,
                                              content="请问怎么办理？")[0]
    message_services.answer(actor=officer, item=message, text=answer)
    with django_capture_on_commit_callbacks(execute=True):
        message_services.publish_message(actor=officer, message=message)
    return message


def _consultation(officer, org, title, starts, ends):
    item = solicitation_services.create_solicitation(actor=officer, org=org, title=title, body="第一条 草案正文。",
                                                     starts_on=starts, ends_on=ends)
    return solicitation_services.publish_solicitation(actor=officer, solicitation=item)


def test_answers_of_every_organization_are_listed_and_searchable(
    client, county, township, officer, make_user, django_capture_on_commit_callbacks
):
    from gongkai.orgs.models import Role

    county_officer = make_user("county-officer", county, Role.OFFICER)
    _answered(township, officer, "老年人优待证怎么办理", "请到便民服务中心办理。", django_capture_on_commit_callbacks)
    _answered(county, county_officer, "不动产登记咨询", "请到县不动产登记中心。", django_capture_on_commit_callbacks)
    page = client.get("/hudong/answers/").content.decode()
    assert "老年人优待证怎么办理" in page and "不动产登记咨询" in page
    assert "沂水县龙家圈街道办事处" in page and "沂水县人民政府" in page
    found = client.get("/hudong/answers/", {"q": "不动产"}).content.decode()
    assert "不动产登记咨询" in found and "老年人优待证" not in found
    # The words of the answer are searched too.
    assert "老年人优待证" in client.get("/hudong/answers/", {"q": "便民服务中心"}).content.decode()
    none = client.get("/hudong/answers/", {"q": "拆迁"}).content.decode()
    assert "没有找到含「拆迁」的咨询答复" in none


def test_an_overlong_query_gets_a_message_not_an_error(client, county):
    response = client.get("/hudong/answers/", {"q": "字" * 51})
    assert response.status_code == 200 and "关键词不能超过 50 个字" in response.content.decode()


def test_consultations_open_first_with_dates_across_organizations(client, county, township, officer):
    _consultation(officer, township, "垃圾分类管理办法（征求意见稿）", TODAY - dt.timedelta(days=2), TODAY + dt.timedelta(days=5))
    _consultation(officer, township, "停车管理办法（征求意见稿）", TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=10))
    page = client.get("/hudong/consultations/").content.decode()
    open_part, closed_part = page.split('id="h-closed"')
    assert "垃圾分类管理办法" in open_part and "征集中" in open_part
    assert "停车管理办法" in closed_part and "已结束" in closed_part
    assert (TODAY - dt.timedelta(days=2)).isoformat() in open_part


def test_home_and_navigation_reach_interaction(client, county):
    home = client.get("/").content.decode()
    for href in ("/ask/", "/hudong/answers/", "/hudong/consultations/", "/hudong/surveys/", "/report-error/",
                 "/ask/track/"):
        assert f'href="{href}"' in home
    nav = home.split('aria-label="主导航"')[1].split("</nav>")[0]
    assert 'href="/hudong/">互动交流' in nav
    hub = client.get("/hudong/").content.decode()
    assert "<h1>互动交流</h1>" in hub and 'href="/hudong/surveys/"' in hub
    assert client.get("/hudong/surveys/").status_code == 200
