"""问卷调查: outline parsing, one answer per phone, SVG charts and CSV results."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.interaction import survey_rules
from gongkai.interaction.models import SurveyResponse
from gongkai.interaction.services import surveys as services
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

from .conftest import solved

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
OUTLINE = """[单选] 您对便民服务中心的办事效率是否满意？
- 满意
- 基本满意
- 不满意
[多选] 您通过哪些渠道了解政务信息？
- 政府网站
- 微信公众号
- 公开栏
[文字] 其他意见和建议
"""


@pytest.mark.parametrize(("text", "error"), [
    ("", "请至少填写一道题目。"),
    ("- 选项", "第 1 行：选项必须写在单选或多选题的题目之后。"),
    ("[单选] 题\n- 只有一个", "第 1 题“题”应有2至20个选项。"),
    ("[多选] 题\n- 甲\n- 甲", "有重复的选项"),
    ("[文字] 题\n- 甲", "第 2 行：选项必须写在单选或多选题的题目之后。"),
    ("题目没有标记", "第 1 行：无法识别"),
])
def test_outline_errors(text, error):
    with pytest.raises(ValueError, match=error):
        survey_rules.parse_outline(text)


def test_outline_parses_kinds_and_choices():
    specs = survey_rules.parse_outline(OUTLINE)
    assert [(s.kind, len(s.choices)) for s in specs] == [("single", 3), ("multiple", 3), ("text", 0)]


def test_bar_chart_is_escaped_svg_with_a_text_alternative():
    svg = survey_rules.bar_chart_svg("满意度<b>", [("满意<script>", 3), ("不满意", 1)], 4)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "3（75.0%）" in svg and "满意&lt;script&gt; 3 票" in svg
    assert survey_rules.bar_chart_svg("空", [("甲", 0)], 0).count("<rect") == 1


@pytest.fixture
def survey(officer, township):
    item = services.create_survey(actor=officer, org=township, title="政务服务满意度调查", intro="",
                                  starts_on=TODAY - dt.timedelta(days=1), ends_on=TODAY + dt.timedelta(days=7),
                                  outline=OUTLINE)
    return services.publish_survey(actor=officer, survey=item)


def _choice_ids(survey):
    q1, q2, q3 = survey.questions.all()
    return q1, q2, q3, [c.pk for c in q1.choices.all()], [c.pk for c in q2.choices.all()]


def test_answers_are_validated_per_question(survey):
    q1, q2, q3, c1, c2 = _choice_ids(survey)
    with pytest.raises(ValidationError) as exc:
        services.submit_response(survey=survey, answers={q1.pk: [c1[0], c1[1]], q2.pk: [], q3.pk: ""})
    assert exc.value.message_dict == {f"q{q1.pk}": ["本题只能选择一项。"], f"q{q2.pk}": ["请至少选择一项。"]}
    with pytest.raises(ValidationError) as exc:
        services.submit_response(survey=survey, answers={q1.pk: [c2[0]], q2.pk: [c2[0]]})
    assert exc.value.message_dict == {f"q{q1.pk}": ["所选选项不属于本题。"]}


def test_one_answer_per_phone(survey):
    q1, q2, _q3, c1, c2 = _choice_ids(survey)
    answers = {q1.pk: [c1[0]], q2.pk: [c2[0], c2[2]]}
    services.submit_response(survey=survey, answers=answers, phone="13800001111")
    with pytest.raises(ValidationError) as exc:
        services.submit_response(survey=survey, answers=answers, phone="13800001111")
    assert "已经参与过" in exc.value.message_dict["phone"][0]
    services.submit_response(survey=survey, answers=answers)
    services.submit_response(survey=survey, answers=answers)  # anonymous answers are not limited by phone
    assert SurveyResponse.objects.count() == 3


def test_public_form_results_and_csv(client, survey, officer):
    q1, q2, q3, c1, c2 = _choice_ids(survey)
    url = survey.get_absolute_url()
    data = {f"q{q1.pk}": str(c1[1]), f"q{q2.pk}": [str(c2[0]), str(c2[1])], f"q{q3.pk}": "希望延长周末办公时间",
            "phone": "138 0000 2222"}
    assert client.post(url, solved(client, url, data)).status_code == 200
    assert SurveyResponse.objects.get().phone == "13800002222"
    again = client.post(url, solved(client, url, data))
    assert again.status_code == 400 and "已经参与过本次调查" in again.content.decode()
    missing = client.post(url, solved(client, url, {"phone": ""}))
    assert missing.status_code == 400 and "第1题：请选择一项。" in missing.content.decode()
    results = client.get(url + "results/").content.decode()
    assert "<svg" in results and "1（100.0%）" in results and "希望延长" not in results
    rows = list(csv.reader(io.StringIO(client.get(url + "results.csv").content.decode("utf-8-sig"))))
    assert rows[0] == ["题目", "选项", "票数", "占答题人数比例"]
    assert ["您对便民服务中心的办事效率是否满意？", "基本满意", "1", "100.0%"] in rows
    assert rows[-1] == ["答卷总数", "", "1", ""]
    client.login(username="officer", password=PASSWORD)
    raw = list(csv.reader(io.StringIO(
        client.get(f"/staff/interaction/surveys/{survey.pk}/responses.csv").content.decode("utf-8-sig"))))
    assert raw[1][2] == "138****2222" and raw[1][5] == "希望延长周末办公时间" and raw[1][4] == "政府网站；微信公众号"


def test_closed_and_unpublished_surveys(client, officer, township):
    draft = services.create_survey(actor=officer, org=township, title="草稿问卷", intro="", starts_on=TODAY,
                                   ends_on=TODAY, outline=OUTLINE)
    assert client.get(draft.get_absolute_url()).status_code == 404
    closed = services.create_survey(actor=officer, org=township, title="已结束", intro="",
                                    starts_on=TODAY - dt.timedelta(days=9), ends_on=TODAY - dt.timedelta(days=1),
                                    outline=OUTLINE)
    services.publish_survey(actor=officer, survey=closed)
    with pytest.raises(ValidationError, match="已结束"):
        services.submit_response(survey=closed, answers={})
    assert "不能作答" in client.get(closed.get_absolute_url()).content.decode()


def test_staff_create_and_scope(client, officer, township, other_township, make_user):
    client.login(username="officer", password=PASSWORD)
    bad = client.post("/staff/interaction/surveys/", {"org": township.code, "title": "问卷", "starts_on": "2026-01-01",
                                                      "ends_on": "2026-01-02", "outline": "[单选] 只有题目"})
    assert bad.status_code == 400 and "应有2至20个选项" in bad.content.decode()
    ok = client.post("/staff/interaction/surveys/", {"org": township.code, "title": "问卷", "starts_on": "2026-01-01",
                                                     "ends_on": "2026-01-02", "outline": OUTLINE})
    assert ok.status_code == 302 and client.get(ok.url).status_code == 200
    make_user("outsider", other_township, Role.OFFICER)
    client.login(username="outsider", password=PASSWORD)
    assert client.get(ok.url).status_code == 404
    assert client.get(ok.url + "responses.csv").status_code == 404
