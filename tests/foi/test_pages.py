"""Public pages (apply, confirmation, track, correction) and staff pages (scope, queues, registration)."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.spam import token_for
from gongkai.foi import services, services_clock
from gongkai.foi.models import DisclosureRequest
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD


def form_data(payload, *, answer=None, a=3, b=4):
    token = token_for(a + b)  # a fresh single-use token each time
    return {**payload, "challenge": token, "answer": str(a + b if answer is None else answer), "website": ""}


@pytest.mark.django_db
def test_apply_page_renders_the_form(client, township):
    response = client.get("/foi/apply/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="id_number"' in html and "验证题" in html and township.name in html


@pytest.mark.django_db
def test_apply_then_confirmation_then_tracking_without_personal_data(client, payload):
    response = client.post("/foi/apply/", form_data(payload), REMOTE_ADDR="10.5.0.1")
    assert response.status_code == 302, response.content.decode()[:2000]
    done = client.get(response["Location"]).content.decode()
    req = DisclosureRequest.objects.get()
    assert req.number in done
    code = re.search(r'class="query-code">([A-Z0-9]{8})<', done).group(1)
    assert payload["name"] not in done and payload["id_number"] not in done
    # A fresh browser tracks with number + code.
    client.cookies.clear()
    tracked = client.post("/foi/track/", {"number": req.number, "code": code}, follow=True)
    html = tracked.content.decode()
    assert tracked.status_code == 200 and "答复期限是怎样计算的" in html and "条例第三十三条" in html
    for secret in (payload["name"], payload["id_number"], payload["phone"], payload["email"], payload["address"]):
        assert secret not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "answer", "message"),
    [
        ({"id_number": "110105194912310021"}, None, "校验位"),
        ({}, 99, "验证题答案不正确"),
        ({"website": "http://spam.example"}, None, "未通过校验"),
        ({"delivery": "mail", "address": ""}, None, "请填写通信地址"),
    ],
)
def test_apply_errors_are_tied_to_fields(client, payload, change, answer, message):
    response = client.post("/foi/apply/", {**form_data(payload, answer=answer), **change}, REMOTE_ADDR="10.5.0.2")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if "website" not in change:
        assert 'aria-invalid="true"' in html and 'aria-describedby="id_' in html
    assert DisclosureRequest.objects.count() == 0


@pytest.mark.django_db
def test_apply_rate_limited(client, payload, settings):
    settings.GONGKAI_FOI_RATE_LIMIT = 1
    assert client.post("/foi/apply/", form_data(payload), REMOTE_ADDR="10.5.0.3").status_code == 302
    response = client.post("/foi/apply/", form_data(payload), REMOTE_ADDR="10.5.0.3")
    assert response.status_code == 429 and "频繁" in response.content.decode()


@pytest.mark.django_db
def test_wrong_code_and_foreign_session(client, payload):
    req, code = services.submit_online_request(org=_org(payload), fields=_fields(payload))
    response = client.post("/foi/track/", {"number": req.number, "code": "AAAAAAAA"})
    assert response.status_code == 404 and "不正确" in response.content.decode()
    # Without having given the code, the status URL sends the visitor back to the form.
    assert client.get(f"/foi/track/{req.number}/")["Location"] == "/foi/track/"


def _org(payload):
    from gongkai.orgs.models import Organization

    return Organization.objects.get(code=payload["org"])


def _fields(payload):
    return {k: v for k, v in payload.items() if k != "org"}


@pytest.mark.django_db
def test_applicant_uploads_a_correction(client, payload, make_user, township):
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    req, code = services.submit_online_request(org=township, fields=_fields(payload))
    today = services.today()
    services_clock.request_correction(req, actor=handler, on=today, due_on=today + dt.timedelta(days=15),
                                note="请写明所需信息的具体年份")
    page = client.post("/foi/track/", {"number": req.number, "code": code}, follow=True).content.decode()
    assert "请写明所需信息的具体年份" in page and "提交补正" in page
    upload = SimpleUploadedFile("补正.txt", "2024年度".encode(), content_type="text/plain")
    response = client.post(f"/foi/track/{req.number}/correction/", {"text": "所需为2024年度", "file": upload})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.correction_received_on == today and req.status == "registered" and req.due_on is not None
    assert req.attachments.filter(kind="correction").count() == 1


# --- staff ----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_staff_scope_county_admin_sees_units_township_only_its_own(client, payload, make_user, county, township,
                                                                    other_township):
    mine, _ = services.submit_online_request(org=township, fields=_fields(payload))
    theirs, _ = services.submit_online_request(org=other_township, fields=_fields(payload))
    make_user("county_admin", county, Role.OFFICE_ADMIN)
    make_user("town_handler", township, Role.REQUEST_HANDLER)
    client.login(username="county_admin", password=PASSWORD)
    assert client.get(f"/staff/requests/{mine.number}/").status_code == 200
    assert client.get(f"/staff/requests/{theirs.number}/").status_code == 200
    client.login(username="town_handler", password=PASSWORD)
    page = client.get(f"/staff/requests/{mine.number}/")
    assert page.status_code == 200 and payload["id_number"] in page.content.decode()
    assert client.get(f"/staff/requests/{theirs.number}/").status_code == 404
    queue = client.get("/staff/requests/").content.decode()
    assert mine.number in queue and theirs.number not in queue


@pytest.mark.django_db
def test_staff_registers_a_letter_and_advances_it(client, make_user, township):
    make_user("town_handler", township, Role.REQUEST_HANDLER)
    client.login(username="town_handler", password=PASSWORD)
    data = {"org": township.code, "applicant_type": "natural_person", "name": "孙立", "description": "村道硬化工程验收资料",
            "delivery": "paper", "channel": "mail_registered", "signed_on": "2025-09-22", "phone": "",
            "id_type": "", "id_number": "", "backdate_reason": "历史纸质申请补录"}
    missing = client.post("/staff/requests/new/", {**data, "signed_on": ""})
    assert missing.status_code == 400 and "签收日期" in missing.content.decode()
    response = client.post("/staff/requests/new/", data)
    assert response.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.received_on == dt.date(2025, 9, 22) and req.channel == "mail_registered"
    client.post(f"/staff/requests/{req.number}/act/", {"action": "advance", "comment": "同意受理"})
    req.refresh_from_db()
    assert req.status == "screening"
    client.post(f"/staff/requests/{req.number}/reply/", {"outcome": "granted", "replied_on": "2025-10-09",
                                                         "on_the_spot": "on"})
    req.refresh_from_db()
    assert req.outcome == "granted" and req.status == "replied"


@pytest.mark.django_db
def test_queues_sort_requests_by_urgency(make_user, township):
    from gongkai.foi import selectors
    from gongkai.workdays.services import get_calendar

    handler = make_user("h", township, Role.REQUEST_HANDLER)
    fields = {"applicant_type": "natural_person", "name": "甲", "description": "某事项", "delivery": "paper"}
    old, _ = services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township, channel="in_person", fields=fields,
                                       submitted_on=dt.date(2025, 1, 6))
    new, _ = services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township, channel="in_person", fields=fields,
                                       submitted_on=dt.date(2025, 3, 3))
    q = selectors.queues({township.pk}, today=dt.date(2025, 3, 26), calendar=get_calendar())
    assert list(q["overdue"]) == [old] and list(q["due_soon"]) == [new]
    assert list(q["due_today"]) == [] and list(q["waiting"]) == []


@pytest.mark.django_db
def test_a_correction_with_a_very_long_file_name_is_stored_with_its_extension(client, payload, make_user, township,
                                                                              settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    req, code = services.submit_online_request(org=township, fields=_fields(payload))
    today = services.today()
    services_clock.request_correction(req, actor=handler, on=today, due_on=today + dt.timedelta(days=15), note="补正")
    client.post("/foi/track/", {"number": req.number, "code": code})
    long_name = "关于申请公开老旧小区改造项目预算及招标结果的补充说明材料" * 6 + ".txt"  # 168 characters, 500 bytes
    upload = SimpleUploadedFile(long_name, "2024年度".encode(), content_type="text/plain")
    response = client.post(f"/foi/track/{req.number}/correction/", {"text": "所需为2024年度", "file": upload})
    assert response.status_code == 302
    attachment = req.attachments.get(kind="correction")
    assert attachment.name.endswith(".txt") and attachment.file.name.endswith(".txt")
    assert attachment.file.storage.exists(attachment.file.name)


@pytest.mark.django_db
def test_case_screen_offers_the_reply_only_after_the_sign_off(client, make_user, township):
    from gongkai.foi import letters

    handler = make_user("town_handler", township, Role.REQUEST_HANDLER)
    make_user("town_leader", township, Role.LEADER_REVIEWER)
    services.set_steps(actor=handler, org=township, steps=["registered", "leader_signoff"])
    fields = {"applicant_type": "natural_person", "name": "孙立", "description": "村道硬化工程验收资料", "delivery": "paper"}
    req, _ = services.register_request(actor=handler, org=township, channel="in_person", fields=fields,
                                       submitted_on=services.today())
    client.login(username="town_handler", password=PASSWORD)
    page = client.get(f"/staff/requests/{req.number}/").content.decode()
    # at 登记 only an on-the-spot answer, with a 答复日期 default the date field accepts
    assert "当场答复并出具答复书" in page and "作出答复并出具答复书" not in page
    assert f'value="{services.today().isoformat()}"' in page
    letters.draft_reply(req, actor=handler, outcome="granted")
    req = services.advance(req, actor=handler, comment="同意受理")
    page = client.get(f"/staff/requests/{req.number}/").content.decode()
    assert "答复并出具答复书" not in page  # waiting for 领导审签
    refused = client.post(f"/staff/requests/{req.number}/reply/", {"replied_on": services.today().isoformat()})
    req.refresh_from_db()
    assert req.status == "leader_signoff" and refused.status_code in (302, 400)
    client.logout()
    client.login(username="town_leader", password=PASSWORD)
    page = client.get(f"/staff/requests/{req.number}/").content.decode()
    assert '<option value="advance">通过</option>' in page and "答复并出具答复书" not in page
    client.post(f"/staff/requests/{req.number}/act/", {"action": "advance", "comment": "同意答复"})
    client.logout()
    client.login(username="town_handler", password=PASSWORD)
    page = client.get(f"/staff/requests/{req.number}/").content.decode()
    assert "作出答复并出具答复书" in page and "领导审签：通过（审批完毕，可以答复）" in page
    assert "登记：通过，转“领导审签”" in page
    client.post(f"/staff/requests/{req.number}/reply/", {"replied_on": services.today().isoformat()})
    req.refresh_from_db()
    assert req.status == "replied" and req.outcome == "granted"


@pytest.mark.django_db
def test_the_handler_sees_an_overdue_request_in_the_to_do_list(client, make_user, township):
    make_user("town_leader", township, Role.LEADER_REVIEWER)
    handler = make_user("town_handler", township, Role.REQUEST_HANDLER)
    fields = {"applicant_type": "natural_person", "name": "孙立", "description": "村道硬化工程验收资料", "delivery": "paper"}
    old, _ = services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township,
                                       channel="in_person", fields=fields, submitted_on=dt.date(2025, 1, 6))
    client.login(username="town_handler", password=PASSWORD)
    page = client.get("/staff/").content.decode()
    assert old.number in page and "已逾期" in page and "依申请公开待办（1）" in page
    client.logout()
    client.login(username="town_leader", password=PASSWORD)  # nothing at 登记 waits for the leader
    assert old.number not in client.get("/staff/").content.decode()
