"""One rule-violation type, shown on a form, in a flash message or as the API's JSON 400."""

import json

from django import forms
from django.core.exceptions import ValidationError

from gongkai.core.errors import RuleViolation
from gongkai.core.forms import add_service_errors, error_text, json_errors
from gongkai.foi.rules import RuleError
from gongkai.review.services import TransitionError


class _Form(forms.Form):
    title = forms.CharField(required=False)


def test_a_violation_names_its_field_and_is_a_validation_error():
    exc = RuleViolation("请填写标题。", field="title")
    assert (exc.field, exc.message, str(exc)) == ("title", "请填写标题。", "请填写标题。")
    assert isinstance(exc, ValidationError) and exc.message_dict == {"title": ["请填写标题。"]}
    assert RuleViolation("未知的操作。").field == "__all__"
    # foi's and review's errors are the same type, so one helper shows them all
    assert RuleError is RuleViolation and issubclass(TransitionError, RuleViolation)


def test_several_messages_at_once():
    exc = RuleViolation.from_dict({"title": "请填写标题。", "agency": "请填写发文机关。"})
    assert exc.message_dict == {"title": ["请填写标题。"], "agency": ["请填写发文机关。"]}
    assert error_text(exc) == "请填写标题。；请填写发文机关。"


def test_on_a_form_the_message_goes_to_its_field_else_on_top():
    form = _Form({"title": ""})
    assert form.is_valid()
    add_service_errors(form, RuleViolation("请填写标题。", field="title"))
    add_service_errors(form, RuleViolation("生效日期不能晚于今天。", field="effective_on"))
    add_service_errors(form, ValidationError("文件当前状态不能修改。"))
    assert form.errors["title"] == ["请填写标题。"]
    assert form.non_field_errors() == ["生效日期不能晚于今天。", "文件当前状态不能修改。"]


def test_as_json_it_is_a_400_with_field_and_chinese_message():
    response = json_errors(RuleViolation("该渠道须填写签收日期。", field="signed_on"))
    assert response.status_code == 400
    assert json.loads(response.content) == {"errors": {"signed_on": "该渠道须填写签收日期。"}}
    assert "签收日期" in response.content.decode()  # not \\u-escaped


def test_submit_form_puts_a_refusal_on_the_form_and_answers_400(rf):
    from django import forms as djforms
    from django.http import HttpResponse

    from gongkai.core.errors import RuleViolation
    from gongkai.core.forms import submit_form

    class TitleForm(djforms.Form):
        title = djforms.CharField()

    def refuse(data):
        raise RuleViolation("标题已被使用。", field="title")

    form = TitleForm({"title": "通知"})
    assert submit_form(rf.post("/"), form, refuse) == (None, 400)
    assert form.errors["title"] == ["标题已被使用。"]

    ok = HttpResponse("done")
    assert submit_form(rf.post("/"), TitleForm({"title": "通知"}), lambda data: ok) == (ok, 200)
    assert submit_form(rf.get("/"), TitleForm(), refuse) == (None, 200)
    assert submit_form(rf.post("/"), TitleForm({}), refuse) == (None, 400)
