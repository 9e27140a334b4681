"""The 发文字号待核 list in a real browser: axe, vnu and 360 px."""

from __future__ import annotations

import io
import json
import re

import pytest

from gongkai.documents.importer import import_documents
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

from .support import PHONE, blocking, run_axe, validate_html

pytestmark = pytest.mark.django_db(transaction=True)


def test_flagged_numbers_page(page, live_server, make_user, township, tmp_path):
    row = {"title": "关于做好2024年秸秆禁烧工作的通知", "body": "请做好秸秆禁烧工作。", "agency": township.name,
           "doc_number": "龙街办字(2024)第三号文", "published_on": "2024-05-06"}
    assert import_documents(io.StringIO(json.dumps(row, ensure_ascii=False)), township).flagged == 1
    make_user("ljq_officer", township, Role.OFFICER)
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill("ljq_officer")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    page.goto(live_server.url + "/staff/documents/")
    page.get_by_role("link", name="发文字号待核 1 件").click()
    assert page.get_by_label("《关于做好2024年秸秆禁烧工作的通知》更正后的发文字号").input_value() == "龙街办字〔2024〕第三号文"
    assert not blocking(run_axe(page))
    path = tmp_path / "flagged.html"
    path.write_text(page.content(), encoding="utf-8")
    assert not validate_html([path])
    page.set_viewport_size(PHONE)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="按原样保留").click()
    assert "已按原样保留" in page.get_by_role("status").inner_text()
