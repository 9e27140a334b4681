from __future__ import annotations

from django import forms

from .models import Kind, ResultCategory


class RegisterForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="类别", choices=Kind.choices)
    number = forms.CharField(label="编号", max_length=40, help_text="例如：第0123号")
    title = forms.CharField(label="标题", max_length=300)
    proposer = forms.CharField(label="提出人", max_length=200, help_text="代表或委员的姓名，联名的写领衔人等。")
    co_handlers = forms.CharField(label="协办单位", max_length=300, required=False)


class ReplyForm(forms.Form):
    result = forms.ChoiceField(label="办理结果类别", choices=ResultCategory.choices)
    replied_on = forms.DateField(label="答复日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reply = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 8}))
