"""Public and staff forms of public participation, with precise Chinese messages."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organization
from gongkai.pii.rules import normalize_phone, phone_error

from . import rules
from .models import ErrorKind, MessageKind, Satisfaction
from .spam import SpamGuardForm


def _text(label: str, max_length: int, *, required: bool = True, rows: int | None = None) -> forms.CharField:
    messages = {"max_length": _("%(label)s不能超过%(n)d个字。") % {"label": label, "n": max_length}}
    if required:
        messages["required"] = _("请填写%(label)s。") % {"label": label}
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget,
                           error_messages=messages)


def clean_contact(value: str, *, required: bool) -> str:
    """A mobile/landline number or an e-mail address."""
    value = (value or "").strip()
    if not value:
        if required:
            raise forms.ValidationError(_("请填写联系电话或电子邮箱，以便答复您。"))
        return ""
    if "@" in value:
        try:
            forms.EmailField().clean(value)
        except forms.ValidationError:
            raise forms.ValidationError(_("电子邮箱格式不正确。")) from None
        return value
    if phone_error(value):
        raise forms.ValidationError(_("请填写11位手机号码、带区号的固定电话或电子邮箱。"))
    return normalize_phone(value)


class MessageForm(SpamGuardForm):
    org = forms.ModelChoiceField(
        label=_("咨询机构"), queryset=Organization.objects.all(), to_field_name="code",
        error_messages={"required": _("请选择咨询的机构。"), "invalid_choice": _("所选机构不存在。")})
    kind = forms.ChoiceField(label=_("类别"), choices=MessageKind.choices,
                             error_messages={"required": _("请选择留言类别。"), "invalid_choice": _("留言类别不是可选的值。")})
    name = _text(_("姓名"), 60)
    contact = forms.CharField(label=_("联系电话或电子邮箱"), max_length=100,
                              error_messages={"required": _("请填写联系电话或电子邮箱，以便答复您。"),
                                              "max_length": _("联系方式不能超过100个字符。")})
    topic = _text(_("主题"), 100)
    content = _text(_("留言内容"), 3000, rows=8)
    is_private = forms.BooleanField(label=_("不公开我的留言（仍会答复，但不在网站上公开）"), required=False)

    field_order = ["org", "kind", "topic", "content", "name", "contact", "is_private"]

    def clean_contact(self) -> str:
        return clean_contact(self.cleaned_data.get("contact", ""), required=True)

    def clean_content(self) -> str:
        content = self.cleaned_data["content"].strip()
        if len(content) < 5:
            raise forms.ValidationError(_("留言内容太短，请至少写5个字，说明您要咨询的问题。"))
        return content


class TrackForm(forms.Form):
    number = _text(_("留言编号"), 24)
    code = _text(_("查询码"), 16)


class ErrorReportForm(SpamGuardForm):
    page_url = forms.CharField(label=_("出错页面网址"), max_length=500, error_messages={
        "required": _("请填写出错页面的网址。"), "max_length": _("网址过长（不超过500个字符）。")})
    kind = forms.ChoiceField(label=_("问题类型"), choices=ErrorKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("请选择问题类型。"), "invalid_choice": _("问题类型不是可选的值。")})
    description = _text(_("问题描述"), 2000, rows=5)
    name = _text(_("姓名（选填）"), 60, required=False)
    contact = forms.CharField(label=_("联系电话或电子邮箱（选填，用于告知处理结果）"), max_length=100, required=False,
                              error_messages={"max_length": _("联系方式不能超过100个字符。")})

    def clean_page_url(self) -> str:
        url = self.cleaned_data["page_url"].strip()
        error = rules.page_url_error(url)
        if error:
            raise forms.ValidationError(error)
        return url

    def clean_contact(self) -> str:
        return clean_contact(self.cleaned_data.get("contact", ""), required=False)


class CommentForm(SpamGuardForm):
    name = _text(_("姓名"), 60)
    contact = forms.CharField(label=_("联系电话或电子邮箱（选填，不公开）"), max_length=100, required=False,
                              error_messages={"max_length": _("联系方式不能超过100个字符。")})
    content = _text(_("意见建议"), 5000, rows=8)

    def clean_contact(self) -> str:
        return clean_contact(self.cleaned_data.get("contact", ""), required=False)


# --- staff ---------------------------------------------------------------------------------------------


class AnswerForm(forms.Form):
    answer = _text(_("答复内容"), 5000, rows=8)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None,
                                      error_messages={"required": _("请选择承办人。"),
                                                      "invalid_choice": _("承办人须为本机构工作人员。")})

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class InvalidForm(forms.Form):
    reason = _text(_("无效原因"), 200)


class PublishForm(forms.Form):
    mask = forms.BooleanField(label=_("遮盖检查发现的个人信息后公开"), required=False)


class WorkOrderForm(forms.Form):
    number = _text(_("工单编号"), 40)
    line = forms.ChoiceField(label=_("热线"), choices=[("12345", "12345"), ("96128", "96128")], initial="12345")
    received_on = forms.DateField(label=_("受理日期"), widget=forms.DateInput(attrs={"type": "date"}),
                                  error_messages={"required": _("请填写受理日期。"), "invalid": _("受理日期格式应为 YYYY-MM-DD。")})
    category = _text(_("诉求类别"), 60, required=False)
    summary = _text(_("诉求内容"), 5000, required=False, rows=3)
    replied_on = forms.DateField(label=_("回复日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 error_messages={"invalid": _("回复日期格式应为 YYYY-MM-DD。")})
    closed_on = forms.DateField(label=_("办结日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": _("办结日期格式应为 YYYY-MM-DD。")})
    satisfaction = forms.ChoiceField(label=_("满意度"), choices=Satisfaction.choices, required=False)


class SolicitationForm(forms.Form):
    title = _text(_("标题"), 200)
    body = forms.CharField(label=_("草案内容"), widget=forms.Textarea(attrs={"rows": 12}), max_length=100000,
                           error_messages={"required": _("请填写征求意见的草案内容。")})
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"required": _("请填写开始日期。"), "invalid": _("开始日期格式应为 YYYY-MM-DD。")})
    ends_on = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"required": _("请填写截止日期。"), "invalid": _("截止日期格式应为 YYYY-MM-DD。")})


class FeedbackForm(forms.Form):
    feedback = _text(_("采纳情况说明"), 20000, rows=8)


class SurveyAnswerForm(SpamGuardForm):
    """The fixed part of a survey form; the questions themselves are read by the view."""

    phone = forms.CharField(label=_("手机号码（选填；填写后每个号码只能提交一次）"), max_length=20, required=False,
                            error_messages={"max_length": _("手机号码过长。")})

    def clean_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data.get("phone", ""))
        if phone and not re.fullmatch(r"1[3-9]\d{9}", phone):
            raise forms.ValidationError(_("请填写11位手机号码，或留空。"))
        return phone


class SurveyForm(forms.Form):
    title = _text(_("标题"), 200)
    intro = _text(_("说明"), 2000, required=False, rows=3)
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"required": _("请填写开始日期。"), "invalid": _("开始日期格式应为 YYYY-MM-DD。")})
    ends_on = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"required": _("请填写截止日期。"), "invalid": _("截止日期格式应为 YYYY-MM-DD。")})
    outline = forms.CharField(
        label=_("题目"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000,
        help_text=_("每题一行，以 [单选]、[多选] 或 [文字] 开头；选项写在题目下方，每行以“- ”开头。"),
        error_messages={"required": _("请至少填写一道题目。")})
    results_public = forms.BooleanField(label=_("公开调查结果"), required=False, initial=True)
